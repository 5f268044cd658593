// Query depth and cost limits as validation rules, both failing with code QUERY_TOO_COMPLEX so a
// client can tell "simplify the query" from other validation errors.
import { createRequire } from 'node:module';
import type { ApolloServerPlugin } from '@apollo/server';
import depthLimit from 'graphql-depth-limit';
import { getVariableValues, GraphQLError, validate } from 'graphql';
import type * as QueryComplexity from 'graphql-query-complexity';
import { MAX_PAGE_SIZE } from '../src/catalog/index.js';
import { ErrorCode } from '../src/errors/index.js';

// The package's ESM build imports graphql/index.mjs, a second copy of graphql beside the CommonJS
// one everything else uses ("Cannot use GraphQLObjectType from another realm"); its CommonJS
// build shares the one graphql.
const { getComplexity, simpleEstimator } = createRequire(import.meta.url)('graphql-query-complexity') as typeof QueryComplexity;
type ComplexityEstimator = QueryComplexity.ComplexityEstimator;

/**
 * Lists cost their page size times the cost of one item. Sizes above the largest page are priced
 * as the largest page, so the resolver can answer "first must be ≤ 100" instead of a cost error.
 */
const pageSizeEstimator: ComplexityEstimator = ({ args, childComplexity }) => {
  const first = typeof args['first'] === 'number' ? args['first'] : null;
  return first !== null ? 1 + childComplexity * Math.min(Math.max(first, 1), MAX_PAGE_SIZE) : undefined;
};

function tooComplex(message: string, error?: GraphQLError): GraphQLError {
  return new GraphQLError(message, { nodes: error?.nodes, extensions: { code: ErrorCode.QUERY_TOO_COMPLEX } });
}

/**
 * Depth and cost are checked once the operation is resolved (a `first: $n` is priced by its
 * value); Apollo re-labels validation-rule errors, so this runs as a plugin to keep the code.
 */
export function queryLimitsPlugin(maxDepth: number, maxComplexity: number): ApolloServerPlugin {
  const depthErrors = new WeakMap<object, GraphQLError | null>();
  // The cost of a repeated document with the same operation and variables is the same: walking it
  // again was 14% of the CPU of `anime(malId: 1)` under load (bench/README.md, profile table).
  const costs = new WeakMap<object, Map<string, number | null>>();
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ request, document, schema, operation, operationName }) {
          // Apollo reuses the parsed document of a repeated query, so its depth is checked once.
          let deep = depthErrors.get(document);
          if (deep === undefined) depthErrors.set(document, (deep = validate(schema, document, [depthLimit(maxDepth)])[0] ?? null));
          if (deep) throw tooComplex(`${deep.message.replace("''", 'The operation')}; simplify the query`, deep);
          // Nothing runs without one operation picked (the gateway says which name is missing), nor
          // with variables that do not fit their types (execution rejects them as BAD_USER_INPUT
          // first); getComplexity would throw the latter as a codeless error.
          if (!operation) return;
          const known = costs.get(document) ?? new Map<string, number | null>();
          const costKey = `${operationName ?? ''}\u0000${JSON.stringify(request.variables ?? {})}`;
          let cost = known.get(costKey);
          if (cost === null) return;
          if (cost !== undefined) {
            if (cost > maxComplexity) throw tooComplex(`Query cost ${cost} is above the limit of ${maxComplexity}; ask for fewer fields or smaller pages`);
            return;
          }
          if (getVariableValues(schema, operation.variableDefinitions ?? [], request.variables ?? {}).errors) {
            remember(known, costKey, null);
            costs.set(document, known);
            return;
          }
          try {
            cost = getComplexity({
              schema,
              query: document,
              operationName: operationName ?? undefined,
              variables: request.variables ?? {},
              estimators: [pageSizeEstimator, simpleEstimator({ defaultComplexity: 1 })],
            });
          } catch (error) {
            // With the document valid and the variables coerced, what is left to throw is the
            // library's cap on selections counted ("Query exceeds the maximum allowed number of nodes").
            if (error instanceof GraphQLError) throw tooComplex(`${error.message.replace(/\.$/, '')}; simplify the query`);
            throw error;
          }
          remember(known, costKey, cost);
          costs.set(document, known);
          if (cost > maxComplexity) throw tooComplex(`Query cost ${cost} is above the limit of ${maxComplexity}; ask for fewer fields or smaller pages`);
        },
      };
    },
  };
}

/** Costs kept per document: a client paging through variables must not grow memory without bound. */
const COSTS_PER_DOCUMENT = 256;

function remember(known: Map<string, number | null>, key: string, cost: number | null): void {
  if (known.size >= COSTS_PER_DOCUMENT) known.delete(known.keys().next().value!);
  known.set(key, cost);
}
