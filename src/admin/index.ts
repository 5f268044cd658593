// Public face of the admin routes: the Fastify plugin and its job runner.
export { adminRoutes, type AdminOptions } from './plugin.js';
export { JobRunner, JobConflict, JOB_KINDS, type Job, type JobKind, type JobStatus, type JobProgress } from './jobs.js';
