// The single-fetch fast path of the embedded gateway. Most operations (a catalog lookup, a search,
// a similarity list) touch one in-process subgraph only: the query plan is one fetch, and the
// gateway's planning, fetch serialisation and result merging cost more than the fetch itself (the
// bench measured the embedded gateway at half a plain Apollo Server's throughput). When every field
// of an operation is resolvable by one local subgraph — read from the supergraph's join directives,
// so an @external or @requires field, or one owned elsewhere, sends it the normal way — the
// operation is executed directly against that subgraph's schema, in the same context (correlation
// id, degradation recorder), after the same validation and limits. Anything else takes the
// gateway's path.
import type { ApolloGateway } from '@apollo/gateway';
import {
  execute,
  Kind,
  parse,
  TypeInfo,
  validate,
  visit,
  visitWithTypeInfo,
  getNamedType,
  GraphQLError,
  NoUnusedFragmentsRule,
  NoUnusedVariablesRule,
  print,
  specifiedRules,
  type ASTNode,
  type DirectiveNode,
  type DocumentNode,
  type GraphQLSchema,
  type OperationDefinitionNode,
} from 'graphql';
import { errorCodeDef, ERRORS } from '@apollo/federation-internals';
import { createHash } from 'node:crypto';
import { LRUCache } from 'lru-cache';
import { withOutcomes } from '../src/http/index.js';
import { recorderOf } from './degradation.js';
import { isPersonal } from '../src/users/preferences.js';

// The gateway interface's types, as @apollo/gateway declares them (their package is its dependency, not ours).
type GatewayLoad = Awaited<ReturnType<ApolloGateway['load']>>;
type GatewayExecutor = GatewayLoad['executor'];
export type GatewayGraphQLRequestContext = Parameters<GatewayExecutor>[0];
type GatewayInterface = Pick<ApolloGateway, 'load' | 'onSchemaLoadOrUpdate' | 'stop'>;

/** Which subgraphs can resolve each `Type.field` by themselves (no @external, no @requires). */
export type FieldOwners = Map<string, ReadonlySet<string>>;

/** Reads the supergraph's join directives: for every field, the graphs that resolve it alone. */
export function fieldOwners(supergraphSdl: string): FieldOwners {
  const document = parse(supergraphSdl);
  const graphNames = new Map<string, string>();
  for (const definition of document.definitions) {
    if (definition.kind !== Kind.ENUM_TYPE_DEFINITION || definition.name.value !== 'join__Graph') continue;
    for (const value of definition.values ?? []) {
      const name = stringArgument(value.directives?.find((d) => d.name.value === 'join__graph'), 'name');
      if (name) graphNames.set(value.name.value, name);
    }
  }
  const owners: FieldOwners = new Map();
  for (const definition of document.definitions) {
    if (definition.kind !== Kind.OBJECT_TYPE_DEFINITION && definition.kind !== Kind.INTERFACE_TYPE_DEFINITION) continue;
    const typeGraphs = (definition.directives ?? []).filter((d) => d.name.value === 'join__type').map((d) => graphNames.get(enumArgument(d, 'graph') ?? ''));
    for (const field of definition.fields ?? []) {
      const joins = (field.directives ?? []).filter((d) => d.name.value === 'join__field');
      const graphs = new Set<string>();
      if (!joins.length) {
        // No join__field: every graph defining the type resolves the field.
        for (const graph of typeGraphs) if (graph) graphs.add(graph);
      }
      for (const join of joins) {
        const graph = graphNames.get(enumArgument(join, 'graph') ?? '');
        const external = join.arguments?.some((a) => a.name.value === 'external' && a.value.kind === Kind.BOOLEAN && a.value.value);
        const requires = join.arguments?.some((a) => a.name.value === 'requires');
        // An overridden field (usedOverridden) is still declared there but resolved by the other graph.
        const overridden = join.arguments?.some((a) => a.name.value === 'usedOverridden' && a.value.kind === Kind.BOOLEAN && a.value.value);
        if (graph && !external && !requires && !overridden) graphs.add(graph);
      }
      // A field another graph took over with @override is no longer its old owner's.
      for (const join of joins) {
        const from = stringArgument(join, 'override');
        if (from) graphs.delete(from);
      }
      owners.set(`${definition.name.value}.${field.name.value}`, graphs);
    }
  }
  return owners;
}

function enumArgument(directive: DirectiveNode | undefined, name: string): string | undefined {
  const value = directive?.arguments?.find((a) => a.name.value === name)?.value;
  return value?.kind === Kind.ENUM ? value.value : undefined;
}

function stringArgument(directive: DirectiveNode | undefined, name: string): string | undefined {
  const value = directive?.arguments?.find((a) => a.name.value === name)?.value;
  return value?.kind === Kind.STRING ? value.value : undefined;
}

/**
 * The one local subgraph that can answer the whole operation, or null. `apiSchema` is the
 * gateway's schema the document was validated against.
 */
export function singleSubgraphOf(
  apiSchema: GraphQLSchema,
  document: DocumentNode,
  operationName: string | null | undefined,
  owners: FieldOwners,
  local: ReadonlyMap<string, GraphQLSchema>,
): string | null {
  const operations = document.definitions.filter((d): d is OperationDefinitionNode => d.kind === Kind.OPERATION_DEFINITION);
  const operation = operationName ? operations.find((o) => o.name?.value === operationName) : operations.length === 1 ? operations[0] : undefined;
  if (!operation || operation.operation !== 'query') return null;
  // The chosen operation with the fragments: another operation in the document does not count.
  const chosen: DocumentNode = { ...document, definitions: document.definitions.filter((d) => d === operation || d.kind === Kind.FRAGMENT_DEFINITION) };
  let candidates: Set<string> | null = new Set(local.keys());
  const typeInfo = new TypeInfo(apiSchema);
  visit(
    chosen,
    visitWithTypeInfo(typeInfo, {
      Field(node) {
        if (!candidates) return false;
        const name = node.name.value;
        if (name === '__typename') return undefined;
        // Introspection is the gateway's (its schema, not a subgraph's).
        if (name.startsWith('__')) return void (candidates = null);
        const parent = typeInfo.getParentType();
        const field = parent ? owners.get(`${getNamedType(parent).name}.${name}`) : undefined;
        if (!field) return void (candidates = null);
        candidates = new Set([...candidates].filter((graph) => field.has(graph)));
        if (!candidates.size) candidates = null;
        return undefined;
      },
    }),
  );
  if (!candidates) return null;
  // The subgraph's own schema must accept the document as it is (arguments, types, fragments).
  for (const graph of candidates) if (validate(local.get(graph)!, chosen, SUBGRAPH_RULES).length === 0) return graph;
  return null;
}

/**
 * Every rule but unused fragments and variables: a fragment may serve only the operations left
 * out, and a variable only the selections a false @include removed (`withoutSkipped`). The gateway
 * has already validated the whole document against the API schema.
 */
const SUBGRAPH_RULES = specifiedRules.filter((rule) => rule !== NoUnusedFragmentsRule && rule !== NoUnusedVariablesRule);

/** An @include/@skip condition: a literal, or the name of the variable that decides it. */
type Condition = boolean | string;

function conditionOf(node: { directives?: readonly DirectiveNode[] }, name: 'include' | 'skip'): Condition | null {
  const value = node.directives?.find((d) => d.name.value === name)?.arguments?.find((a) => a.name.value === 'if')?.value;
  if (!value) return null;
  if (value.kind === Kind.BOOLEAN) return value.value;
  return value.kind === Kind.VARIABLE ? value.name.value : null;
}

/** The variables @include/@skip read in `document`, and whether any condition is there at all. */
export function conditionVariables(document: DocumentNode): { variables: string[]; any: boolean } {
  const variables = new Set<string>();
  let any = false;
  visit(document, {
    enter(node: ASTNode) {
      if (node.kind !== Kind.FIELD && node.kind !== Kind.FRAGMENT_SPREAD && node.kind !== Kind.INLINE_FRAGMENT) return;
      for (const name of ['include', 'skip'] as const) {
        const condition = conditionOf(node, name);
        if (condition === null) continue;
        any = true;
        if (typeof condition === 'string') variables.add(condition);
      }
    },
  });
  return { variables: [...variables], any };
}

/**
 * The document without the selections its @include/@skip conditions leave out for these values
 * (the executor would leave them out too, so the answer is the same). The operation a client sends
 * with `enhance: false` then names no upstream field, and one local subgraph can answer it.
 */
export function withoutSkipped(document: DocumentNode, values: ReadonlyMap<string, boolean>): DocumentNode {
  const decide = (condition: Condition | null, fallback: boolean) => (condition === null ? fallback : typeof condition === 'boolean' ? condition : values.get(condition)!);
  const prune = (node: { directives?: readonly DirectiveNode[] }) => (!decide(conditionOf(node, 'include'), true) || decide(conditionOf(node, 'skip'), false) ? null : undefined);
  return visit(document, { Field: prune, FragmentSpread: prune, InlineFragment: prune });
}

const MAX_ROUTES = 2000;

/**
 * A subgraph's errors as the gateway passes them on (@apollo/gateway's downstreamServiceError):
 * no locations (they point into the subgraph's document), the subgraph's name in `serviceName`,
 * and DOWNSTREAM_SERVICE_ERROR for an error without a code.
 */
/** A remote subgraph's error as it came in JSON. */
function asGraphQLError(error: { message: string; path?: ReadonlyArray<string | number>; extensions?: Record<string, unknown> }): GraphQLError {
  return new GraphQLError(error.message, { ...(error.path ? { path: error.path } : {}), ...(error.extensions ? { extensions: error.extensions } : {}) });
}

function asDownstreamErrors(errors: readonly GraphQLError[], serviceName: string): GraphQLError[] {
  return errors.map((error) => {
    const message = error.message || `Error while fetching subquery from service "${serviceName}"`;
    const options = { originalError: error, path: error.path, extensions: { ...error.extensions, serviceName } };
    const codeDef = errorCodeDef(error);
    if (!codeDef && error.extensions?.['code']) return new GraphQLError(message, options);
    return (codeDef ?? ERRORS.DOWNSTREAM_SERVICE_ERROR).err(message, options);
  });
}

export interface FastPathOptions {
  /**
   * Subgraphs whose answers depend on offline data alone (the catalog, loaded once per process):
   * their error-free answers are kept in a response cache. Never an upstream source's, whose
   * freshness the upstream kit manages, nor similarity's, whose index fills in the background.
   */
  offline?: readonly string[];
  /** Answers kept (least recently used go first); 0 turns the response cache off. */
  responseCacheEntries?: number;
  /**
   * Subgraphs served by another process (distributed mode): an operation one of them answers alone
   * is sent to it as it is, with one HTTP request, instead of through the planner. Their schemas
   * in `local` are for routing and validation only.
   */
  remote?: ReadonlyMap<string, RemoteSubgraph>;
  /**
   * How long a remote offline subgraph's answer is kept. Its data can change without this
   * process knowing (a restart of that service with a new catalog), so the answer expires; an
   * in-process one lives as long as its catalog. 0 keeps none.
   */
  remoteAnswerTtlMs?: number;
}

/** Runs a whole operation on a subgraph in another process (gateway.ts: `remoteSubgraphs`). */
export interface RemoteSubgraph {
  run(
    request: { query: string; operationName?: string; variables?: Record<string, unknown> },
    requestContext: GatewayGraphQLRequestContext,
  ): Promise<{ data?: Record<string, unknown> | null; errors?: ReadonlyArray<GraphQLError | { message: string; path?: ReadonlyArray<string | number>; extensions?: Record<string, unknown> }> }>;
}

/** What the response cache did since start (for /stats and the tests). */
export interface ResponseCacheStats {
  hits: number;
  misses: number;
  entries: number;
}

type ExecutionResult = Awaited<ReturnType<GatewayExecutor>>;

const ANSWER = Symbol('answer tracking');

/**
 * Whether an offline subgraph answered a request's operation alone and without errors (from
 * memory or by executing it): what HTTP caches may keep (`httpCacheHeaders`). Nothing the planner
 * ran is marked, so no answer with an upstream field ever is.
 */
export interface AnswerTracking {
  offline: boolean;
}

/**
 * A context property for the fast path to record into: spread it into the request's context. A
 * property, not the context itself, because Apollo hands the gateway a shallow copy of the context.
 */
export function answerTracking(): { [ANSWER]: AnswerTracking } {
  return { [ANSWER]: { offline: false } };
}

function markOffline(context: unknown): void {
  const tracking = (context as { [ANSWER]?: AnswerTracking } | undefined)?.[ANSWER];
  if (tracking) tracking.offline = true;
}

/** Wraps the gateway so single-subgraph operations skip planning and run in-process directly. */
/**
 * Where an operation goes: the subgraph and the document it runs there (printed once for a remote
 * one), or null for the gateway.
 */
type Route = { graph: string; document: DocumentNode; source?: string } | null;

export class FastPathGateway implements GatewayInterface {
  private readonly routes = new Map<string, Route>();
  /** The @include/@skip variables of each operation (by query hash and name), null when none. */
  private readonly conditions = new Map<string, string[] | null>();
  private readonly owners: FieldOwners;
  private readonly offline: ReadonlySet<string>;
  private readonly answers: LRUCache<string, ExecutionResult> | null;
  private readonly counts = { hits: 0, misses: 0 };
  private readonly remote: ReadonlyMap<string, RemoteSubgraph>;
  private readonly remoteTtlMs: number;

  constructor(
    private readonly inner: GatewayInterface,
    supergraphSdl: string,
    private readonly local: ReadonlyMap<string, GraphQLSchema>,
    options: FastPathOptions = {},
  ) {
    this.owners = fieldOwners(supergraphSdl);
    this.remote = options.remote ?? new Map();
    this.remoteTtlMs = options.remoteAnswerTtlMs ?? 0;
    // A remote offline subgraph's answers are cached only with a time to live.
    this.offline = new Set((options.offline ?? []).filter((graph) => !this.remote.has(graph) || this.remoteTtlMs > 0));
    const entries = options.responseCacheEntries ?? 0;
    // The cache lives and dies with this gateway, built over one catalog: a new catalog means a
    // new app, so no answer outlives the data it came from.
    this.answers = entries > 0 && this.offline.size ? new LRUCache({ max: entries }) : null;
  }

  responseCacheStats(): ResponseCacheStats {
    return { ...this.counts, entries: this.answers?.size ?? 0 };
  }

  async load(options: Parameters<GatewayInterface['load']>[0]) {
    const loaded = await this.inner.load(options);
    return { ...loaded, executor: this.executor(loaded.executor) };
  }

  onSchemaLoadOrUpdate(callback: Parameters<GatewayInterface['onSchemaLoadOrUpdate']>[0]) {
    // The supergraph is the checked-in file: it never changes while the server runs, so routes
    // computed against it stay right.
    return this.inner.onSchemaLoadOrUpdate(callback);
  }

  stop() {
    return this.inner.stop();
  }

  private executor(gateway: GatewayExecutor): GatewayExecutor {
    return async (requestContext) => {
      const route = this.route(requestContext);
      if (!route) return gateway(requestContext);
      const { graph, document } = route;
      // A user's answer follows their preferences (src/users/preferences.ts): it is neither served
      // from nor kept in the shared cache, nor marked for HTTP caches.
      const personal = isPersonal(requestContext.context);
      const cacheKey = this.answers && this.offline.has(graph) && !personal ? responseKey(graph, requestContext) : null;
      if (cacheKey) {
        const cached = this.answers!.get(cacheKey);
        if (cached) {
          this.counts.hits += 1;
          markOffline(requestContext.context);
          // A copy: Apollo adds to the result object it is given.
          return { ...cached };
        }
        this.counts.misses += 1;
      }
      const remote = this.remote.get(graph);
      const run = () =>
        remote
          ? remote
              .run({ query: route.source!, ...(requestContext.operationName ? { operationName: requestContext.operationName } : {}), ...(requestContext.request.variables ? { variables: requestContext.request.variables } : {}) }, requestContext)
              // The subgraph's own extensions (its sources' outcomes) are the gateway's to report, as the planner does.
              .then(
                ({ data, errors }) => ({ data, ...(errors ? { errors } : {}) }),
                // Refused (a variable that does not coerce is a 400) or unreachable: the planner
                // words that error its own way, so it answers.
                () => ({ data: undefined }),
              )
          : execute({
              schema: this.local.get(graph)!,
              document,
              operationName: requestContext.operationName,
              variableValues: requestContext.request.variables,
              contextValue: requestContext.context,
            });
      const recorder = recorderOf(requestContext.context);
      // A remote subgraph reports its sources' outcomes in its answer (the data source merges them).
      const result = (await (recorder && !remote ? withOutcomes(recorder, run) : run())) as ExecutionResult;
      // No data at all: the variables did not fit (nothing ran). The gateway words that request
      // error its own way (BAD_USER_INPUT, 400), so it answers.
      if (!('data' in result) || result.data === undefined) return gateway(requestContext);
      if (result.errors) return { ...result, errors: asDownstreamErrors(result.errors.map((error) => (error instanceof GraphQLError ? error : asGraphQLError(error))), graph) } as ExecutionResult;
      if (cacheKey) this.answers!.set(cacheKey, { ...result } as ExecutionResult, remote ? { ttl: this.remoteTtlMs } : {});
      if (this.offline.has(graph) && !personal) markOffline(requestContext.context);
      return result as ExecutionResult;
    };
  }

  private route(requestContext: GatewayGraphQLRequestContext): Route {
    const operation = `${requestContext.queryHash}\u0000${requestContext.operationName ?? ''}`;
    let conditions = this.conditions.get(operation);
    if (conditions === undefined) {
      const found = conditionVariables(requestContext.document);
      conditions = found.any ? found.variables : null;
      if (this.conditions.size < MAX_ROUTES) this.conditions.set(operation, conditions);
    }
    // With conditions, the route depends on their values: one per combination.
    let values: Map<string, boolean> | null = null;
    let key = operation;
    if (conditions) {
      values = new Map();
      const definitions = requestContext.operation.variableDefinitions ?? [];
      for (const name of conditions) {
        let value: unknown = requestContext.request.variables?.[name];
        if (value === undefined) {
          const initial = definitions.find((d) => d.variable.name.value === name)?.defaultValue;
          value = initial?.kind === Kind.BOOLEAN ? initial.value : undefined;
        }
        // Missing or not a boolean: the gateway words the error.
        if (typeof value !== 'boolean') return null;
        values.set(name, value);
      }
      key = `${operation}\u0000${conditions.map((name) => (values!.get(name) ? 1 : 0)).join('')}`;
    }
    let route = this.routes.get(key);
    if (route === undefined) {
      const document = values ? withoutSkipped(requestContext.document, values) : requestContext.document;
      const graph = singleSubgraphOf(requestContext.schema, document, requestContext.operationName, this.owners, this.local);
      route = graph ? { graph, document, ...(this.remote.has(graph) ? { source: print(document) } : {}) } : null;
      if (this.routes.size < MAX_ROUTES) this.routes.set(key, route);
    }
    return route;
  }
}

/** The operation, its name and its variables (key order kept: clients send the same JSON again). */
function responseKey(graph: string, requestContext: GatewayGraphQLRequestContext): string {
  return `${graph}\u0000${requestContext.queryHash}\u0000${requestContext.operationName ?? ''}\u0000${JSON.stringify(requestContext.request.variables ?? {})}`;
}

/** How long an HTTP cache may keep a catalog-only answer before asking again (then If-None-Match). */
export const OFFLINE_MAX_AGE_SECONDS = 300;

export interface HttpCacheDecision {
  /** Headers to set on the response. */
  headers: Record<string, string>;
  /** The client's copy is current: answer 304 without a body. */
  notModified: boolean;
}

/**
 * Caching headers of a GET /graphql answer. A catalog-only answer (marked in the request's
 * `answerTracking`, status 200, no `errors`) gets `Cache-Control: public, max-age=…` and a strong ETag of its
 * body, so browsers, proxies and CDNs can keep it and revalidate it with If-None-Match (→ 304).
 * Every other GraphQL answer — an upstream field, an error, a refusal — gets `no-store`: its
 * freshness is the upstream kit's business, or it should not be repeated. The catalog only changes
 * with a restart (a new app), and a new catalog gives new bodies, hence new ETags.
 */
export function httpCacheHeaders(
  tracking: { [ANSWER]: AnswerTracking } | undefined,
  status: number,
  body: string,
  ifNoneMatch: string | undefined,
  vary?: string,
): HttpCacheDecision {
  // An error a plugin added after execution would be in the body only.
  const offline = tracking?.[ANSWER].offline === true && status === 200 && !body.includes('"errors":');
  if (!offline) return { headers: { 'cache-control': 'no-store' }, notModified: false };
  const etag = `"${createHash('sha256').update(body).digest('base64url').slice(0, 27)}"`;
  // The media type of the answer follows Accept (application/json or graphql-response+json).
  const headers = { 'cache-control': `public, max-age=${OFFLINE_MAX_AGE_SECONDS}`, etag, vary: vary ? `${vary}, Accept` : 'Accept' };
  return { headers, notModified: ifNoneMatch !== undefined && matchesEtag(ifNoneMatch, etag) };
}

/** If-None-Match: `*` or a list of tags, weak ones compared by their opaque part (RFC 9110 §13.1.2). */
function matchesEtag(header: string, etag: string): boolean {
  if (header.trim() === '*') return true;
  return header.split(',').some((tag) => tag.trim().replace(/^W\//, '') === etag);
}
