// Distributed mode: one subgraph as its own HTTP service (`npm run start:subgraph -- catalog`),
// for a gateway started with SUBGRAPH_URLS pointing at it.
import { ApolloServer } from '@apollo/server';
import { ApolloServerPluginInlineTraceDisabled, ApolloServerPluginLandingPageDisabled } from '@apollo/server/plugin/disabled';
import { fastifyApolloDrainPlugin, fastifyApolloHandler } from '@as-integrations/fastify';
import Fastify, { LogController, type FastifyInstance, type FastifyRequest } from 'fastify';
import { Authenticator, KeyStore } from '../src/auth/index.js';
import { openStore, storeTarget, type Store } from '../src/store/index.js';
import { viewerContext } from '../src/users/index.js';
import { USERS_SUBGRAPH } from '../subgraphs/users/schema.js';
import { Catalog, loadCatalog } from '../src/catalog/index.js';
import { createUpstreamKit, type UpstreamKitWithStats } from '../src/http/index.js';
import { ANN_SUBGRAPH } from '../subgraphs/ann/schema.js';
import { CATALOG_SUBGRAPH } from '../subgraphs/catalog/schema.js';
import { NLQ_SUBGRAPH, type AskExecutor } from '../subgraphs/nlq/schema.js';
import { SCRAPED_SUBGRAPH } from '../subgraphs/scraped/schema.js';
import { SIMILARITY_SUBGRAPH } from '../subgraphs/similarity/schema.js';
import type { Config } from '../src/config/index.js';
import { loggerOptions } from '../src/log/index.js';
import { catalogHealth } from './app.js';
import { CORRELATION_HEADER, correlationIdOf } from './correlation.js';
import { recordingOutcomes, sourceOutcomesPlugin } from './degradation.js';
import { SUBGRAPHS } from './subgraphs.js';

export async function createSubgraphApp(name: string, config: Config, options: { logger?: boolean; catalog?: Catalog; upstream?: UpstreamKitWithStats } = {}): Promise<FastifyInstance> {
  const known = SUBGRAPHS;
  const definition = known.find((s) => s.name === name);
  if (!definition) throw new Error(`Unknown subgraph "${name}"; known: ${known.map((s) => s.name).join(', ')}`);
  const app = Fastify({
    logger: options.logger === false ? false : { ...loggerOptions(config.LOG_LEVEL), base: { service: `subgraph-${name}` } },
    genReqId: correlationIdOf,
    logController: new LogController({ requestIdLogLabel: 'correlationId' }),
    bodyLimit: config.MAX_BODY_BYTES,
  });
  // ANN links news items to catalog entries by their names; users checks anime ids against it.
  const needsCatalog = [CATALOG_SUBGRAPH, NLQ_SUBGRAPH, SIMILARITY_SUBGRAPH, ANN_SUBGRAPH, SCRAPED_SUBGRAPH, USERS_SUBGRAPH].includes(name);
  const catalog = needsCatalog ? (options.catalog ?? (await loadCatalog(config, app.log))) : new Catalog([], []);
  const upstream = options.upstream ?? createUpstreamKit(config, { logger: app.log });
  if (!options.upstream) app.addHook('onClose', () => upstream.close());
  const execute = name === NLQ_SUBGRAPH && config.GATEWAY_URL ? gatewayExecutor(config.GATEWAY_URL) : undefined;
  // The users subgraph verifies the key the gateway forwards (src/users/context.ts) against the
  // store it keeps its data in (one connection for both); every other subgraph needs no identity.
  const viewer = name === USERS_SUBGRAPH ? forwardedViewer(config) : undefined;
  if (viewer) app.addHook('onClose', () => viewer.close());
  const apollo = new ApolloServer({
    schema: await definition.build({ catalog, upstream, config, now: () => new Date(), log: app.log, execute, ...(viewer ? { store: viewer.store } : {}) }),
    plugins: [ApolloServerPluginLandingPageDisabled(), ApolloServerPluginInlineTraceDisabled(), sourceOutcomesPlugin(), fastifyApolloDrainPlugin(app)],
    includeStacktraceInErrorResponses: false,
  });
  await apollo.start();
  app.addHook('onSend', async (request, reply) => {
    reply.header(CORRELATION_HEADER, request.id);
  });
  const context = viewer ? async (request: FastifyRequest) => viewer.contextOf(request) : async () => ({});
  // Each operation runs inside its own outcome recorder; the plugin returns it to the gateway.
  app.post('/graphql', recordingOutcomes(fastifyApolloHandler(apollo, { context })));
  app.get('/health', async () => ({ status: 'ok', subgraph: name, catalog: name === CATALOG_SUBGRAPH ? catalogHealth(catalog) : null, upstreams: upstream.stats() }));
  return app;
}

/**
 * `ask` served on its own runs the operation it chose through the gateway over HTTP: the same
 * limits, merges and degradation as any client's request. The operation's errors come back as the
 * gateway words them; a gateway that cannot be reached is one error naming it.
 */
export function gatewayExecutor(url: string): AskExecutor {
  return async (source, variables, operationName) => {
    try {
      const response = await fetch(url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', accept: 'application/graphql-response+json, application/json' },
        body: JSON.stringify({ query: source, variables, operationName }),
      });
      return (await response.json()) as Awaited<ReturnType<AskExecutor>>;
    } catch (error) {
      return { errors: [{ message: `the gateway at ${url} did not answer (${error instanceof Error ? error.message : String(error)})`, extensions: { code: 'SOURCE_UNAVAILABLE' } }] };
    }
  };
}

/**
 * Verifies a forwarded key (Authorization) with the access layer's own Authenticator; a key it
 * refuses is no viewer. `store` opens the local store on first use, for the subgraph too.
 */
function forwardedViewer(config: Config) {
  let store: Promise<Store> | null = null;
  const open = () => (store ??= openStore(storeTarget(config)).catch((error: unknown) => ((store = null), Promise.reject(error))));
  const authenticator = new Authenticator(() => open().then((s) => new KeyStore(s.db)), 'none');
  return {
    store: open,
    async contextOf(request: FastifyRequest) {
      if (!request.headers.authorization) return viewerContext(undefined);
      const principal = await authenticator.authenticate({ authorization: request.headers.authorization }, request.ip).catch(() => undefined);
      return viewerContext(principal);
    },
    async close() {
      if (store) await (await store.catch(() => null))?.close();
    },
  };
}
