// REST over the graph: every /api route runs a persisted operation (or `ask`) through App.execute,
// the path /graphql takes with its limits and degradation; no second data path. Also the
// OpenAPI 3.1 document built from the route schemas (/openapi.json, /docs), /stats and /metrics.
import fastifySwagger from '@fastify/swagger';
import fastifySwaggerUi from '@fastify/swagger-ui';
import { resolve } from 'node:path';
import { readFile } from 'node:fs/promises';
import { buildSchema, type GraphQLSchema } from 'graphql';
import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { App, ExecutionOutcome } from '../../gateway/app.js';
import { loadOperations, type PersistedOperation } from '../mcp/operations.js';
import { operationInputSchema, type JsonSchema } from '../mcp/json-schema.js';
import { createMetrics, type FrontDoor, type Metrics } from '../metrics/index.js';
import { ERROR_SCHEMA, errorBody, outcomeError, restError, type RestError } from './errors.js';
import { OPERATION_ROUTES, type OperationRoute } from './routes.js';
import { ASK_DOCUMENT, BATCH_BODY, BATCH_ITEM_FIELDS, MAX_BATCH, QUESTION_BODY, runBatch, type BatchItem, type Question } from './query.js';

export interface RestOptions {
  execute: App['execute'];
  config: App['config'];
  upstream: App['upstream'];
  /** Shared with the access layer (quota counters); created here when absent. */
  metrics?: Metrics;
  /** More routes under /api (the admin routes), in this scope so they share its errors and OpenAPI. */
  routes?: Record<string, (api: FastifyInstance) => Promise<void>>;
  /**
   * Who a request's key belongs to, as context for its operations (src/users/preferences.ts):
   * with a user's key, REST answers follow that user's preferences as /graphql's do.
   */
  callerContextOf?: (request: FastifyRequest) => Record<symbol, unknown>;
}

// Every route may be called anonymously (the anonymous tier) or with a key; admin routes need one.
const SECURITY_SCHEMES = {
  bearerAuth: { type: 'http' as const, scheme: 'bearer', description: 'An API key: `Authorization: Bearer af_…`.' },
  apiKeyHeader: { type: 'apiKey' as const, in: 'header', name: 'X-API-Key', description: 'The same API key in `X-API-Key`.' },
};

const ERROR_RESPONSES = {
  400: { description: 'BAD_USER_INPUT: the request is invalid; the message says what to change.', ...ERROR_SCHEMA },
  401: { description: 'UNAUTHORIZED: the API key sent is not valid or was revoked (or this server requires one).', ...ERROR_SCHEMA },
  404: { description: 'NOT_FOUND: no such anime or route.', ...ERROR_SCHEMA },
  // Answered by Fastify's router before any route runs (a path parameter over 100 characters).
  414: {
    description: 'A path parameter is too long.',
    type: 'object',
    required: ['message'],
    properties: { error: { type: 'string' }, code: { type: 'string' }, message: { type: 'string' }, statusCode: { type: 'integer' } },
  },
  429: { description: "QUOTA_EXCEEDED: the key's (or this client's) quota is used up; see Retry-After.", ...ERROR_SCHEMA },
  502: { description: 'SOURCE_BAD_RESPONSE: an upstream source answered something unusable.', ...ERROR_SCHEMA },
  503: { description: 'SOURCE_UNAVAILABLE or SOURCE_RATE_LIMITED: an upstream source failed; see Retry-After.', ...ERROR_SCHEMA },
};
// Answered by Node before any route runs, for every route: the request line and headers together
// are over its 16 KiB limit (a long query string, percent-encoded, gets there first).
const HEADERS_TOO_LARGE = {
  description: 'The request line and headers are too large (over 16 KiB together).',
  type: 'object',
  required: ['message'],
  properties: { error: { type: 'string' }, code: { type: 'string' }, message: { type: 'string' }, statusCode: { type: 'integer' } },
};
const OPERATION_RESULT = {
  type: 'object',
  required: ['data', 'operation', 'variables'],
  properties: {
    data: { type: 'object', additionalProperties: true, description: 'The operation result: its GraphQL `data`.' },
    operation: { type: 'string', description: 'The persisted operation that ran (schema/operations).' },
    variables: { type: 'object', additionalProperties: true },
    errors: { type: 'array', items: { type: 'object', additionalProperties: true }, description: 'Field errors of a partial answer.' },
    degradation: { type: 'object', additionalProperties: true, description: 'Which sources failed or answered from a stale cache.' },
  },
};

export async function registerRest(app: FastifyInstance, options: RestOptions): Promise<Metrics> {
  const metrics = options.metrics ?? createMetrics(() => options.upstream.stats());
  observeFrontDoors(app, metrics);
  const schema = buildSchema(await readFile(resolve(options.config.root, 'schema/api.graphql'), 'utf8'));
  const { operations, problems } = await loadOperations(resolve(options.config.root, 'schema/operations'), schema);
  if (problems.length) app.log.warn({ problems }, 'persisted operations skipped by REST');
  const byName = new Map(operations.map((o) => [o.name, o]));

  // The operations of a request run as its caller (REST answers carry no shared-cache headers).
  const executeAs =
    (request: FastifyRequest): App['execute'] =>
    (source, variables, name, more) =>
      options.execute(source, variables, name, { ...more, callerContext: options.callerContextOf?.(request) ?? {} });
  const run = async (operation: PersistedOperation, variables: Record<string, unknown>, notFound: string, request: FastifyRequest) => {
    const outcome = await executeAs(request)(operation.source, variables, operation.name);
    const failure = outcomeError(outcome, notFound);
    if (failure) return { failure };
    return { result: resultBody(operation.name, variables, outcome) };
  };

  await app.register(async (scope) => {
    await scope.register(fastifySwagger, {
      openapi: {
        openapi: '3.1.0',
        info: { title: 'Anime federation REST API', version: '0.1.0', description: 'Thin REST front door over the GraphQL graph: every route runs a persisted operation (schema/operations) with the limits of /graphql.' },
        components: { securitySchemes: SECURITY_SCHEMES },
        // `{}`: anonymous calls are allowed (in the anonymous tier) unless the server requires a key.
        security: [{}, { bearerAuth: [] }, { apiKeyHeader: [] }],
      },
    });
    await scope.register(fastifySwaggerUi, { routePrefix: '/docs', staticCSP: true, transformStaticCSP: selfOnlyCsp, uiConfig: { validatorUrl: null } });
    scope.setErrorHandler(restErrorHandler(metrics));
    scope.addHook('onRoute', (route) => {
      const response = (route.schema as { response?: Record<string, unknown> } | undefined)?.response;
      if (response && !response[431]) response[431] = HEADERS_TOO_LARGE;
    });
    scope.get('/openapi.json', { schema: { hide: true } }, async () => scope.swagger());
    scope.get('/stats', { schema: { summary: 'Request, error, intent and upstream counters as JSON', tags: ['observability'], response: { 200: { type: 'object', additionalProperties: true } } } }, async () => metrics.snapshot());
    scope.get('/metrics', { schema: { hide: true } }, async (_request, reply) => reply.type(metrics.registry.contentType).send(await metrics.registry.metrics()));
    registerMethodNotAllowed(scope, '/stats', 'GET', metrics);

    await scope.register(
      async (api) => {
        api.setNotFoundHandler((request, reply) => sendError(reply, restError('NOT_FOUND', `no route ${request.method} ${request.url.split('?')[0]}`), metrics));
        for (const route of OPERATION_ROUTES) {
          const operation = byName.get(route.operation);
          if (!operation) throw new Error(`REST route ${route.url} needs persisted operation ${route.operation}, which did not load`);
          registerOperationRoute(api, route, operation, schema, run, metrics);
          registerMethodNotAllowed(api, route.url.replace(/^\/api/, ''), 'GET', metrics);
        }
        registerMethodNotAllowed(api, '/query', 'POST', metrics);
        registerMethodNotAllowed(api, '/batch', 'POST', metrics);
        // Fastify's validator coerces types (a number becomes a string); JSON bodies must not be.
        api.addHook('preValidation', async (request, reply) => {
          if (request.method !== 'POST' || (request.routeOptions.url !== '/api/query' && request.routeOptions.url !== '/api/batch')) return;
          const problem = untypedBodyField(request.body, request.routeOptions.url === '/api/batch');
          if (problem) return sendError(reply, restError('BAD_USER_INPUT', problem, { field: problem.split(' ')[0] }), metrics);
        });
        api.post('/query', { schema: { summary: 'Ask in plain language', tags: ['natural language'], operationId: 'ask', body: QUESTION_BODY, response: { 200: ASK_RESULT, ...ERROR_RESPONSES } } }, async (request, reply) => {
          setOperation(request, 'Ask');
          const answered = await ask(executeAs(request), request.body as Question, metrics);
          return 'failure' in answered ? sendError(reply, answered.failure, metrics) : answered.result;
        });
        api.post('/batch', { schema: { summary: `Up to ${MAX_BATCH} questions or persisted operations in one call`, tags: ['natural language'], operationId: 'batch', body: BATCH_BODY, response: { 200: BATCH_RESULT, ...ERROR_RESPONSES } } }, async (request) => {
          setOperation(request, 'Batch');
          const items = (request.body as { items: BatchItem[] }).items;
          const runAs: BoundRunner = (operation, variables, notFound) => run(operation, variables, notFound, request);
          return { results: await runBatch(items, (item) => runBatchItem(item, byName, runAs, executeAs(request), metrics)) };
        });
        for (const [prefix, routes] of Object.entries(options.routes ?? {})) await api.register(routes, { prefix });
      },
      { prefix: '/api' },
    );
  });
  return metrics;
}

/**
 * The plugin's CSP, kept to this origin: no https: fonts or styles, no swagger.io validator, and
 * inline style attributes (Swagger UI's React sets them) instead of https: stylesheets.
 */
function selfOnlyCsp(header: string): string {
  return header
    .replace("font-src 'self' https: data:", "font-src 'self' data:")
    .replace(' validator.swagger.io', '')
    .replace("style-src 'self' https:", "style-src 'self' 'unsafe-inline'")
    .replace(/\s*upgrade-insecure-requests;/, '');
}

// Methods a client may try on a documented path; each gets 405 with Allow (HEAD comes with GET).
const OTHER_METHODS = ['GET', 'POST', 'PUT', 'PATCH', 'DELETE', 'TRACE', 'QUERY'];

export function registerMethodNotAllowed(scope: FastifyInstance, url: string, allowed: string, metrics?: Metrics) {
  if (!scope.supportedMethods.includes('QUERY')) scope.addHttpMethod('QUERY', { hasBody: true });
  const refuse = async (request: FastifyRequest, reply: FastifyReply) => {
    void reply.header('allow', allowed === 'GET' ? 'GET, HEAD' : allowed);
    metrics?.countError('rest', 'METHOD_NOT_ALLOWED');
    return reply.code(405).send({ error: { code: 'METHOD_NOT_ALLOWED', message: `${request.method} is not allowed here; use ${allowed}`, details: { allowed } } });
  };
  // Refused in onRequest, before Fastify would ask a body-carrying method for its Content-Type.
  scope.route({ method: OTHER_METHODS.filter((m) => m !== allowed), url, schema: { hide: true }, onRequest: refuse, handler: refuse });
}

const QUESTION_FIELDS = ['query', 'sessionId', 'region', 'timezone'];

/** The first question field (of the body or of a batch item) that is present but not a string. */
function untypedBodyField(body: unknown, batch: boolean): string | null {
  const check = (value: unknown, where: string, fields: string[]): string | null => {
    if (!value || typeof value !== 'object' || Array.isArray(value)) return null;
    // Fastify's validator would drop unknown fields silently; a misspelt field deserves a 400.
    const unknown = Object.keys(value).find((key) => !fields.includes(key));
    if (unknown !== undefined) return `${where}${unknown.slice(0, 64)} is not a known field; use ${fields.join(', ')}`;
    for (const field of QUESTION_FIELDS) {
      const given = (value as Record<string, unknown>)[field];
      if (given !== undefined && typeof given !== 'string') return `${where}${field} must be a string`;
    }
    return null;
  };
  const items = (body as { items?: unknown } | null)?.items;
  if (batch) {
    if (!Array.isArray(items)) return null;
    for (const [i, item] of items.entries()) {
      const problem = check(item, `items/${i}/`, BATCH_ITEM_FIELDS);
      if (problem) return problem;
    }
    return null;
  }
  return check(body, '', QUESTION_FIELDS);
}

const ASK_RESULT = {
  type: 'object',
  required: ['answer', 'intent', 'operation', 'variables'],
  properties: {
    answer: { type: ['object', 'null'], additionalProperties: true, description: 'The result of the operation that ran (its `data`).' },
    intent: { type: 'string' },
    operation: { type: 'string', description: 'The persisted operation that ran; send it with `variables` to /graphql to repeat.' },
    variables: { type: 'object', additionalProperties: true },
    explanation: { type: 'string' },
    summary: { type: ['string', 'null'], description: 'One sentence answering from the result where the operation has one (a rating, the cast, the staff, news titles).' },
    suggestions: { type: 'array', items: { type: 'string' } },
  },
};
const BATCH_RESULT = {
  type: 'object',
  required: ['results'],
  properties: { results: { type: 'array', items: { type: 'object', required: ['status'], properties: { status: { type: 'integer' } }, additionalProperties: true } } },
};

type Runner = (operation: PersistedOperation, variables: Record<string, unknown>, notFound: string, request: FastifyRequest) => Promise<{ failure: RestError } | { result: Record<string, unknown> }>;
type BoundRunner = (operation: PersistedOperation, variables: Record<string, unknown>, notFound: string) => Promise<{ failure: RestError } | { result: Record<string, unknown> }>;

function registerOperationRoute(api: FastifyInstance, route: OperationRoute, operation: PersistedOperation, schema: GraphQLSchema, run: Runner, metrics: Metrics) {
  const variables = operationInputSchema(schema, operation.definition).properties ?? {};
  const paramSchema = (name: string, spec: { variable: string; schema?: Record<string, unknown> }) => spec.schema ?? withBounds(variables[spec.variable], route.bounds?.[spec.variable]);
  const params = Object.entries(route.params ?? {});
  const query = (route.query ?? []).map((q) => (typeof q === 'string' ? { name: q, variable: q } : q));
  const querySchema: Record<string, JsonSchema> = {};
  for (const { name, variable } of query) {
    const base = variables[variable];
    if (!base) throw new Error(`REST route ${route.url}: ${route.operation} has no variable $${variable}`);
    querySchema[name] = withBounds(base, route.bounds?.[variable]);
  }
  const path = route.url.replace(/^\/api/, '');
  api.get(
    path,
    {
      schema: {
        summary: route.summary,
        description: `Runs the persisted operation \`${operation.name}\`: ${operation.description}`,
        tags: route.tags,
        operationId: operationIdOf(route.url),
        ...(params.length ? { params: { type: 'object', required: params.map(([n]) => n), properties: Object.fromEntries(params.map(([n, spec]) => [n, paramSchema(n, spec)])) } } : {}),
        ...(query.length ? { querystring: { type: 'object', properties: querySchema, additionalProperties: false } } : {}),
        response: { 200: OPERATION_RESULT, ...ERROR_RESPONSES },
      },
    },
    async (request, reply) => {
      setOperation(request, operation.name);
      const values: Record<string, unknown> = { ...route.fixed };
      const given = request.params as Record<string, unknown>;
      for (const [name, spec] of params) values[spec.variable] = spec.variable === 'season' ? String(given[name]).toUpperCase() : given[name];
      const asked = (request.query ?? {}) as Record<string, unknown>;
      for (const { name, variable } of query) if (asked[name] !== undefined) values[variable] = asked[name];
      const answered = await run(operation, values, route.notFound, request);
      return 'failure' in answered ? sendError(reply, answered.failure, metrics) : answered.result;
    },
  );
}

function withBounds(base: JsonSchema | undefined, bounds: Record<string, unknown> | undefined): JsonSchema {
  const schema: JsonSchema = { ...(base ?? {}) };
  // Defaults live in the operation; a querystring default would only hide which one applies.
  delete schema.default;
  if (!bounds) return schema;
  if (schema.type === 'array' && schema.items) return { ...schema, items: { ...schema.items, ...bounds } };
  return { ...schema, ...bounds };
}

function operationIdOf(url: string): string {
  return url
    .replace(/^\/api\//, '')
    .split('/')
    .map((part, i) => {
      const word = part.replace(/^:/, 'by-').replace(/[^A-Za-z0-9]+(.)/g, (_m, c: string) => c.toUpperCase());
      return i === 0 ? word : word.charAt(0).toUpperCase() + word.slice(1);
    })
    .join('');
}

function resultBody(operation: string, variables: Record<string, unknown>, outcome: ExecutionOutcome): Record<string, unknown> {
  return {
    data: outcome.data ?? {},
    operation,
    variables,
    ...(outcome.errors?.length ? { errors: outcome.errors.map(({ message, path, extensions }) => ({ message, ...(path ? { path } : {}), ...(extensions ? { code: extensions['code'] } : {}) })) } : {}),
    ...(outcome.extensions?.['degradation'] ? { degradation: outcome.extensions['degradation'] } : {}),
  };
}

async function ask(execute: App['execute'], question: Question, metrics: Metrics): Promise<{ failure: RestError } | { result: Record<string, unknown> }> {
  const outcome = await execute(ASK_DOCUMENT, { text: question.query, sessionId: question.sessionId, region: question.region, timezone: question.timezone }, 'Ask');
  const failure = outcomeError(outcome, 'no answer');
  if (failure) return { failure };
  const answer = outcome.data!['ask'] as { intent: string; operation: string; variables: Record<string, unknown>; explanation: string; summary: string | null; suggestions: string[]; result: Record<string, unknown> | null };
  metrics.countIntent(answer.intent);
  return {
    result: {
      answer: answer.result,
      intent: answer.intent,
      operation: answer.operation,
      variables: answer.variables,
      explanation: answer.explanation,
      summary: answer.summary,
      suggestions: answer.suggestions,
      ...(outcome.errors?.length ? { errors: outcome.errors.map(({ message }) => ({ message })) } : {}),
    },
  };
}

async function runBatchItem(item: BatchItem, byName: Map<string, PersistedOperation>, run: BoundRunner, execute: App['execute'], metrics: Metrics): Promise<Record<string, unknown>> {
  const failed = (error: RestError) => {
    metrics.countError('rest', error.code);
    return { status: error.status, ...errorBody(error) };
  };
  if ('query' in item && typeof item.query === 'string') {
    const answered = await ask(execute, item, metrics);
    return 'failure' in answered ? failed(answered.failure) : { status: 200, ...answered.result };
  }
  const name = (item as { operation?: unknown }).operation;
  const operation = typeof name === 'string' ? byName.get(name) : undefined;
  if (name === undefined) return failed(restError('BAD_USER_INPUT', 'an item needs `query` (a question) or `operation` (a persisted operation name)', { field: 'items' }));
  if (!operation) return failed(restError('BAD_USER_INPUT', `unknown operation ${JSON.stringify(name)}; one of ${[...byName.keys()].join(', ')}`, { field: 'operation' }));
  const answered = await run(operation, (item as { variables?: Record<string, unknown> }).variables ?? {}, 'nothing found');
  return 'failure' in answered ? failed(answered.failure) : { status: 200, ...answered.result };
}

function sendError(reply: FastifyReply, error: RestError, metrics: Metrics) {
  metrics.countError('rest', error.code);
  if (error.retryAfter !== undefined) void reply.header('retry-after', String(error.retryAfter));
  return reply.code(error.status).send(errorBody(error));
}

/** Fastify's own rejections (schema validation, unparsable or oversized bodies) in the REST error shape. */
function restErrorHandler(metrics: Metrics) {
  return (error: FastifyError, request: FastifyRequest, reply: FastifyReply) => {
    const status = error.statusCode ?? 500;
    if (status >= 400 && status < 500) {
      const code = status === 404 ? 'NOT_FOUND' : status === 429 ? 'RATE_LIMITED' : 'BAD_USER_INPUT';
      const message = error.validation
        ? `invalid ${error.validationContext ?? 'request'}: ${error.message}`
        : error.code === 'FST_ERR_CTP_INVALID_JSON_BODY'
          ? 'the body is not valid JSON, or has a "__proto__" or "constructor" key (refused: prototype poisoning)'
          : error.message;
      metrics.countError('rest', code);
      return reply.code(status).send({ error: { code, message, details: error.validation ? { validation: error.validation.map((v) => ({ path: v.instancePath, message: v.message })) } : {} } });
    }
    request.log.error({ err: error }, 'REST route failed');
    metrics.countError('rest', 'INTERNAL_SERVER_ERROR');
    return reply.code(500).send({ error: { code: 'INTERNAL_SERVER_ERROR', message: 'Internal server error', details: {} } });
  };
}

const OPERATION_KEY = Symbol('operation');
type WithOperation = FastifyRequest & { [OPERATION_KEY]?: string; startedAt?: bigint };

function setOperation(request: FastifyRequest, name: string) {
  (request as WithOperation)[OPERATION_KEY] = name;
}

function doorOf(url: string): FrontDoor {
  const path = url.split('?')[0]!;
  if (path === '/graphql') return 'graphql';
  if (path.startsWith('/api/')) return 'rest';
  if (path === '/mcp' || path.startsWith('/mcp/')) return 'mcp';
  return 'other';
}

/** Latency of every request by front door and operation, and GraphQL's error codes. */
function observeFrontDoors(app: FastifyInstance, metrics: Metrics) {
  const started = new WeakMap<FastifyRequest, bigint>();
  app.addHook('onRequest', async (request) => {
    started.set(request, process.hrtime.bigint());
  });
  app.addHook('onSend', async (request, _reply, payload) => {
    // GraphQL answers field errors with 200, so the codes are read from the body.
    if (doorOf(request.url) === 'graphql' && typeof payload === 'string' && payload.includes('"errors"')) {
      try {
        const body = JSON.parse(payload) as { errors?: Array<{ extensions?: { code?: unknown } }> };
        for (const error of body.errors ?? []) metrics.countError('graphql', String(error.extensions?.code ?? 'UNKNOWN'));
      } catch {
        // Not JSON (GraphiQL's page): nothing to count.
      }
    }
    return payload;
  });
  app.addHook('onResponse', async (request, reply) => {
    const door = doorOf(request.url);
    if (door === 'other') return;
    const start = started.get(request);
    if (start === undefined) return;
    metrics.observeRequest(door, operationNameOf(request, door), reply.statusCode, Number(process.hrtime.bigint() - start) / 1e9);
  });
}

function operationNameOf(request: FastifyRequest, door: FrontDoor): string {
  const named = (request as WithOperation)[OPERATION_KEY];
  if (named) return named;
  const body = request.body as Record<string, unknown> | undefined;
  if (door === 'graphql') {
    const name = body?.['operationName'] ?? (request.query as Record<string, unknown> | undefined)?.['operationName'];
    return typeof name === 'string' && /^[A-Za-z_][A-Za-z0-9_]{0,63}$/.test(name) ? name : 'anonymous';
  }
  if (door === 'mcp') {
    const params = body?.['params'] as Record<string, unknown> | undefined;
    const tool = body?.['method'] === 'tools/call' ? params?.['name'] : body?.['method'];
    return typeof tool === 'string' && /^[\w/.-]{1,64}$/.test(tool) ? tool : 'other';
  }
  // Unknown REST paths: one label, so random URLs cannot grow the label set.
  return 'unmatched';
}
