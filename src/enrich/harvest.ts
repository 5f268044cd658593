// The harvest job: asks each anime's source (plan.ts) for everything it knows, normalises the
// answer per field class and writes it to the store. One lane per source runs side by side (their
// budgets are separate), each with as many workers as the source allows calls in flight, so every
// lane keeps its budget busy: the job runs at the floor the published limits allow (floor.ts).
// Every batch is committed with the run's checkpoint in one transaction; an interrupted run
// (Ctrl-C, crash, store error) is resumed by the next one, which asks only what is still due.
import { createHash } from 'node:crypto';
import { hostname } from 'node:os';
import { AppError, ErrorCode } from '../errors/index.js';
import type { EnrichmentStore, EntryWrite, RunHandle, SourceEntryState } from '../store/index.js';
import { FIELD_CLASSES, isClassFailure } from './fields.js';
import { floorMs, sustainedRate } from './floor.js';
import { nextStep, stateKey, type HarvestTarget, type PlanContext } from './plan.js';
import { answerStatus, HARVEST_SOURCES, type EntryAnswer, type HarvestSource, type HarvestSourceName } from './source.js';

export interface HarvestOptions {
  store: EnrichmentStore;
  targets: readonly HarvestTarget[];
  /** The sources to ask, any order (the chain is always AniList → Jikan → Kitsu). */
  sources: readonly HarvestSource[];
  /** Ask only this source (anime that belong to the others are left alone). */
  only?: HarvestSourceName;
  /** Refresh everything, whatever its age (a resumed forced run skips what it already refreshed). */
  force?: boolean;
  /** At most this many anime this time. */
  limit?: number;
  signal?: AbortSignal;
  now?: () => number;
  /** Wait this long when a source's circuit breaker is open, then try the batch again. */
  circuitPauseMs?: number;
  /** Requests sent upstream so far, per source (the kit's counters). */
  requestsSent?: () => Partial<Record<string, number>>;
  onProgress?: (progress: HarvestProgress) => void;
  onBatchCommitted?: (batch: { source: HarvestSourceName; ids: string[]; committed: number }) => void;
  /** Who runs the job (a second harvest refuses while this one lives). */
  owner?: { pid: number; host: string; alive(pid: number): boolean };
}

export interface SourceCounts {
  /** Anime planned for this source at the start (fallbacks come on top). */
  planned: number;
  batches: number;
  ok: number;
  notFound: number;
  failed: number;
}

export interface HarvestCounts {
  /** Anime to ask this time. */
  planned: number;
  /** Answered, and the answer differs from what the store had (or it had nothing). */
  fetched: number;
  /** Answered exactly as stored before. */
  unchanged: number;
  /** No source asked knows the anime. */
  notFound: number;
  /** One source no longer knows it; the next one's answer was still fresh. */
  freshElsewhere: number;
  /** One source no longer knows it; the next one is left out of this run (`--only`). */
  handedOn: number;
  /** Failed this time (retried next run), by error code. */
  failed: Record<string, number>;
  /** Not asked: a source was down for the rest of the run, or the run was interrupted (asked next run). */
  deferred: number;
  skipped: { fresh: number; noIds: number; otherSource: number; notFound: number; overLimit: number };
  sources: Record<HarvestSourceName, SourceCounts>;
}

export interface HarvestProgress {
  done: number;
  total: number;
  counts: HarvestCounts;
  elapsedMs: number;
  /** Resolved anime per minute so far. */
  ratePerMinute: number;
  /** Time the remaining requests need at the sources' sustained budgets (the slowest lane decides). */
  etaMs: number;
  lanes: Record<HarvestSourceName, { queued: number; inFlight: number; requests: number; down: boolean }>;
}

export interface HarvestPlanSummary {
  planned: number;
  skipped: HarvestCounts['skipped'];
  perSource: Record<HarvestSourceName, { entries: number; requests: number; floorMs: number; sample: Array<{ animeId: string; id: string }> }>;
  /** The slowest source's floor: the least time the run can take (fallbacks may add to it). */
  floorMs: number;
}

export interface HarvestReport {
  runId: number;
  resumed: boolean;
  status: 'finished' | 'interrupted' | 'failed';
  /** Why the run failed (a store error: the batch in hand was not committed). */
  error?: string;
  counts: HarvestCounts;
  requests: Partial<Record<HarvestSourceName, number>>;
  elapsedMs: number;
  /** The floor for the requests this run actually sent. */
  floorMs: number;
  plan: HarvestPlanSummary;
}

interface QueueItem {
  sourceId: string;
  targets: HarvestTarget[];
}

const emptyCounts = (): HarvestCounts => ({
  planned: 0,
  fetched: 0,
  unchanged: 0,
  notFound: 0,
  freshElsewhere: 0,
  handedOn: 0,
  failed: {},
  deferred: 0,
  skipped: { fresh: 0, noIds: 0, otherSource: 0, notFound: 0, overLimit: 0 },
  sources: Object.fromEntries(HARVEST_SOURCES.map((s) => [s, { planned: 0, batches: 0, ok: 0, notFound: 0, failed: 0 }])) as Record<HarvestSourceName, SourceCounts>,
});

const cloneCounts = (c: HarvestCounts): HarvestCounts => structuredClone(c);

function doneOf(c: HarvestCounts): number {
  return c.fetched + c.unchanged + c.notFound + c.freshElsewhere + c.handedOn + c.deferred + Object.values(c.failed).reduce((a, b) => a + b, 0);
}

/** Sorts targets into first lanes and skips; also the dry run's answer. */
export function planHarvest(
  targets: readonly HarvestTarget[],
  sources: readonly HarvestSource[],
  ctx: PlanContext,
  limit?: number,
): { summary: HarvestPlanSummary; queues: Map<HarvestSourceName, Array<{ sourceId: string; target: HarvestTarget }>>; counts: HarvestCounts } {
  const counts = emptyCounts();
  const queues = new Map<HarvestSourceName, Array<{ sourceId: string; target: HarvestTarget }>>(sources.map((s) => [s.name, []]));
  for (const target of targets) {
    const step = nextStep(target, 0, ctx);
    if (step.kind === 'fetch') {
      if (limit !== undefined && counts.planned >= limit) {
        counts.skipped.overLimit += 1;
        continue;
      }
      counts.planned += 1;
      counts.sources[step.source].planned += 1;
      queues.get(step.source)!.push({ sourceId: target.ids[step.source]!, target });
    } else if (step.kind === 'fresh') counts.skipped.fresh += 1;
    else if (step.kind === 'other-source') counts.skipped.otherSource += 1;
    else if (step.askedAny) counts.skipped.notFound += 1;
    else counts.skipped.noIds += 1;
  }
  const perSource = {} as HarvestPlanSummary['perSource'];
  for (const name of HARVEST_SOURCES) {
    const source = sources.find((s) => s.name === name);
    const queue = queues.get(name) ?? [];
    const unique = new Set(queue.map((q) => q.sourceId)).size;
    const requests = source ? Math.ceil(unique / source.batchSize) : 0;
    perSource[name] = {
      entries: queue.length,
      requests,
      floorMs: source ? floorMs(requests, source.definition.rateLimits) : 0,
      sample: queue.slice(0, 10).map((q) => ({ animeId: q.target.animeId, id: q.sourceId })),
    };
  }
  const summary: HarvestPlanSummary = {
    planned: counts.planned,
    skipped: { ...counts.skipped },
    perSource,
    floorMs: Math.max(0, ...Object.values(perSource).map((p) => p.floorMs)),
  };
  return { summary, queues, counts };
}

class Lane {
  private readonly items: QueueItem[] = [];
  private readonly queuedById = new Map<string, QueueItem>();
  private readonly waiters: Array<() => void> = [];
  inFlight = 0;
  /** The source stayed unavailable: nothing more is sent to it this run. */
  down = false;
  /** Its workers are gone: what still arrives waits for the next run. */
  finished = false;

  constructor(
    readonly source: HarvestSource,
    readonly index: number,
    private inputClosed: boolean,
  ) {}

  push(sourceId: string, target: HarvestTarget): void {
    const queued = this.queuedById.get(sourceId);
    if (queued) {
      queued.targets.push(target);
      return;
    }
    const item = { sourceId, targets: [target] };
    this.items.push(item);
    this.queuedById.set(sourceId, item);
    this.notify();
  }

  closeInput(): void {
    this.inputClosed = true;
    this.notify();
  }

  notify(): void {
    for (const wake of this.waiters.splice(0)) wake();
  }

  /** The next batch; null once nothing more can come (or `stop()` says so). */
  async take(max: number, stop: () => boolean): Promise<QueueItem[] | null> {
    for (;;) {
      if (stop()) return null;
      if (this.items.length) {
        const batch = this.items.splice(0, max);
        for (const item of batch) this.queuedById.delete(item.sourceId);
        return batch;
      }
      if (this.inputClosed) return null;
      await new Promise<void>((resolve) => this.waiters.push(resolve));
    }
  }

  finish(): QueueItem[] {
    this.finished = true;
    this.queuedById.clear();
    return this.items.splice(0);
  }

  get queued(): number {
    return this.items.length;
  }
}

const MAX_CIRCUIT_PAUSES = 5;

export async function runHarvest(options: HarvestOptions): Promise<HarvestReport> {
  const now = options.now ?? Date.now;
  const started = performance.now();
  const owner = options.owner ?? { pid: process.pid, host: hostname(), alive: processAlive };
  const runOptions = { only: options.only ?? null, force: options.force ?? false, limit: options.limit ?? null };
  const run: RunHandle = await options.store.startRun(runOptions, now(), owner);
  const states = await options.store.states();
  const enabled = new Set(options.sources.map((s) => s.name).filter((name) => !options.only || name === options.only));
  const ctx: PlanContext = { states, enabled, now: now(), forceSince: options.force ? run.startedAt : null };
  const planned = planHarvest(options.targets, options.sources.filter((s) => enabled.has(s.name)), ctx, options.limit);
  let counts = planned.counts;
  const totals = mergeTotals(run.counts);
  const cursor = { ...(run.cursor as Record<string, { batches: number; lastId: string }>) };

  const internal = new AbortController();
  const stop = () => internal.signal.aborted;
  const onAbort = () => internal.abort();
  options.signal?.addEventListener('abort', onAbort, { once: true });
  if (options.signal?.aborted) internal.abort();

  const lanes = HARVEST_SOURCES.flatMap((name, index) => {
    const source = options.sources.find((s) => s.name === name);
    return source && enabled.has(name) ? [new Lane(source, index, false)] : [];
  });
  lanes[0]?.closeInput();
  for (const lane of lanes) for (const { sourceId, target } of planned.queues.get(lane.source.name) ?? []) lane.push(sourceId, target);
  internal.signal.addEventListener('abort', () => lanes.forEach((l) => l.notify()), { once: true });

  let fatal: unknown = null;
  let commitChain: Promise<void> = Promise.resolve();
  let committedBatches = 0;
  /** Anime left for the next run (kept apart from `counts`, which only commits replace). */
  let deferred = 0;
  const withDeferred = (c: HarvestCounts): HarvestCounts => ({ ...c, deferred });

  const progress = (): HarvestProgress => {
    const sent = options.requestsSent?.() ?? {};
    const laneView = Object.fromEntries(
      HARVEST_SOURCES.map((name) => {
        const lane = lanes.find((l) => l.source.name === name);
        return [name, { queued: lane?.queued ?? 0, inFlight: lane?.inFlight ?? 0, requests: sent[name] ?? 0, down: lane?.down ?? false }];
      }),
    ) as HarvestProgress['lanes'];
    const etaMs = Math.max(
      0,
      ...lanes.map((l) => (Math.ceil(l.queued / l.source.batchSize) + l.inFlight) / sustainedRate(l.source.definition.rateLimits)),
    );
    const elapsedMs = performance.now() - started;
    const done = doneOf(withDeferred(counts));
    return { done, total: counts.planned, counts: withDeferred(counts), elapsedMs, ratePerMinute: elapsedMs > 0 ? (done / elapsedMs) * 60_000 : 0, etaMs, lanes: laneView };
  };

  /** Where a target goes after `lane`'s source said it does not know it. */
  const handOn = (lane: Lane, target: HarvestTarget, next: HarvestCounts, pushes: Array<() => void>) => {
    const step = nextStep(target, lane.index + 1, { ...ctx, now: now() });
    if (step.kind === 'fetch') {
      const to = lanes.find((l) => l.source.name === step.source);
      if (to) pushes.push(() => (to.down || to.finished ? (deferred += 1) : to.push(target.ids[step.source]!, target)));
      else next.handedOn += 1;
    } else if (step.kind === 'fresh') next.freshElsewhere += 1;
    else if (step.kind === 'other-source') next.handedOn += 1;
    else next.notFound += 1;
  };

  const commit = (lane: Lane, items: QueueItem[], answers: Map<string, EntryAnswer>) => {
    const task = commitChain.then(async () => {
      if (fatal) return;
      const source = lane.source.name;
      const attemptedAt = now();
      const next = cloneCounts(counts);
      const pushes: Array<() => void> = [];
      const entries: EntryWrite[] = [];
      for (const item of items) {
        const answer = answers.get(item.sourceId) ?? { outcome: 'error', code: ErrorCode.SOURCE_BAD_RESPONSE, message: `${source} answered without this id` };
        const key = stateKey(source, item.sourceId);
        const previous = states.get(key);
        const entry: EntryWrite = { sourceId: item.sourceId, animeId: item.targets[0]!.animeId, outcome: answer.outcome };
        if (answer.outcome === 'ok') {
          const classes = new Map<string, { fetchedAt: number; hash: string; failed: boolean }>();
          entry.status = answerStatus(answer.answer);
          entry.classes = FIELD_CLASSES.map((fieldClass) => {
            const value = answer.answer[fieldClass];
            if (isClassFailure(value)) {
              const kept = previous?.classes.get(fieldClass);
              classes.set(fieldClass, { fetchedAt: kept?.fetchedAt ?? attemptedAt, hash: kept?.hash ?? '', failed: true });
              return { fieldClass, payload: null, hash: '', fetchedAt: attemptedAt, error: { code: 'NORMALISE_FAILED', message: value.failure } };
            }
            const payload = value === null ? null : JSON.stringify(value);
            const hash = createHash('sha256').update(payload ?? 'null').digest('hex');
            classes.set(fieldClass, { fetchedAt: answer.fetchedAt, hash, failed: false });
            return { fieldClass, payload, hash, fetchedAt: answer.fetchedAt };
          });
          const unchanged = previous?.outcome === 'ok' && FIELD_CLASSES.every((c) => previous.classes.get(c)?.hash === classes.get(c)?.hash && !classes.get(c)?.failed);
          states.set(key, { outcome: 'ok', status: entry.status ?? null, attemptedAt, failures: 0, classes });
          next.sources[source].ok += 1;
          if (unchanged) next.unchanged += item.targets.length;
          else next.fetched += item.targets.length;
        } else if (answer.outcome === 'not_found') {
          states.set(key, { outcome: 'not_found', status: previous?.status ?? null, attemptedAt, failures: 0, classes: new Map() });
          next.sources[source].notFound += 1;
          for (const target of item.targets) handOn(lane, target, next, pushes);
        } else {
          entry.error = { code: answer.code, message: answer.message };
          states.set(key, { ...(previous ?? { status: null, classes: new Map() }), outcome: 'error', attemptedAt, failures: (previous?.failures ?? 0) + 1 } as SourceEntryState);
          next.sources[source].failed += 1;
          next.failed[answer.code] = (next.failed[answer.code] ?? 0) + item.targets.length;
        }
        entries.push(entry);
      }
      next.sources[source].batches += 1;
      const nextCursor = { ...cursor, [source]: { batches: (cursor[source]?.batches ?? 0) + 1, lastId: items.at(-1)!.sourceId } };
      try {
        await options.store.commitBatch({ runId: run.id, source, attemptedAt, entries, checkpoint: { cursor: nextCursor, counts: addTotals(totals, next) } });
      } catch (error) {
        fatal = error;
        internal.abort();
        return;
      }
      counts = next;
      Object.assign(cursor, nextCursor);
      for (const push of pushes) push();
      committedBatches += 1;
      options.onBatchCommitted?.({ source, ids: items.map((i) => i.sourceId), committed: committedBatches });
      options.onProgress?.(progress());
    });
    commitChain = task.catch(() => undefined);
    return task;
  };

  const worker = async (lane: Lane) => {
    // The next request goes out while the last answer is being written (one write waiting per
    // worker at most), so writing never holds back the source's budget.
    let writing: Promise<void> = Promise.resolve();
    try {
      for (;;) {
        if (lane.down) return;
        const items = await lane.take(lane.source.batchSize, stop);
        if (!items) return;
        const ids = items.map((i) => i.sourceId);
        lane.inFlight += 1;
        let answers: Map<string, EntryAnswer> | null;
        try {
          answers = await fetchPatiently(lane, ids);
        } finally {
          lane.inFlight -= 1;
        }
        if (answers === null) {
          // Interrupted while waiting, or the source stayed down: nothing was learnt about these.
          deferred += items.reduce((n, i) => n + i.targets.length, 0);
          return;
        }
        await writing;
        writing = commit(lane, items, answers);
      }
    } finally {
      await writing;
    }
  };

  /** The answers, or null when the run stops or the source's circuit stays open. */
  const fetchPatiently = async (lane: Lane, ids: string[]): Promise<Map<string, EntryAnswer> | null> => {
    for (let pauses = 0; ; pauses += 1) {
      try {
        return await lane.source.fetch(ids);
      } catch (error) {
        if (isCircuitOpen(error) && !lane.down) {
          if (pauses >= MAX_CIRCUIT_PAUSES) {
            lane.down = true;
            return null;
          }
          if (!(await pause(options.circuitPauseMs ?? 30_000, internal.signal))) return null;
          continue;
        }
        const code = error instanceof AppError ? error.code : ErrorCode.SOURCE_UNAVAILABLE;
        const message = error instanceof Error ? error.message : String(error);
        return new Map(ids.map((id) => [id, { outcome: 'error', code, message } as EntryAnswer]));
      }
    }
  };

  options.onProgress?.(progress());
  const laneDone: Array<Promise<void>> = lanes.map((lane) =>
    Promise.all(Array.from({ length: Math.max(1, lane.source.definition.maxConcurrent) }, () => worker(lane))).then(async () => {
      await commitChain;
      // A lane that stopped early (interrupted, source down) leaves its queue for the next run.
      deferred += lane.finish().reduce((n, i) => n + i.targets.length, 0);
    }),
  );
  // Only earlier lanes hand anime on: a lane's input is complete once the one before it is done.
  const closers = lanes.slice(1).map(async (lane, i) => {
    await laneDone[i];
    lane.closeInput();
  });
  await Promise.all([...laneDone, ...closers]);
  await commitChain;
  options.signal?.removeEventListener('abort', onAbort);

  const status: HarvestReport['status'] = fatal ? 'failed' : options.signal?.aborted ? 'interrupted' : 'finished';
  const sent = options.requestsSent?.() ?? {};
  const requests = Object.fromEntries(lanes.map((l) => [l.source.name, sent[l.source.name] ?? 0])) as HarvestReport['requests'];
  try {
    await options.store.finishRun(run.id, status, { cursor, counts: addTotals(totals, withDeferred(counts)) }, now());
  } catch (error) {
    fatal ??= error;
  }
  return {
    runId: run.id,
    resumed: run.resumed,
    status: fatal ? 'failed' : status,
    ...(fatal ? { error: fatal instanceof Error ? fatal.message : String(fatal) } : {}),
    counts: withDeferred(counts),
    requests,
    elapsedMs: performance.now() - started,
    floorMs: Math.max(0, ...lanes.map((l) => floorMs(requests[l.source.name] ?? 0, l.source.definition.rateLimits))),
    plan: planned.summary,
  };
}

function isCircuitOpen(error: unknown): boolean {
  return error instanceof AppError && error.code === ErrorCode.SOURCE_UNAVAILABLE && error.details['reason'] === 'circuit-open';
}

/** Resolves true after `ms`, false as soon as the signal aborts. */
function pause(ms: number, signal: AbortSignal): Promise<boolean> {
  if (signal.aborted) return Promise.resolve(false);
  return new Promise((resolve) => {
    const timer = setTimeout(() => {
      signal.removeEventListener('abort', onAbort);
      resolve(true);
    }, ms);
    const onAbort = () => {
      clearTimeout(timer);
      resolve(false);
    };
    signal.addEventListener('abort', onAbort, { once: true });
  });
}

function processAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** The run row keeps totals over every invocation that worked on it (resumes add up). */
type Totals = Record<string, number | Record<string, number>>;

function mergeTotals(stored: unknown): Totals {
  return stored && typeof stored === 'object' ? (stored as Totals) : {};
}

function addTotals(before: Totals, now: HarvestCounts): Totals {
  const out: Totals = { ...before };
  const add = (key: string, value: number) => (out[key] = ((out[key] as number | undefined) ?? 0) + value);
  add('fetched', now.fetched);
  add('unchanged', now.unchanged);
  add('notFound', now.notFound);
  add('freshElsewhere', now.freshElsewhere);
  add('handedOn', now.handedOn);
  const failed = { ...((before['failed'] as Record<string, number> | undefined) ?? {}) };
  for (const [code, n] of Object.entries(now.failed)) failed[code] = (failed[code] ?? 0) + n;
  out['failed'] = failed;
  return out;
}
