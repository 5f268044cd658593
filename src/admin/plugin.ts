// The admin routes (/api/admin/…, `admin` scope): API keys and their usage, background jobs
// (catalog update, enrichment, vector reindex), the cache, and the sources' circuit breakers.
// Registered inside the REST scope, so they share its error shape and appear in /openapi.json.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Access } from '../auth/index.js';
import type { UpstreamKitWithStats } from '../http/index.js';
import { JobConflict, JobRunner, type JobKind, type JobTask } from './jobs.js';
import * as S from './schemas.js';
import { catalogUpdateTask, enrichmentTask, vectorReindexTask, type EnrichmentOptions, type TaskDeps } from './tasks.js';

export interface AdminOptions extends TaskDeps {
  access: Access;
  upstream: UpstreamKitWithStats;
  jobs: JobRunner;
}

function fail(reply: FastifyReply, status: number, code: string, message: string, details: Record<string, unknown> = {}) {
  return reply.code(status).send({ error: { code, message, details } });
}

export function adminRoutes(options: AdminOptions) {
  const { access, upstream, jobs } = options;
  const route = (summary: string, schema: Record<string, unknown>) => ({ schema: { summary, tags: ['admin'], security: S.ADMIN_SECURITY, ...schema } });

  return async (admin: FastifyInstance) => {
    admin.addHook('onRequest', async (request: FastifyRequest, reply: FastifyReply) => {
      const principal = access.principalOf(request);
      if (!principal || principal.kind === 'anonymous') {
        void reply.header('www-authenticate', 'Bearer realm="anime-federation"');
        return fail(reply, 401, 'UNAUTHORIZED', 'admin routes need an API key with the `admin` scope: send `Authorization: Bearer <key>` or `X-API-Key: <key>` (create the first one with `npm run keys -- create --scope admin`)');
      }
      if (!principal.scopes.includes('admin')) return fail(reply, 403, 'FORBIDDEN', `the API key ${principal.keyId} has the scopes ${principal.scopes.join(', ')}; admin routes need \`admin\``, { scopes: principal.scopes });
    });

    // Keys.
    admin.post('/keys', route('Create an API key (its secret is shown once)', { body: S.CREATE_KEY_BODY, response: { 201: S.CREATED_KEY, ...S.ADMIN_ERRORS } }), async (request, reply) => {
      const body = request.body as { name: string; scopes: Array<'read' | 'user' | 'admin'>; tier: 'free' | 'premium' | 'enterprise' };
      const created = await (await access.keys()).create({ name: body.name.trim(), scopes: body.scopes, tier: body.tier });
      request.log.info({ keyId: created.id, scopes: created.scopes, tier: created.tier }, 'API key created');
      return reply.code(201).send(created);
    });
    admin.get('/keys', route('List API keys (without secrets)', { response: { 200: { type: 'object', required: ['keys'], properties: { keys: { type: 'array', items: S.API_KEY } } }, ...S.ADMIN_ERRORS } }), async () => ({
      keys: await (await access.keys()).list(),
    }));
    admin.delete('/keys/:id', route('Revoke an API key', { params: S.KEY_PARAMS, response: { 200: S.API_KEY, ...S.ADMIN_ERRORS } }), async (request, reply) => {
      const { id } = request.params as { id: string };
      const revoked = await (await access.keys()).revoke(id);
      if (!revoked) return fail(reply, 404, 'NOT_FOUND', `no API key ${id}`);
      access.authenticator.forget(id);
      request.log.info({ keyId: id }, 'API key revoked');
      return revoked;
    });
    admin.get('/keys/:id/usage', route("One key's usage: the current quota windows and the recorded days", { params: S.KEY_PARAMS, response: { 200: S.USAGE, ...S.ADMIN_ERRORS } }), async (request, reply) => {
      const { id } = request.params as { id: string };
      const keys = await access.keys();
      const key = await keys.find(id);
      if (!key) return fail(reply, 404, 'NOT_FOUND', `no API key ${id}`);
      await access.usage.flush();
      const limits = access.tiers[key.tier];
      const [minute, day, nlDay] = await access.quota.peek(`key:${id}`, [...access.requestLimits(limits), ...access.nlLimits(limits)]);
      return { id, tier: key.tier, limits, current: { minute, day, nlDay }, days: await keys.usage(id) };
    });

    // Jobs.
    const startJob = (kind: JobKind, task: (body: Record<string, unknown>) => JobTask, body: Record<string, unknown> = S.NO_BODY) =>
      admin.post(`/jobs/${kind}`, route(`Start a ${kind} job`, { body, response: { 202: S.JOB, 409: S.JOB_CONFLICT, ...S.ADMIN_ERRORS } }), async (request, reply) => {
        const given = (request.body ?? {}) as Record<string, unknown>;
        try {
          const job = jobs.start(kind, given, task(given));
          request.log.info({ jobId: job.id, kind }, 'admin job started');
          return reply.code(202).header('location', `/api/admin/jobs/${job.id}`).send(job);
        } catch (error) {
          if (error instanceof JobConflict) return fail(reply, 409, 'CONFLICT', error.message, { running: error.running.id });
          throw error;
        }
      });
    startJob('catalog-update', () => catalogUpdateTask(options));
    startJob('enrichment', (body) => enrichmentTask(options, body as EnrichmentOptions), S.ENRICHMENT_BODY);
    startJob('vector-reindex', () => vectorReindexTask(options));
    admin.get('/jobs', route('Background jobs, newest first', { response: { 200: { type: 'object', required: ['jobs'], properties: { jobs: { type: 'array', items: S.JOB } } }, ...S.ADMIN_ERRORS } }), async () => ({
      jobs: jobs.list(),
    }));
    admin.get('/jobs/:id', route("One job's status, progress and result", { params: S.JOB_PARAMS, response: { 200: S.JOB, ...S.ADMIN_ERRORS } }), async (request, reply) => {
      const { id } = request.params as { id: string };
      return jobs.get(id) ?? fail(reply, 404, 'NOT_FOUND', `no job ${id} (jobs are kept in memory by the process that ran them, the last 50)`);
    });

    // Cache.
    admin.get('/cache', route('Cache tiers and per-source hit counts', { response: { 200: S.CACHE_STATS, ...S.ADMIN_ERRORS } }), async () => {
      const sources = Object.fromEntries(
        Object.entries(upstream.stats()).map(([name, s]) => [name, { hits: s.cacheHits, staleHits: s.staleHits + s.staleOnError, misses: s.cacheMisses }]),
      );
      return { ...(await upstream.cache.stats()), sources };
    });
    admin.delete('/cache', route('Delete cache entries whose key matches a pattern', { querystring: S.CACHE_CLEAR_QUERY, response: { 200: S.CACHE_CLEARED, ...S.ADMIN_ERRORS } }), async (request) => {
      const { pattern } = request.query as { pattern: string };
      const deleted = await upstream.cache.clearMatching(pattern);
      request.log.info({ pattern, deleted }, 'cache cleared');
      return { pattern, deleted };
    });

    // Circuit breakers.
    admin.get('/circuits', route('Circuit breaker state per source', { response: { 200: S.CIRCUITS, ...S.ADMIN_ERRORS } }), async () => ({
      sources: Object.entries(upstream.stats()).map(([source, s]) => ({ source, circuit: s.circuit, failures: s.failures, refusal: s.refusal })),
    }));
    admin.post('/circuits/:source/reset', route("Close a source's circuit breaker", { params: S.SOURCE_PARAMS, body: S.NO_BODY, response: { 200: S.CIRCUIT_RESET, 409: S.CIRCUIT_REFUSED, ...S.ADMIN_ERRORS } }), async (request, reply) => {
      const { source } = request.params as { source: string };
      const outcome = upstream.resetCircuit(source);
      if (outcome === 'unknown') return fail(reply, 404, 'NOT_FOUND', `no source ${source} has been called yet; known: ${Object.keys(upstream.stats()).join(', ') || 'none'}`);
      const stats = upstream.stats()[source]!;
      if (outcome === 'refused') return fail(reply, 409, 'CONFLICT', `${source} refused us until ${stats.refusal?.until}; the circuit stays open until then`, { refusal: stats.refusal });
      request.log.info({ source }, 'circuit reset');
      return { source, circuit: stats.circuit, failures: stats.failures, refusal: stats.refusal, outcome };
    });
  };
}
