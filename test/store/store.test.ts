// The local store on both databases: migrations from empty (an SQLite temp file; a fresh
// PostgreSQL schema per run, dropped after), re-opening without re-applying, and the enrichment
// tables' contract — atomic batches, unchanged payloads keeping their change time, withdrawn
// records, runs that resume, supersede and refuse a live owner. Payloads are real: the Cowboy
// Bebop AniList recording, normalised.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createHash } from 'node:crypto';
import { sql } from 'kysely';
import { FIELD_CLASSES, normaliseAnilist } from '../../src/enrich/index.js';
import { knownMigrations, openStore, STORE_TABLES, StoreError, type BatchWrite, type Store, type StoreTarget } from '../../src/store/index.js';
import { anilistMediaSchema } from '../../subgraphs/anilist/upstream.js';
import { describeWithPart } from '../support/system-parts.js';
import { recording } from '../enrich/recordings.js';
import { dropSchema, findPostgres, freshSchemaName, schemaTables } from './postgres.js';

const bebop = normaliseAnilist(anilistMediaSchema.parse(recording('anilist/modb_anilist_1_cowboy_bebop.json').data.Media));

function okBatch(runId: number, attemptedAt: number, fetchedAt: number, overrides: Partial<Record<string, unknown>> = {}): BatchWrite {
  return {
    runId,
    source: 'anilist',
    attemptedAt,
    entries: [
      {
        sourceId: '1',
        animeId: 'mal:1',
        outcome: 'ok',
        status: 'COMPLETED',
        classes: FIELD_CLASSES.map((fieldClass) => {
          const value = fieldClass in overrides ? overrides[fieldClass] : bebop[fieldClass];
          const payload = value === null ? null : JSON.stringify(value);
          return { fieldClass, payload, hash: createHash('sha256').update(payload ?? 'null').digest('hex'), fetchedAt };
        }),
      },
    ],
    checkpoint: { cursor: { anilist: { batches: 1, lastId: '1' } }, counts: { fetched: 1 } },
  };
}

const owner = (pid: number, alive = true) => ({ pid, host: 'test-host', alive: () => alive });

function storeContract(name: string, target: () => StoreTarget, tables: () => Promise<string[]>) {
  let store: Store;

  beforeAll(async () => {
    store = await openStore(target(), () => Date.parse('2026-12-01T00:00:00Z'));
  });
  afterAll(async () => {
    await store?.close();
  });

  it(`${name}: migrates an empty database to the latest version`, async () => {
    expect(await store.migrations()).toEqual(knownMigrations(store.dialect));
    expect(await store.migrations()).toEqual(['0001_store_meta', '0002_enrichment', '0003_api_keys', '0004_users', '0005_user_links', '0006_user_alerts', '0007_user_shares', '0008_watchlist_by_anime']);
    const present = await tables();
    for (const table of [...STORE_TABLES, 'kysely_migration', 'kysely_migration_lock']) expect(present).toContain(table);
    const meta = await store.db.selectFrom('store_meta').selectAll().orderBy('key').execute();
    expect(meta.map((m) => [m.key, m.value])).toEqual([
      ['created_at', '2026-12-01T00:00:00.000Z'],
      ['schema_version', '0008_watchlist_by_anime'],
    ]);
  });

  it(`${name}: opening again applies nothing and keeps created_at`, async () => {
    const again = await openStore(target(), () => Date.parse('2027-01-01T00:00:00Z'));
    try {
      expect(await again.migrations()).toEqual(['0001_store_meta', '0002_enrichment', '0003_api_keys', '0004_users', '0005_user_links', '0006_user_alerts', '0007_user_shares', '0008_watchlist_by_anime']);
      const created = await again.db.selectFrom('store_meta').select('value').where('key', '=', 'created_at').executeTakeFirstOrThrow();
      expect(created.value).toBe('2026-12-01T00:00:00.000Z');
    } finally {
      await again.close();
    }
  });

  it(`${name}: a batch and its checkpoint land together; times read back as numbers`, async () => {
    const run = await store.enrichment.startRun({ only: null }, 1_000, owner(101));
    expect(run).toMatchObject({ resumed: false, startedAt: 1_000 });
    await store.enrichment.commitBatch(okBatch(run.id, 2_000, 1_500));
    const records = await store.enrichment.records();
    expect(records.map((r) => r.field_class).sort()).toEqual([...FIELD_CLASSES].sort());
    const titles = records.find((r) => r.field_class === 'titles')!;
    expect(JSON.parse(titles.payload!)).toEqual(bebop.titles);
    expect(titles).toMatchObject({ source: 'anilist', source_id: '1', anime_id: 'mal:1', fetched_at: 1_500, changed_at: 1_500, error_code: null });
    expect(typeof titles.fetched_at).toBe('number');
    const [fetch] = await store.enrichment.fetches();
    expect(fetch).toMatchObject({ outcome: 'ok', status: 'COMPLETED', attempted_at: 2_000, failures: 0, run_id: run.id });
    const [row] = await store.enrichment.runs();
    expect(JSON.parse(row!.cursor)).toEqual({ anilist: { batches: 1, lastId: '1' } });
    expect(JSON.parse(row!.counts)).toEqual({ fetched: 1 });
    const states = await store.enrichment.states();
    expect(states.get('anilist:1')?.classes.get('scores')).toEqual({ fetchedAt: 1_500, hash: expect.any(String), failed: false });
  });

  it(`${name}: an unchanged refetch keeps changed_at; a changed class moves it`, async () => {
    const [run] = await store.enrichment.runs();
    await store.enrichment.commitBatch(okBatch(run!.id, 3_000, 2_500, { synopsis: null }));
    const records = await store.enrichment.records();
    expect(records.find((r) => r.field_class === 'titles')).toMatchObject({ fetched_at: 2_500, changed_at: 1_500 });
    expect(records.find((r) => r.field_class === 'synopsis')).toMatchObject({ payload: null, fetched_at: 2_500, changed_at: 2_500 });
  });

  it(`${name}: a failed class keeps the last good payload; an error attempt counts failures and keeps the status`, async () => {
    const [run] = await store.enrichment.runs();
    const batch = okBatch(run!.id, 4_000, 3_500);
    batch.entries[0]!.classes![0] = { fieldClass: 'titles', payload: null, hash: '', fetchedAt: 3_500, error: { code: 'NORMALISE_FAILED', message: 'unexpected shape' } };
    await store.enrichment.commitBatch(batch);
    const titles = (await store.enrichment.records()).find((r) => r.field_class === 'titles')!;
    expect(JSON.parse(titles.payload!)).toEqual(bebop.titles);
    expect(titles).toMatchObject({ error_code: 'NORMALISE_FAILED', fetched_at: 2_500 });
    for (const at of [5_000, 6_000]) {
      await store.enrichment.commitBatch({ ...okBatch(run!.id, at, at), entries: [{ sourceId: '1', animeId: 'mal:1', outcome: 'error', error: { code: 'SOURCE_UNAVAILABLE', message: 'down' } }] });
    }
    const [fetch] = await store.enrichment.fetches();
    expect(fetch).toMatchObject({ outcome: 'error', status: 'COMPLETED', failures: 2, error_code: 'SOURCE_UNAVAILABLE', attempted_at: 6_000 });
  });

  it(`${name}: a not-found answer withdraws the source's records`, async () => {
    const [run] = await store.enrichment.runs();
    await store.enrichment.commitBatch({ ...okBatch(run!.id, 7_000, 7_000), entries: [{ sourceId: '1', animeId: 'mal:1', outcome: 'not_found' }] });
    expect(await store.enrichment.records()).toEqual([]);
    expect((await store.enrichment.fetches())[0]).toMatchObject({ outcome: 'not_found', failures: 0, error_code: null });
  });

  it(`${name}: a failing statement rolls the whole batch back`, async () => {
    const [run] = await store.enrichment.runs();
    const batch = okBatch(run!.id, 8_000, 8_000);
    // The second entry, without an anime id, is refused after the first one's rows were written.
    batch.entries.push({ sourceId: '2', animeId: null as unknown as string, outcome: 'ok', classes: [] });
    await expect(store.enrichment.commitBatch(batch)).rejects.toThrow(/enrichment entry \w+:2 has no catalog anime id/);
    expect(await store.enrichment.records()).toEqual([]);
    expect((await store.enrichment.fetches()).map((f) => [f.source_id, f.outcome])).toEqual([['1', 'not_found']]);
  });

  it(`${name}: runs resume with the same options, are superseded by others, and a live owner keeps them`, async () => {
    const [first] = await store.enrichment.runs();
    await store.enrichment.finishRun(first!.id, 'interrupted', { cursor: { anilist: { batches: 3 } }, counts: { fetched: 9 } }, 9_000);
    const resumed = await store.enrichment.startRun({ only: null }, 10_000, owner(102));
    expect(resumed).toMatchObject({ id: first!.id, resumed: true, startedAt: 1_000, cursor: { anilist: { batches: 3 } }, counts: { fetched: 9 } });
    // The same run, still owned by a living process 102: a second harvest must wait.
    await expect(store.enrichment.startRun({ only: null }, 11_000, { pid: 103, host: 'test-host', alive: (pid) => pid === 102 })).rejects.toThrow(StoreError);
    // Its owner died (same host, pid gone): the run is taken over.
    const taken = await store.enrichment.startRun({ only: null }, 12_000, owner(104, false));
    expect(taken).toMatchObject({ id: first!.id, resumed: true });
    await store.enrichment.finishRun(first!.id, 'interrupted', { cursor: {}, counts: {} }, 13_000);
    const other = await store.enrichment.startRun({ only: 'jikan' }, 14_000, owner(105));
    expect(other.resumed).toBe(false);
    const runs = await store.enrichment.runs();
    expect(runs.map((r) => [r.id, r.status])).toEqual([
      [first!.id, 'superseded'],
      [other.id, 'running'],
    ]);
    await store.enrichment.finishRun(other.id, 'finished', { cursor: {}, counts: { fetched: 0 } }, 15_000);
    expect((await store.enrichment.runs()).at(-1)).toMatchObject({ status: 'finished', finished_at: 15_000 });
  });
}

describe('SQLite store (temp file)', () => {
  const dir = mkdtempSync(join(tmpdir(), 'store-test-'));
  const path = join(dir, 'nested', 'store.sqlite');
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  storeContract('sqlite', () => ({ sqlitePath: path }), async () => {
    const store = await openStore({ sqlitePath: path });
    try {
      const { rows } = await sql<{ name: string }>`select name from sqlite_master where type = 'table'`.execute(store.db);
      return rows.map((r) => r.name);
    } finally {
      await store.close();
    }
  });

  it('refuses a file that is not a database with a StoreError naming it', async () => {
    const bad = join(dir, 'not-a-db.sqlite');
    writeFileSync(bad, 'this is a text file, not SQLite '.repeat(200));
    const error = await openStore({ sqlitePath: bad }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(StoreError);
    expect((error as Error).message).toContain(bad);
  });
});

const postgres = await findPostgres();
describeWithPart('postgres', postgres.problem, 'PostgreSQL store (test/store/store.test.ts)')('PostgreSQL store (fresh schema)', () => {
  const url = postgres.url!;
  const schema = freshSchemaName('store_test');
  afterAll(async () => {
    await dropSchema(url, schema);
    // Dropped: nothing of this run is left behind.
    expect(await schemaTables(url, schema)).toEqual([]);
  });

  storeContract('postgres', () => ({ databaseUrl: url, pgSchema: schema }), () => schemaTables(url, schema));

  it('a server that does not answer is a StoreError without the password', async () => {
    const error = await openStore({ databaseUrl: 'postgres://someone:secret@127.0.0.1:1/test' }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(StoreError);
    expect((error as Error).message).toContain('127.0.0.1:1');
    expect((error as Error).message).not.toContain('secret');
  });
});
