// What each admin job does: the same work as the CLIs (catalog:update, catalog:enrich,
// embed:catalog), run in this process against its configuration, catalog and store.
import { resolve } from 'node:path';
import type { Catalog } from '../catalog/index.js';
import { DEFAULT_CATALOG_PATH, downloadCatalog } from '../catalog/aod/download.js';
import type { Config } from '../config/index.js';
import { runEmbedJob, type EmbedSource } from '../embed/job.js';
import { metaSource, synopsisSource } from '../embed/sources.js';
import { createHarvestKit, harvestSources, runHarvest, targetsFromRecords, type HarvestSourceName } from '../enrich/index.js';
import { attributesOf } from '../similarity/index.js';
import { loadEngines } from '../similarity/engines.js';
import type { Store } from '../store/index.js';
import type { JobTask } from './jobs.js';

export interface TaskDeps {
  config: Config;
  /** The in-process catalog; null when the catalog subgraph runs elsewhere. */
  catalog: Catalog | null;
  store: () => Promise<Store>;
}

export function catalogUpdateTask({ config }: TaskDeps): JobTask {
  return async ({ progress }) => {
    // Where `npm run catalog:update` writes: CATALOG_PATH, or beside the bundled sample.
    const destination = config.defaultAodSample ? resolve(config.root, DEFAULT_CATALOG_PATH) : config.aodPath;
    const report = await downloadCatalog({
      url: config.CATALOG_URL,
      destination,
      userAgent: config.USER_AGENT,
      onProgress: (received, total) => progress({ done: received, total, unit: 'bytes' }),
    });
    return { ...report, note: 'the running server keeps the catalog it started with; restart it (or its replicas) to serve the new one' };
  };
}

export interface EnrichmentOptions {
  limit?: number;
  only?: HarvestSourceName;
  force?: boolean;
}

export function enrichmentTask({ config, catalog, store }: TaskDeps, options: EnrichmentOptions): JobTask {
  return async ({ signal, progress }) => {
    if (!catalog) throw new Error('the catalog subgraph runs in another process: start enrichment there');
    const opened = await store();
    const kit = createHarvestKit(config);
    try {
      await kit.ready(2000);
      const report = await runHarvest({
        store: opened.enrichment,
        targets: targetsFromRecords(catalog.records),
        sources: harvestSources(kit, config),
        only: options.only,
        force: options.force ?? false,
        limit: options.limit,
        signal,
        requestsSent: () => Object.fromEntries(Object.entries(kit.stats()).map(([name, s]) => [name, s.upstreamRequests])),
        onProgress: (p) => progress({ done: p.done, total: p.total, unit: 'anime', message: `${p.ratePerMinute.toFixed(1)}/min` }),
      });
      if (report.status === 'failed') throw new Error(report.error ?? 'the harvest failed');
      return { ...report };
    } finally {
      await kit.close();
    }
  };
}

export function vectorReindexTask({ config, catalog }: TaskDeps): JobTask {
  return async ({ signal, progress }) => {
    if (!catalog) throw new Error('the catalog subgraph runs in another process: reindex there');
    // The engines and store the similarity service opens, so both use one vector space.
    const { store, meta, text } = await loadEngines(catalog, config);
    try {
      const sources: EmbedSource[] = [metaSource(meta), ...(text ? [synopsisSource(text)] : [])];
      const report = await runEmbedJob({
        store,
        records: catalog.records,
        sources,
        attributesOf,
        manifestPath: resolve(config.root, config.VECTOR_INDEX_DIR, 'embed-manifest.json'),
        signal,
        onProgress: (kind, done, total) => progress({ done, total, unit: 'anime', message: kind }),
      });
      return { ...report };
    } finally {
      await store.close();
    }
  };
}
