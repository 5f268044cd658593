// Start-up suite: loads the catalog and starts the embedded gateway exactly as the server does,
// timing each step; the app it returns is the one the HTTP suite then measures.
import { createApp, type App } from '../gateway/app.js';
import { loadCatalog, type Catalog } from '../src/catalog/index.js';
import type { Config } from '../src/config/index.js';
import { comparedRow, type Row } from './report.js';

export interface Started {
  catalog: Catalog;
  gateway: App;
  /** http://127.0.0.1:<port>/graphql */
  gatewayUrl: string;
  rows: Row[];
  details: Record<string, number>;
}

const MB = 2 ** 20;

export async function startGateway(config: Config): Promise<Started> {
  const t0 = performance.now();
  const catalog = await loadCatalog(config);
  const t1 = performance.now();
  const gateway = await createApp({ logger: false, config, catalog });
  const address = await gateway.app.listen({ host: '127.0.0.1', port: 0 });
  const t2 = performance.now();
  const memory = process.memoryUsage();

  const row = (figure: string, value: number, unit: Row['unit']): Row => comparedRow('startup', figure, value, null, unit, null);
  return {
    catalog,
    gateway,
    gatewayUrl: `${address}/graphql`,
    rows: [
      row('start-up: time to ready (loadCatalog + createApp + listen)', (t2 - t0) / 1000, 's'),
      row('start-up:   of which loadCatalog', (t1 - t0) / 1000, 's'),
      row('start-up:   of which createApp + listen', (t2 - t1) / 1000, 's'),
      row('start-up: RSS after load', memory.rss / MB, 'MB'),
      row('start-up: JS heap used after load', memory.heapUsed / MB, 'MB'),
    ],
    details: {
      catalogEntries: catalog.size,
      processStartToReadyMs: Math.round(t2),
      loadCatalogMs: Math.round(t1 - t0),
      createAppAndListenMs: Math.round(t2 - t1),
      rssBytes: memory.rss,
      heapUsedBytes: memory.heapUsed,
      externalBytes: memory.external,
    },
  };
}
