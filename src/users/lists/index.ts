// List import and linked accounts (`importList`, `linkAccount`, `unlinkAccount`, the OAuth callback,
// and the sync of watchlist writes to linked providers), built once per front door from the app's
// store, catalog, configuration and upstream kit.
import type { Catalog } from '../../catalog/index.js';
import type { Config } from '../../config/index.js';
import type { UpstreamKit } from '../../http/types.js';
import type { Store } from '../../store/index.js';
import { LinksService } from '../links/service.js';
import { ImportService } from './service.js';
import { publicListReader } from './sources.js';

export { ListSource, isListSource, type ImportReport, type ListEntry } from './model.js';
export { ImportService } from './service.js';
export { LinksService, STATE_TTL_MS, type SyncOutcome, type LinkStart } from '../links/service.js';
export { linkedAccountsOf, type LinkedAccount } from '../links/store.js';
export { TokenCipher } from '../links/crypto.js';

export interface ListFeatures {
  imports: ImportService;
  links: LinksService;
}

export function listFeatures(options: { store: () => Promise<Store>; catalog: Catalog; config: Config; upstream: UpstreamKit; now?: () => number; log?: { warn(obj: object, msg: string): void } }): ListFeatures {
  const { store, catalog, config, upstream, now, log } = options;
  const links = new LinksService({ store, catalog, config, ...(now ? { now } : {}), ...(log ? { log } : {}) });
  const imports = new ImportService({ store, catalog, config, reader: publicListReader(upstream, config), links, ...(now ? { now } : {}) });
  return { imports, links };
}
export { isOAuthCallback, listRoutes, type ListRoutesOptions } from './routes.js';
