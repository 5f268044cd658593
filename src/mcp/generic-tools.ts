// Tools that are not persisted operations: search_schema, introspect, execute (any operation,
// through the same executor and limits; can be switched off) and ask (only with a resolver).
import { Kind, parse, type GraphQLSchema, type OperationDefinitionNode } from 'graphql';
import { phraseAnswer } from '../nlq/answer.js';
import { errorResult, jsonResult, shapeAnswer } from './answer.js';
import { checkArguments } from './arguments.js';
import { introspect, searchSchema } from './schema-tools.js';
import type { CallOptions, ToolDefinition, ToolResult, Toolset, ToolsetOptions } from './types.js';

export interface GenericTool {
  definition: ToolDefinition;
  run(args: Record<string, unknown>, options: CallOptions): Promise<ToolResult>;
}

interface GenericContext extends ToolsetOptions {
  maxBytes: number;
  schema: GraphQLSchema;
  toolset: Toolset;
}

const READ_ONLY = { readOnlyHint: true, openWorldHint: true, destructiveHint: false } as const;
const FIELDS = { type: 'array', items: { type: 'string' }, description: 'Optional: keep only these dotted paths of the answer.' };

export function genericTools(context: GenericContext): GenericTool[] {
  const { schema, maxBytes } = context;
  const tools: GenericTool[] = [
    {
      definition: {
        name: 'search_schema',
        title: 'Search the schema',
        description: 'Find types, fields, arguments and enum values of the anime GraphQL schema whose name or description contain all the given words.',
        inputSchema: { type: 'object', properties: { words: { type: 'array', items: { type: 'string' }, description: 'Words to look for, e.g. ["streaming"] or ["airing", "schedule"].' } }, required: ['words'], additionalProperties: false },
        annotations: { ...READ_ONLY, openWorldHint: false },
      },
      run: async ({ words }) => jsonResult({ matches: searchSchema(schema, words as string[]) }),
    },
    {
      definition: {
        name: 'introspect',
        title: 'Introspect the schema',
        description: 'Show the GraphQL SDL of one type (e.g. "Anime", "AnimeFilter"), or without a type every root query field with its arguments and description.',
        inputSchema: { type: 'object', properties: { type: { type: 'string', description: 'A type name; leave out for the root fields.' } }, additionalProperties: false },
        annotations: { ...READ_ONLY, openWorldHint: false },
      },
      run: async ({ type }) => {
        const answer = introspect(schema, type as string | undefined);
        return 'error' in answer ? errorResult(answer.error) : jsonResult(answer);
      },
    },
  ];
  if (context.allowExecute !== false) {
    tools.push({
      definition: {
        name: 'execute',
        title: 'Run a GraphQL query',
        description:
          'Run any GraphQL query against the anime federation (catalog, MyAnimeList, AniList, Kitsu, AnimeSchedule) with the same depth and cost limits as the HTTP API. Use introspect/search_schema to find fields; prefer the specific tools when one fits.',
        inputSchema: {
          type: 'object',
          properties: {
            query: { type: 'string', description: 'A GraphQL query document.' },
            variables: { type: 'object', description: 'Values of its variables.' },
            operationName: { type: 'string', description: 'Which operation to run when the document holds several.' },
            fields: FIELDS,
          },
          required: ['query'],
          additionalProperties: false,
        },
        annotations: READ_ONLY,
      },
      run: async ({ query, variables, operationName, fields }, { signal, progress, caller }) => {
        const problem = readOnlyProblem(query as string);
        if (problem) return errorResult(problem);
        progress?.(`running ${operationName ?? 'the query'}`);
        const result = await context.execute(query as string, (variables as Record<string, unknown>) ?? {}, operationName as string | undefined, { signal, ...(caller ? { caller } : {}) });
        signal?.throwIfAborted();
        progress?.('answered; shaping the reply');
        return shapeAnswer(result, fields as string[] | undefined, maxBytes);
      },
    });
  }
  const ask = context.ask;
  if (ask) {
    tools.push({
      definition: {
        name: 'ask',
        title: 'Ask in plain language',
        description:
          'Ask about anime in plain language ("sci-fi anime from the 90s", "what airs today in Berlin", "compare ratings of Cowboy Bebop"): the question is turned into one of the tools\' operations, run, and answered with the operation, its variables, an explanation and follow-up suggestions.',
        inputSchema: {
          type: 'object',
          properties: {
            text: { type: 'string', description: 'The question.' },
            sessionId: { type: 'string', description: 'Keeps the conversation for follow-ups ("what about the second one?").' },
            timezone: { type: 'string', description: 'IANA time zone for "today" and local times, e.g. "Europe/Berlin".' },
            region: { type: 'string', description: 'ISO 3166 region for streaming offers, e.g. "US".' },
          },
          required: ['text'],
          additionalProperties: false,
        },
        annotations: READ_ONLY,
      },
      run: async ({ text, sessionId, timezone, region }, { signal, progress, caller }) => {
        const askContext = { sessionId: sessionId as string | undefined, timezone: timezone as string | undefined, region: region as string | undefined };
        progress?.('reading the question');
        const plan = await ask(text as string, askContext);
        signal?.throwIfAborted();
        const persisted = context.toolset.operation(plan.operation);
        let source = plan.operation;
        let variables = plan.variables ?? {};
        if (persisted) {
          const definition = context.toolset.list().find((t) => t.name === persisted.toolName)!;
          const checked = checkArguments(definition.inputSchema, variables);
          if (!checked.ok) return errorResult(`The question was read as ${persisted.name} with arguments that do not fit: ${checked.problems.join('; ')}`);
          source = persisted.source;
          variables = checked.value;
        } else if (readOnlyProblem(source)) {
          return errorResult(`The question could not be turned into an operation (${plan.operation}); ${plan.explanation}`);
        }
        progress?.(`read as ${persisted?.name ?? 'a query'}; running it`);
        const executed = await context.execute(source, variables, persisted?.name, { signal, ...(caller ? { caller } : {}) });
        signal?.throwIfAborted();
        progress?.('answered; shaping the reply');
        context.onAskAnswered?.(askContext, { ...plan, variables }, executed);
        const answer = shapeAnswer(executed, undefined, maxBytes);
        const result = answer.structuredContent ?? { error: answer.content[0]?.text };
        const summary = executed.data ? phraseAnswer({ ...plan, variables }, executed.data) : null;
        const body = { operation: persisted?.name ?? plan.operation, variables, explanation: plan.explanation, ...(summary ? { summary } : {}), result, suggestions: plan.suggestions ?? [] };
        return { ...jsonResult(body), ...(answer.isError ? { isError: true } : {}) };
      },
    });
  }
  return tools;
}

/** The tools only read: a document must parse and hold queries only. */
function readOnlyProblem(source: string): string | null {
  try {
    const operations = parse(source).definitions.filter((d): d is OperationDefinitionNode => d.kind === Kind.OPERATION_DEFINITION);
    if (!operations.length) return 'The document has no operation';
    if (operations.some((o) => o.operation !== 'query')) return 'Only queries can be run here';
    return null;
  } catch (error) {
    return `The query does not parse: ${(error as Error).message}`;
  }
}
