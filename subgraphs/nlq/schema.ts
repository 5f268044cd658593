// The natural-language subgraph: `Query.ask` turns a question into one persisted operation,
// runs it through the gateway (injected executor, same limits as /graphql) and returns the
// result with the operation and variables that ran, so a client can repeat it.
import { resolve } from 'node:path';
import { print, type GraphQLSchema } from 'graphql';
import { GraphQLJSONObject } from 'graphql-scalars';
import { Arg, Ctx, Field, ObjectType, Query, Resolver } from 'type-graphql';
import type { Catalog } from '../../src/catalog/index.js';
import type { Config } from '../../src/config/index.js';
import { AppError, ErrorCode, badInput } from '../../src/errors/index.js';
import { buildFederatedSchema } from '../../src/graphql/index.js';
import { callerContextOf, preferencesOf } from '../../src/users/preferences.js';
import { chatModelFromConfig, createNlqResolver, MAX_QUESTION_LENGTH, OperationCatalog, phraseAnswer, titledItems } from '../../src/nlq/index.js';

export const NLQ_SUBGRAPH = 'nlq';

export type AskExecutor = (source: string, variables: Record<string, unknown>, operationName?: string, options?: { callerContext?: Record<symbol, unknown> }) => Promise<{ data?: Record<string, unknown> | null; errors?: ReadonlyArray<{ message: string; extensions?: Record<string, unknown> }> }>;

export interface NlqServices {
  catalog: Catalog;
  config: Config;
  /** Runs an operation through the gateway; absent when this subgraph is served on its own. */
  execute?: AskExecutor;
}

@ObjectType({ description: 'What a question was understood as, what ran, and its answer.' })
export class AskAnswer {
  @Field(() => String, { description: 'The intent recognised (search, details, recommendations, schedule, …).' })
  intent!: string;
  @Field(() => String, { description: 'The persisted operation that ran (schema/operations).' })
  operation!: string;
  @Field(() => GraphQLJSONObject, { description: 'Its variables: send both to /graphql to repeat the query.' })
  variables!: Record<string, unknown>;
  @Field(() => String)
  explanation!: string;
  @Field(() => [String], { description: 'Follow-up questions that make sense next.' })
  suggestions!: string[];
  @Field(() => GraphQLJSONObject, { nullable: true, description: 'The operation result (its `data`).' })
  result!: Record<string, unknown> | null;
  @Field(() => String, { nullable: true, description: 'One sentence answering from the result where the operation has one (a pinned source\'s rating, the cast, the staff, news titles); null otherwise.' })
  summary!: string | null;
}

export async function buildNlqSchema(services: NlqServices): Promise<GraphQLSchema> {
  const nlq = createNlqResolver({ catalog: services.catalog, llm: await chatModelFromConfig(services.config) });
  const operations = new OperationCatalog(resolve(services.config.root, 'schema/operations'), resolve(services.config.root, 'schema/api.graphql'));

  @Resolver()
  class AskResolver {
    @Query(() => AskAnswer, { description: 'Ask in plain language ("shows like Death Note", "airing today in Berlin", "the second one").' })
    async ask(
      @Arg('text', () => String) text: string,
      @Arg('sessionId', () => String, { nullable: true, description: 'Keeps a conversation for follow-ups.' }) sessionId?: string,
      @Arg('timezone', () => String, { nullable: true }) timezone?: string,
      @Arg('region', () => String, { nullable: true, description: 'ISO 3166 country for streaming questions.' }) region?: string,
      @Ctx() context?: unknown,
    ): Promise<AskAnswer> {
      if (!text.trim() || text.length > MAX_QUESTION_LENGTH) throw badInput(`text must be 1–${MAX_QUESTION_LENGTH} characters`, { field: 'text' });
      if (!services.execute) throw new AppError(ErrorCode.SOURCE_UNAVAILABLE, 'ask needs the gateway in this process', { source: NLQ_SUBGRAPH });
      // The signed-in user's zone and region stand in for absent arguments; the operation runs as
      // the caller, so the rest of their preferences (adult entries, titles) apply to its answer.
      const preferences = await preferencesOf(context);
      const plan = await nlq.resolve(text, { sessionId, timezone: timezone ?? preferences?.timeZone ?? undefined, region: region ?? preferences?.region ?? undefined });
      const operation = operations.load().get(plan.operation);
      if (!operation) throw new AppError(ErrorCode.NOT_FOUND, `persisted operation ${plan.operation} is missing from schema/operations`);
      const outcome = await services.execute(print(operation.definition), plan.variables, plan.operation, { callerContext: callerContextOf(context) });
      if (sessionId && outcome.data) nlq.remember(sessionId, titledItems(outcome.data));
      const result = outcome.data ?? null;
      return { intent: plan.intent, operation: plan.operation, variables: plan.variables, explanation: plan.explanation, suggestions: plan.suggestions, result, summary: phraseAnswer(plan, result) };
    }
  }

  const resolver = new AskResolver();
  return buildFederatedSchema({ resolvers: [AskResolver], container: { get: () => resolver } }, {});
}
