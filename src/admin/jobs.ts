// Background jobs started from the admin routes: one of a kind at a time in this process, each
// with an id, a status, its latest progress and its result or error. Jobs live in memory (the last
// MAX_KEPT); a job's own durable state, if it has any (the enrichment run's checkpoint), is in the
// store. Closing the app aborts the running jobs and waits for them to stop.
import { randomUUID } from 'node:crypto';

export const JOB_KINDS = ['catalog-update', 'enrichment', 'vector-reindex'] as const;
export type JobKind = (typeof JOB_KINDS)[number];
export type JobStatus = 'running' | 'succeeded' | 'failed' | 'cancelled';

export interface JobProgress {
  done: number;
  /** Null while unknown (a download without Content-Length). */
  total: number | null;
  unit: string;
  message?: string;
}

export interface Job {
  id: string;
  kind: JobKind;
  status: JobStatus;
  options: Record<string, unknown>;
  startedAt: string;
  finishedAt: string | null;
  progress: JobProgress | null;
  result: Record<string, unknown> | null;
  error: { message: string } | null;
}

export interface JobContext {
  signal: AbortSignal;
  progress(progress: JobProgress): void;
}

export type JobTask = (context: JobContext) => Promise<Record<string, unknown>>;

const MAX_KEPT = 50;

export class JobConflict extends Error {
  constructor(readonly running: Job) {
    super(`a ${running.kind} job is already running (${running.id}, started ${running.startedAt}); wait for it or follow GET /api/admin/jobs/${running.id}`);
  }
}

export class JobRunner {
  private readonly jobs = new Map<string, Job>();
  private readonly running = new Map<JobKind, { job: Job; abort: AbortController; done: Promise<void> }>();

  constructor(private readonly onFailure: (job: Job, error: unknown) => void = () => undefined) {}

  /** Starts `task` as a job of `kind`; throws JobConflict while another of that kind runs. */
  start(kind: JobKind, options: Record<string, unknown>, task: JobTask): Job {
    const busy = this.running.get(kind);
    if (busy) throw new JobConflict(view(busy.job));
    const job: Job = { id: randomUUID(), kind, status: 'running', options, startedAt: new Date().toISOString(), finishedAt: null, progress: null, result: null, error: null };
    const abort = new AbortController();
    this.keep(job);
    const done = (async () => {
      try {
        // Through JSON, so a report holding Maps or class instances reads the same in every answer.
        job.result = JSON.parse(JSON.stringify(await task({ signal: abort.signal, progress: (p) => void (job.progress = p) }))) as Record<string, unknown>;
        job.status = abort.signal.aborted ? 'cancelled' : 'succeeded';
      } catch (error) {
        job.status = abort.signal.aborted ? 'cancelled' : 'failed';
        job.error = { message: error instanceof Error ? error.message : String(error) };
        this.onFailure(view(job), error);
      } finally {
        job.finishedAt = new Date().toISOString();
        this.running.delete(kind);
      }
    })();
    this.running.set(kind, { job, abort, done });
    return view(job);
  }

  get(id: string): Job | null {
    const job = this.jobs.get(id);
    return job ? view(job) : null;
  }

  /** Newest first. */
  list(): Job[] {
    return [...this.jobs.values()].reverse().map(view);
  }

  async close(): Promise<void> {
    const running = [...this.running.values()];
    for (const { abort } of running) abort.abort();
    await Promise.all(running.map((r) => r.done));
  }

  private keep(job: Job) {
    this.jobs.set(job.id, job);
    for (const [id, old] of this.jobs) {
      if (this.jobs.size <= MAX_KEPT) break;
      if (old.status !== 'running') this.jobs.delete(id);
    }
  }
}

/** A copy, so a caller never sees a job change under it. */
function view(job: Job): Job {
  return { ...job, progress: job.progress && { ...job.progress } };
}
