// The enrichment tables: what each source said about each anime (records per field class), the
// last fetch attempt per anime and source, and the harvest runs with their checkpoints. A batch of
// answers and its run checkpoint are written in one transaction, so a crash between two batches
// loses nothing and a crash inside one loses only that batch.
import { sql, type Kysely, type Transaction } from 'kysely';
import type { EnrichmentFetchRow, EnrichmentRecordRow, EnrichmentRunRow, StoreDatabase } from './schema.js';
import { StoreError } from './connect.js';

export type FetchOutcome = 'ok' | 'not_found' | 'error';
export type RunStatus = 'running' | 'interrupted' | 'failed' | 'finished' | 'superseded';

export interface ClassWrite {
  fieldClass: string;
  /** JSON text of the normalised fields, or null when the source has nothing for the class. */
  payload: string | null;
  hash: string;
  fetchedAt: number;
  /** The class could not be normalised: the previous payload (if any) is kept, the error noted. */
  error?: { code: string; message: string };
}

export interface EntryWrite {
  sourceId: string;
  animeId: string;
  outcome: FetchOutcome;
  status?: string | null;
  error?: { code: string; message: string };
  classes?: ClassWrite[];
}

export interface BatchWrite {
  runId: number;
  source: string;
  attemptedAt: number;
  entries: EntryWrite[];
  /** The run's checkpoint after this batch. */
  checkpoint: { cursor: unknown; counts: unknown };
}

/** What the store knows of one anime at one source, enough to decide whether it is due. */
export interface SourceEntryState {
  outcome: FetchOutcome;
  status: string | null;
  attemptedAt: number;
  failures: number;
  /** fetched_at per field class, and whether the class carries an error. */
  classes: Map<string, { fetchedAt: number; hash: string; failed: boolean }>;
}

export interface RunHandle {
  id: number;
  resumed: boolean;
  startedAt: number;
  cursor: unknown;
  counts: unknown;
}

const stateKey = (source: string, sourceId: string) => `${source}:${sourceId}`;

/** A live run of another process holds the store for this long after its last heartbeat. */
export const RUN_HEARTBEAT_STALE_MS = 120_000;

export class EnrichmentStore {
  constructor(private readonly db: Kysely<StoreDatabase>) {}

  /** Every fetch state, keyed `source:sourceId` (payloads are not read: planning needs ages only). */
  async states(): Promise<Map<string, SourceEntryState>> {
    const states = new Map<string, SourceEntryState>();
    const fetches = await this.db.selectFrom('enrichment_fetches').select(['source', 'source_id', 'outcome', 'status', 'attempted_at', 'failures']).execute();
    for (const f of fetches) {
      states.set(stateKey(f.source, f.source_id), {
        outcome: f.outcome as FetchOutcome,
        status: f.status,
        attemptedAt: Number(f.attempted_at),
        failures: Number(f.failures),
        classes: new Map(),
      });
    }
    const records = await this.db.selectFrom('enrichment_records').select(['source', 'source_id', 'field_class', 'fetched_at', 'hash', 'error_code']).execute();
    for (const r of records) {
      states.get(stateKey(r.source, r.source_id))?.classes.set(r.field_class, { fetchedAt: Number(r.fetched_at), hash: r.hash, failed: r.error_code !== null });
    }
    return states;
  }

  /** One batch of answers plus the run checkpoint, atomically. */
  async commitBatch(batch: BatchWrite): Promise<void> {
    await this.db.transaction().execute(async (trx) => {
      for (const entry of batch.entries) await this.writeEntry(trx, batch, entry);
      await trx
        .updateTable('enrichment_runs')
        .set({ cursor: JSON.stringify(batch.checkpoint.cursor), counts: JSON.stringify(batch.checkpoint.counts), heartbeat_at: batch.attemptedAt })
        .where('id', '=', batch.runId)
        .execute();
    });
  }

  private async writeEntry(trx: Transaction<StoreDatabase>, batch: BatchWrite, entry: EntryWrite): Promise<void> {
    const { source, attemptedAt, runId } = batch;
    // Checked here, not left to the NOT NULL constraint: the whole batch rolls back with a message
    // that names the entry.
    if (typeof entry.animeId !== 'string' || !entry.animeId) throw new StoreError(`enrichment entry ${source}:${entry.sourceId} has no catalog anime id; the batch is not written`);
    const failed = entry.outcome === 'error';
    await trx
      .insertInto('enrichment_fetches')
      .values({
        source,
        source_id: entry.sourceId,
        anime_id: entry.animeId,
        outcome: entry.outcome,
        status: entry.status ?? null,
        error_code: entry.error?.code ?? null,
        error_message: entry.error?.message ?? null,
        attempted_at: attemptedAt,
        failures: failed ? 1 : 0,
        run_id: runId,
      })
      .onConflict((oc) =>
        oc.columns(['source', 'source_id']).doUpdateSet((eb) => ({
          anime_id: eb.ref('excluded.anime_id'),
          outcome: eb.ref('excluded.outcome'),
          // A failed attempt says nothing new about the status; keep the last one known.
          status: failed ? eb.ref('enrichment_fetches.status') : eb.ref('excluded.status'),
          error_code: eb.ref('excluded.error_code'),
          error_message: eb.ref('excluded.error_message'),
          attempted_at: eb.ref('excluded.attempted_at'),
          failures: failed ? sql<number>`enrichment_fetches.failures + 1` : sql<number>`0`,
          run_id: eb.ref('excluded.run_id'),
        })),
      )
      .execute();
    if (entry.outcome === 'not_found') {
      // The source no longer lists the id: what it said before is withdrawn with it.
      await trx.deleteFrom('enrichment_records').where('source', '=', source).where('source_id', '=', entry.sourceId).execute();
    }
    for (const c of entry.classes ?? []) {
      if (c.error) {
        await trx
          .insertInto('enrichment_records')
          .values({ ...recordKey(source, entry, c), payload: null, hash: '', fetched_at: c.fetchedAt, changed_at: c.fetchedAt, error_code: c.error.code, error_message: c.error.message })
          .onConflict((oc) => oc.columns(['source', 'source_id', 'field_class']).doUpdateSet((eb) => ({ error_code: eb.ref('excluded.error_code'), error_message: eb.ref('excluded.error_message') })))
          .execute();
        continue;
      }
      await trx
        .insertInto('enrichment_records')
        .values({ ...recordKey(source, entry, c), payload: c.payload, hash: c.hash, fetched_at: c.fetchedAt, changed_at: c.fetchedAt, error_code: null, error_message: null })
        .onConflict((oc) =>
          oc.columns(['source', 'source_id', 'field_class']).doUpdateSet((eb) => ({
            anime_id: eb.ref('excluded.anime_id'),
            payload: eb.ref('excluded.payload'),
            // An unchanged payload keeps the time it last changed.
            changed_at: sql<number>`case when enrichment_records.hash = excluded.hash then enrichment_records.changed_at else excluded.changed_at end`,
            hash: eb.ref('excluded.hash'),
            fetched_at: eb.ref('excluded.fetched_at'),
            error_code: sql<null>`null`,
            error_message: sql<null>`null`,
          })),
        )
        .execute();
    }
  }

  /**
   * Starts a run, or resumes the last unfinished one when it was started with the same options
   * (an unfinished run with other options is closed as `superseded`). Refuses while another live
   * process holds a run.
   */
  async startRun(options: unknown, now: number, owner: { pid: number; host: string; alive(pid: number): boolean }): Promise<RunHandle> {
    const optionsJson = JSON.stringify(options);
    return this.db.transaction().execute(async (trx) => {
      const open = await trx.selectFrom('enrichment_runs').selectAll().where('status', 'in', ['running', 'interrupted', 'failed']).orderBy('id', 'desc').execute();
      // On this host the process table says whether the owner lives; elsewhere only its heartbeat can.
      const live = (run: EnrichmentRunRow) =>
        run.status === 'running' &&
        (run.host === owner.host ? run.pid !== owner.pid && owner.alive(run.pid) : now - Number(run.heartbeat_at) < RUN_HEARTBEAT_STALE_MS);
      const busy = open.find(live);
      if (busy) throw new StoreError(`another harvest (run ${busy.id}, pid ${busy.pid} on ${busy.host}) is running; wait for it or stop it first`);
      const resumable = open.find((run) => run.options === optionsJson);
      for (const run of open) {
        if (run !== resumable) await trx.updateTable('enrichment_runs').set({ status: 'superseded', finished_at: now }).where('id', '=', run.id).execute();
      }
      if (resumable) {
        await trx.updateTable('enrichment_runs').set({ status: 'running', pid: owner.pid, host: owner.host, heartbeat_at: now }).where('id', '=', resumable.id).execute();
        return { id: resumable.id, resumed: true, startedAt: Number(resumable.started_at), cursor: JSON.parse(resumable.cursor), counts: JSON.parse(resumable.counts) };
      }
      const inserted = await trx
        .insertInto('enrichment_runs')
        .values({ status: 'running', options: optionsJson, cursor: '{}', counts: '{}', started_at: now, finished_at: null, pid: owner.pid, host: owner.host, heartbeat_at: now })
        .returning('id')
        .executeTakeFirstOrThrow();
      return { id: Number(inserted.id), resumed: false, startedAt: now, cursor: {}, counts: {} };
    });
  }

  async finishRun(id: number, status: Exclude<RunStatus, 'running'>, checkpoint: { cursor: unknown; counts: unknown }, now: number): Promise<void> {
    await this.db
      .updateTable('enrichment_runs')
      .set({ status, cursor: JSON.stringify(checkpoint.cursor), counts: JSON.stringify(checkpoint.counts), finished_at: status === 'finished' ? now : null, heartbeat_at: now })
      .where('id', '=', id)
      .execute();
  }

  async runs(): Promise<EnrichmentRunRow[]> {
    return (await this.db.selectFrom('enrichment_runs').selectAll().orderBy('id', 'asc').execute()).map((r) => ({ ...r, id: Number(r.id) }));
  }

  /** Every record with its payload (the catalog merges them at start). */
  async records(filter: { source?: string } = {}): Promise<EnrichmentRecordRow[]> {
    let query = this.db.selectFrom('enrichment_records').selectAll();
    if (filter.source) query = query.where('source', '=', filter.source);
    return query.orderBy('source').orderBy('source_id').orderBy('field_class').execute();
  }

  async fetches(filter: { source?: string } = {}): Promise<EnrichmentFetchRow[]> {
    let query = this.db.selectFrom('enrichment_fetches').selectAll();
    if (filter.source) query = query.where('source', '=', filter.source);
    return query.orderBy('source').orderBy('source_id').execute();
  }
}

function recordKey(source: string, entry: EntryWrite, c: ClassWrite) {
  return { source, source_id: entry.sourceId, field_class: c.fieldClass, anime_id: entry.animeId };
}
