// The HTTP server: Fastify with the Apollo gateway at /graphql (POST for clients, GET for the
// self-hosted GraphiQL in a browser), /health, correlation ids, query limits and 400 for requests
// rejected before execution.
import { ApolloServer, type BaseContext } from '@apollo/server';
import { ApolloServerPluginLandingPageDisabled } from '@apollo/server/plugin/disabled';
import fastifyApollo, { fastifyApolloDrainPlugin } from '@as-integrations/fastify';
import { randomUUID } from 'node:crypto';
import Fastify, { LogController, type FastifyInstance } from 'fastify';
import { lazySerializerFactory, lazyValidatorFactory } from './lazy-schema-compilers.js';
import { Catalog, loadCatalog } from '../src/catalog/index.js';
import { createUpstreamKit, type Degradation, type UpstreamKitWithStats } from '../src/http/index.js';
import { loadConfig, type Config } from '../src/config/index.js';
import { loggerOptions } from '../src/log/index.js';
import { readSupergraph } from './compose.js';
import { CORRELATION_HEADER, correlationIdOf } from './correlation.js';
import { degradationPlugin } from './degradation.js';
import { answerTracking, FastPathGateway, httpCacheHeaders } from './fast-path.js';
import { createGateway, remoteSubgraphs } from './gateway.js';
import { remoteClients } from './remote-subgraph.js';
import { bindsLoopback, registerHostGuard } from './host-guard.js';
import { registerMcp } from './mcp.js';
import { registerRest } from '../src/rest/index.js';
import { registerAccess, type Access } from '../src/auth/index.js';
import { adminRoutes, JobRunner } from '../src/admin/index.js';
import { createMetrics } from '../src/metrics/index.js';
import { openStore, storeExists, storeTarget, type Store } from '../src/store/index.js';
import { forwardedKeyContext, UsersService, userRoutes, VIEWER, viewerContext } from '../src/users/index.js';
import { AlertsService, alertRoutes } from '../src/users/alerts/index.js';
import { SharesService, shareRoutes } from '../src/users/shares/index.js';
import { preferencesContext } from '../src/users/preferences.js';
import type { Principal } from '../src/auth/index.js';
import { isOAuthCallback, listFeatures, listRoutes } from '../src/users/lists/index.js';
import { persistedDocuments } from './persisted-documents.js';
import { GRAPHIQL_CSP, graphiqlHtml, registerGraphiql } from './graphiql.js';
import { queryLimitsPlugin } from './limits.js';
import { graphqlRouteErrorHandler, rejectedRequestStatusPlugin } from './request-errors.js';
import { buildSubgraphSchemas, SUBGRAPHS, type SubgraphServices } from './subgraphs.js';
import { CATALOG_SUBGRAPH } from '../subgraphs/catalog/schema.js';

export interface AppOptions {
  /** Log requests (pino to stdout); tests usually turn it off. */
  logger?: boolean;
  /** Configuration; read from the environment when absent. */
  config?: Config;
  /** A catalog already loaded (tests and benchmarks share one). */
  catalog?: Catalog;
  /** An upstream kit (tests point it at the replay server and share it); created from config otherwise. */
  upstream?: UpstreamKitWithStats;
  /** The clock for time-relative fields ("airing today"); tests fix it. */
  now?: () => Date;
}

export interface App {
  app: FastifyInstance;
  /** The in-process catalog; null when the catalog subgraph is remote (distributed mode). */
  catalog: Catalog | null;
  upstream: UpstreamKitWithStats;
  config: Config;
  /** API keys, tiers and quotas (src/auth). */
  access: Access;
  /**
   * Runs one GraphQL operation in-process with every limit of /graphql (MCP, NLQ and REST use it).
   * An aborted `signal` rejects at once with its reason.
   */
  execute(source: string, variables?: Record<string, unknown>, operationName?: string, options?: ExecuteOptions): Promise<ExecutionOutcome>;
  close(): Promise<void>;
}

export interface ExecuteOptions {
  signal?: AbortSignal;
  /**
   * Run as this caller: the user properties of a request's context (src/users/preferences.ts,
   * `callerContextOf`), so the user's preferences apply and `viewer` is theirs. Anonymous without it.
   */
  callerContext?: Record<symbol, unknown>;
}

export interface ExecutionOutcome {
  data?: Record<string, unknown> | null;
  errors?: ReadonlyArray<{ message: string; path?: ReadonlyArray<string | number>; extensions?: Record<string, unknown> }>;
  /** `degradation` (see README), present when the operation touched an upstream. */
  extensions?: Record<string, unknown>;
}

export interface RequestContext extends BaseContext {
  correlationId: string;
}

export async function createApp(options: AppOptions = {}): Promise<App> {
  const config = options.config ?? loadConfig();
  const app = Fastify({
    logger: options.logger === false ? false : loggerOptions(config.LOG_LEVEL),
    genReqId: correlationIdOf,
    logController: new LogController({ requestIdLogLabel: 'correlationId' }),
    bodyLimit: config.MAX_BODY_BYTES,
    // Route validators and serializers compiled on first use, not at start (lazy-schema-compilers.ts).
    schemaController: { compilersFactory: { buildValidator: lazyValidatorFactory(), buildSerializer: lazySerializerFactory() } },
    // Behind a reverse proxy request.ip (the anonymous quota's key) is the client's, not the proxy's.
    trustProxy: config.TRUST_PROXY,
  });
  const embedded = SUBGRAPHS.map((s) => s.name).filter((name) => !config.subgraphUrls.has(name));
  const catalog = embedded.includes(CATALOG_SUBGRAPH) ? (options.catalog ?? (await loadCatalog(config, app.log))) : null;
  const upstream = options.upstream ?? createUpstreamKit(config, { logger: app.log });
  const now = options.now ?? (() => new Date());
  // A remote catalog subgraph needs no local data: the empty catalog is never queried.
  // `ask` runs operations through this gateway, which exists only once the schemas are built.
  let execute: App['execute'] = async () => ({ errors: [{ message: 'the gateway is still starting' }] });
  // `store` (declared below, called only once requests run) lets the users subgraph share the app's store.
  const services: SubgraphServices = { catalog: catalog ?? new Catalog([], []), upstream, config, now, log: app.log, execute: (source, variables, name, options) => execute(source, variables, name, options), store: () => store() };
  const local = await buildSubgraphSchemas(
    services,
    embedded,
  );
  const supergraph = await readSupergraph(config.root);
  // Distributed mode: one keep-alive pool per remote subgraph, for the planner and the fast path.
  const clients = remoteClients(config.subgraphUrls);
  app.addHook('onClose', () => clients.close());
  const federated = createGateway(supergraph, { local, remote: clients.clients });
  // Operations one in-process subgraph answers alone skip the query planner (fast-path.ts).
  // In distributed mode the same for a subgraph of another process: one HTTP request to it.
  const remote = config.GATEWAY_FAST_PATH ? remoteSubgraphs(supergraph, clients.clients) : null;
  const routable = new Map([...local, ...(remote?.schemas ?? [])]);
  const gateway =
    config.GATEWAY_FAST_PATH && routable.size
      ? new FastPathGateway(federated, supergraph, routable, {
          offline: [CATALOG_SUBGRAPH],
          responseCacheEntries: config.RESPONSE_CACHE_ENTRIES,
          ...(remote ? { remote: remote.runners, remoteAnswerTtlMs: config.REMOTE_ANSWER_TTL_MS } : {}),
        })
      : federated;
  const apollo = new ApolloServer<RequestContext>({
    gateway,
    plugins: [
      ApolloServerPluginLandingPageDisabled(),
      queryLimitsPlugin(config.QUERY_MAX_DEPTH, config.QUERY_MAX_COMPLEXITY),
      degradationPlugin(),
      rejectedRequestStatusPlugin(),
      fastifyApolloDrainPlugin(app),
    ],
    includeStacktraceInErrorResponses: false,
  });
  await apollo.start();
  execute = async (source, variables = {}, operationName, { signal, callerContext } = {}) => {
    signal?.throwIfAborted();
    const running = apollo.executeOperation({ query: source, variables, operationName }, { contextValue: { correlationId: randomUUID(), ...callerContext } });
    // The caller stops waiting; upstream requests already sent finish into the cache, because the
    // kit shares one request among every caller asking the same thing at once.
    const response = await (signal ? untilAborted(running, signal) : running);
    if (response.body.kind !== 'single') throw new Error('incremental delivery is not supported here');
    const { data, errors, extensions } = response.body.singleResult;
    const degradation = extensions?.['degradation'] as Degradation | undefined;
    return { data: data ?? null, ...(errors ? { errors } : {}), ...(degradation?.sources.length ? { extensions: { degradation } } : {}) };
  };

  // On the raw response, so routes that hijack the reply (MCP's Streamable HTTP transport writes
  // its own answer and bypasses onSend) carry the id too.
  app.addHook('onRequest', async (request, reply) => {
    reply.raw.setHeader(CORRELATION_HEADER, request.id);
  });
  await registerHostGuard(app, config);
  // The local store (API keys, usage, enrichment) opens on first use: anonymous traffic never needs it.
  let opened: Promise<Store> | null = null;
  const store = () => (opened ??= openStore(storeTarget(config)).catch((error: unknown) => ((opened = null), Promise.reject(error))));
  const metrics = createMetrics(() => upstream.stats());
  registerGraphiql(app, { endpoint: '/graphql' });
  // Browsers asking for HTML get GraphiQL; everything else on /graphql is GraphQL over HTTP.
  app.addHook('onRequest', async (request, reply) => {
    if (request.method === 'GET' && request.url.split('?')[0] === '/graphql' && request.headers.accept?.includes('text/html')) {
      return reply.type('text/html; charset=utf-8').header('content-security-policy', GRAPHIQL_CSP).send(graphiqlHtml('/graphql'));
    }
  });
  // Keys, quotas and trusted documents for /graphql, /api and /mcp, after the GraphiQL page above.
  const access = await registerAccess(app, { config, metrics, store, quotas: config.QUOTAS ?? !bindsLoopback(config.HOST), documents: () => persistedDocuments(config.root), keyless: isOAuthCallback });
  // Its own context, so bodies Fastify cannot parse are answered in the GraphQL error shape here
  // and nowhere else.
  // GET answers the catalog alone gave may be kept by HTTP caches (ETag, 304); no other (fast-path.ts).
  const answers = new WeakMap<object, ReturnType<typeof answerTracking>>();
  const users = new UsersService({ store, catalog: catalog ?? new Catalog([], []), config, log: app.log, forgetKeys: (ids) => ids.forEach((id) => access.authenticator.forget(id)) });
  // The verified key's user (src/users/context.ts) and a loader of their preferences, which the
  // subgraphs apply by default (src/users/preferences.ts).
  const userContext = (principal: Principal | undefined) => {
    const viewer = viewerContext(principal);
    return { ...viewer, ...preferencesContext(users, viewer[VIEWER] ?? null) };
  };
  await app.register(async (graphql) => {
    graphql.setErrorHandler(graphqlRouteErrorHandler);
    graphql.addHook('onSend', async (request, reply, payload) => {
      if (request.method !== 'GET' || typeof payload !== 'string' || !String(reply.getHeader('content-type') ?? '').includes('json')) return payload;
      const vary = reply.getHeader('vary');
      const decision = httpCacheHeaders(answers.get(request), reply.statusCode, payload, request.headers['if-none-match'], vary === undefined ? undefined : String(vary));
      void reply.headers(decision.headers);
      if (!decision.notModified) return payload;
      void reply.code(304);
      return '';
    });
    await graphql.register(fastifyApollo(apollo), {
      path: '/graphql',
      method: ['GET', 'POST'],
      context: async (request) => {
        const tracking = answerTracking();
        if (request.method === 'GET') answers.set(request, tracking);
        // The verified key's user, for the users subgraph (src/users/context.ts).
        const principal = access.principalOf(request);
        return { correlationId: request.id, ...tracking, ...userContext(principal), ...forwardedKeyContext(principal, request.headers) };
      },
    });
  });
  // An MCP session over HTTP runs as the key that opened it (user tools, preferences).
  await registerMcp(app, config, execute, catalog, { principalOf: (request) => access.principalOf(request), contextOf: userContext });
  const jobs = new JobRunner((job, error) => app.log.error({ err: error, jobId: job.id, kind: job.kind }, 'admin job failed'));
  // Airing alerts: the checker timer (ALERTS_CHECK_INTERVAL_S) and GET /api/me/events (src/users/alerts).
  const alerts = new AlertsService({ store, catalog: catalog ?? new Catalog([], []), config, upstream, log: app.log, storeExists: () => opened !== null || storeExists(storeTarget(config)) });
  await registerRest(app, { execute, config, upstream, metrics, callerContextOf: (request) => userContext(access.principalOf(request)), routes: { '/me': alertRoutes({ access, users, alerts, metrics }), '/admin': adminRoutes({ access, upstream, jobs, config, catalog, store }), '': userRoutes({ access, service: users, config, metrics }), '/lists': shareRoutes({ shares: new SharesService({ store }), catalog: catalog ?? new Catalog([], []), metrics }), ...listRoutes({ access, users, features: listFeatures({ store, catalog: catalog ?? new Catalog([], []), config, upstream, log: app.log }), metrics }) } });
  app.get('/health', async () => ({
    status: 'ok',
    mode: config.subgraphUrls.size ? 'distributed' : 'embedded',
    subgraphs: SUBGRAPHS.map((s) => ({ name: s.name, url: config.subgraphUrls.get(s.name) ?? 'in-process' })),
    catalog: catalog ? catalogHealth(catalog) : null,
    upstreams: upstream.stats(),
    // Catalog-only answers served from memory (gateway/fast-path.ts); null when the fast path is off.
    responseCache: gateway instanceof FastPathGateway ? gateway.responseCacheStats() : null,
    uptimeSeconds: Math.round(process.uptime()),
  }));

  const close = async () => {
    await jobs.close();
    await app.close();
    if (opened) await (await opened.catch(() => null))?.close();
    if (!options.upstream) await upstream.close();
  };
  return { app, catalog, upstream, config, access, execute, close };
}

/** `promise`, or its rejection with the signal's reason as soon as the signal aborts. */
function untilAborted<T>(promise: Promise<T>, signal: AbortSignal): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const abort = () => reject(signal.reason);
    signal.addEventListener('abort', abort, { once: true });
    promise.then(resolve, reject).finally(() => signal.removeEventListener('abort', abort));
  });
}

export function catalogHealth(catalog: Catalog) {
  return { entries: catalog.size, sources: catalog.reports.map(({ provider, loaded, skipped }) => ({ provider, loaded, skipped })) };
}
