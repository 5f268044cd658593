// JSON Schemas of the admin routes: Fastify validates with them and @fastify/swagger publishes them
// in /openapi.json, so the docs and the checks cannot disagree.
import { ERROR_SCHEMA } from '../rest/errors.js';
import { JOB_KINDS } from './jobs.js';

export const ADMIN_SECURITY: Array<Record<string, string[]>> = [{ bearerAuth: [] }, { apiKeyHeader: [] }];

export const ADMIN_ERRORS = {
  400: { description: 'BAD_USER_INPUT: the request is invalid; the message says what to change.', ...ERROR_SCHEMA },
  401: { description: 'UNAUTHORIZED: no API key, or one that is not valid or was revoked. Admin routes need a key with the `admin` scope.', ...ERROR_SCHEMA },
  403: { description: 'FORBIDDEN: the API key lacks the `admin` scope.', ...ERROR_SCHEMA },
  404: { description: 'NOT_FOUND: no such key, job or source.', ...ERROR_SCHEMA },
  429: { description: 'QUOTA_EXCEEDED: the key has used its quota; see Retry-After.', ...ERROR_SCHEMA },
};

const KEY_ID = { type: 'string', pattern: '^[A-Za-z0-9]{12}$', description: 'The public id of a key (the part after `af_`).' };

export const API_KEY = {
  type: 'object',
  required: ['id', 'name', 'scopes', 'tier', 'createdAt', 'revokedAt', 'lastUsedAt'],
  properties: {
    id: { type: 'string' },
    name: { type: 'string' },
    scopes: { type: 'array', items: { type: 'string', enum: ['read', 'user', 'admin'] } },
    tier: { type: 'string', enum: ['free', 'premium', 'enterprise'] },
    createdAt: { type: 'string', format: 'date-time' },
    revokedAt: { type: ['string', 'null'], format: 'date-time' },
    lastUsedAt: { type: ['string', 'null'], format: 'date-time' },
  },
};

export const CREATE_KEY_BODY = {
  type: 'object',
  required: ['name', 'scopes'],
  additionalProperties: false,
  properties: {
    name: { type: 'string', minLength: 1, maxLength: 100, pattern: '\\S', description: 'Who or what the key is for.' },
    scopes: { type: 'array', minItems: 1, maxItems: 3, uniqueItems: true, items: { type: 'string', enum: ['read', 'user', 'admin'] } },
    tier: { type: 'string', enum: ['free', 'premium', 'enterprise'], default: 'free' },
  },
};

export const CREATED_KEY = {
  ...API_KEY,
  required: [...API_KEY.required, 'key'],
  properties: { ...API_KEY.properties, key: { type: 'string', description: 'The key itself, shown this once: store it now.' } },
};

export const KEY_PARAMS = { type: 'object', required: ['id'], properties: { id: KEY_ID } };

const LIMITS = {
  type: 'object',
  properties: { perMinute: { type: 'integer' }, perDay: { type: 'integer' }, batch: { type: 'integer' }, nlPerDay: { type: 'integer' } },
};

export const USAGE = {
  type: 'object',
  required: ['id', 'tier', 'limits', 'current', 'days'],
  properties: {
    id: { type: 'string' },
    tier: { type: 'string' },
    limits: LIMITS,
    current: {
      type: 'object',
      description: 'Counted in the current windows (shared by every replica when Redis is configured).',
      properties: { minute: { type: 'integer' }, day: { type: 'integer' }, nlDay: { type: 'integer' } },
    },
    days: {
      type: 'array',
      description: 'Recorded per UTC day, newest first (written every few seconds).',
      items: { type: 'object', properties: { day: { type: 'string' }, requests: { type: 'integer' }, nlCalls: { type: 'integer' }, rejected: { type: 'integer' } } },
    },
  },
};

export const JOB = {
  type: 'object',
  required: ['id', 'kind', 'status', 'options', 'startedAt', 'finishedAt', 'progress', 'result', 'error'],
  properties: {
    id: { type: 'string' },
    kind: { type: 'string', enum: [...JOB_KINDS] },
    status: { type: 'string', enum: ['running', 'succeeded', 'failed', 'cancelled'] },
    options: { type: 'object', additionalProperties: true },
    startedAt: { type: 'string', format: 'date-time' },
    finishedAt: { type: ['string', 'null'], format: 'date-time' },
    progress: {
      type: ['object', 'null'],
      properties: { done: { type: 'number' }, total: { type: ['number', 'null'] }, unit: { type: 'string' }, message: { type: 'string' } },
    },
    result: { type: ['object', 'null'], additionalProperties: true },
    error: { type: ['object', 'null'], properties: { message: { type: 'string' } } },
  },
};

export const JOB_CONFLICT = { description: 'CONFLICT: a job of this kind is already running.', ...ERROR_SCHEMA };

export const JOB_PARAMS = { type: 'object', required: ['id'], properties: { id: { type: 'string', format: 'uuid' } } };

export const ENRICHMENT_BODY = {
  type: ['object', 'null'],
  additionalProperties: false,
  properties: {
    limit: { type: 'integer', minimum: 1, maximum: 1_000_000, description: 'At most this many anime this run.' },
    only: { type: 'string', enum: ['anilist', 'jikan', 'kitsu'], description: 'Ask only this source.' },
    force: { type: 'boolean', description: 'Refresh everything, whatever its age.' },
  },
};

export const NO_BODY = { type: ['object', 'null'], additionalProperties: false, properties: {} };

export const CACHE_STATS = {
  type: 'object',
  properties: {
    l1: { type: ['object', 'null'], properties: { entries: { type: 'integer' }, max: { type: 'integer' } } },
    l2: { type: ['object', 'null'], properties: { connected: { type: 'boolean' }, entries: { type: ['integer', 'null'] } } },
    sources: { type: 'object', additionalProperties: { type: 'object', additionalProperties: true }, description: 'Cache hits, stale hits and misses per source.' },
  },
};

export const CACHE_CLEAR_QUERY = {
  type: 'object',
  required: ['pattern'],
  properties: {
    pattern: {
      type: 'string',
      minLength: 1,
      maxLength: 200,
      description: 'Cache keys to delete, `*` for any run of characters: `jikan:*` (one source), `anilist:POST:*`, `*` (everything).',
    },
  },
};

export const CACHE_CLEARED = {
  type: 'object',
  required: ['pattern', 'deleted'],
  properties: { pattern: { type: 'string' }, deleted: { type: 'object', properties: { l1: { type: 'integer' }, l2: { type: ['integer', 'null'] } } } },
};

const CIRCUIT = {
  type: 'object',
  required: ['source', 'circuit'],
  properties: {
    source: { type: 'string' },
    circuit: { type: 'string', enum: ['closed', 'open', 'half-open', 'isolated'] },
    failures: { type: 'integer' },
    refusal: { type: ['object', 'null'], additionalProperties: true },
  },
};

export const CIRCUITS = { type: 'object', required: ['sources'], properties: { sources: { type: 'array', items: CIRCUIT } } };
export const SOURCE_PARAMS = { type: 'object', required: ['source'], properties: { source: { type: 'string', pattern: '^[a-z0-9_-]{1,32}$' } } };
export const CIRCUIT_RESET = { ...CIRCUIT, required: ['source', 'circuit', 'outcome'], properties: { ...CIRCUIT.properties, outcome: { type: 'string', enum: ['reset'] } } };
export const CIRCUIT_REFUSED = { description: 'CONFLICT: the source refused us (a ban) until a time it named; the circuit stays open until then.', ...ERROR_SCHEMA };
