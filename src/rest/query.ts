// The natural-language routes: POST /api/query asks `Query.ask` through the gateway; POST
// /api/batch runs up to MAX_BATCH questions or persisted operations a few at a time, in order.
import { MAX_QUESTION_LENGTH } from '../nlq/parser.js';
import { TIME_ZONES } from './routes.js';

export const MAX_BATCH = 50;
/** Items in flight at once: enough to overlap upstream waits, few enough not to starve other clients. */
export const BATCH_CONCURRENCY = 4;

export interface Question {
  query: string;
  sessionId?: string;
  region?: string;
  timezone?: string;
}

export type BatchItem = Question | { operation: string; variables?: Record<string, unknown> };

export const ASK_DOCUMENT = `query Ask($text: String!, $sessionId: String, $region: String, $timezone: String) {
  ask(text: $text, sessionId: $sessionId, region: $region, timezone: $timezone) { intent operation variables explanation summary suggestions result }
}`;

const QUESTION_PROPERTIES = {
  query: { type: 'string', minLength: 1, maxLength: MAX_QUESTION_LENGTH, pattern: '\\S', description: 'The question, e.g. "anime like Cowboy Bebop".' },
  sessionId: { type: 'string', minLength: 1, maxLength: 128, pattern: '^[\\w.:-]+$', description: 'Keeps a conversation, so "the second one" refers to the last answer.' },
  region: { type: 'string', pattern: '^[A-Za-z]{2}$', description: 'ISO 3166 country for streaming questions.' },
  timezone: { type: 'string', enum: TIME_ZONES, description: 'IANA time zone, e.g. "Europe/Berlin".' },
};

export const QUESTION_BODY = { type: 'object', required: ['query'], additionalProperties: false, properties: QUESTION_PROPERTIES };
// One item shape, not `anyOf`: Fastify's validator strips unknown properties of closed objects and
// would strip one kind of item while trying the other. An item with `query` is a question, one
// with `operation` runs that persisted operation; the handler answers anything else with a 400.
export const BATCH_ITEM_FIELDS = [...Object.keys(QUESTION_PROPERTIES), 'operation', 'variables'];
const BATCH_ITEM = {
  type: 'object',
  additionalProperties: false,
  properties: {
    ...QUESTION_PROPERTIES,
    operation: { type: 'string', minLength: 1, maxLength: 64, description: 'A persisted operation name, e.g. "SearchAnime" (instead of `query`).' },
    // Fastify refuses prototype keys anywhere in a body (prototype poisoning); the schema says so.
    variables: { type: 'object', additionalProperties: true, propertyNames: { not: { enum: ['__proto__', 'constructor'] } }, description: "The operation's variables." },
  },
};

export const BATCH_BODY = {
  type: 'object',
  required: ['items'],
  additionalProperties: false,
  properties: { items: { type: 'array', minItems: 1, maxItems: MAX_BATCH, items: BATCH_ITEM } },
};

/** Runs every item with at most BATCH_CONCURRENCY at once; results keep the items' order. */
export async function runBatch<T, R>(items: readonly T[], run: (item: T) => Promise<R>): Promise<R[]> {
  const results = new Array<R>(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const index = next++;
      results[index] = await run(items[index]!);
    }
  };
  await Promise.all(Array.from({ length: Math.min(BATCH_CONCURRENCY, items.length) }, worker));
  return results;
}
