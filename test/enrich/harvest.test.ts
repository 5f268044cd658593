// The harvest end to end: real catalog entries, the real source descriptions (limits scaled down
// by the `scale` factor only), the upstream kit, the loopback replay server answering with real
// recordings, and an SQLite store in a temp folder. Store contents are checked field by field
// against the raw recordings; faults (429 with Retry-After, hangs, truncated and garbled bodies,
// a payload of the wrong shape), an interrupted run and a store failure mid-batch are all resumed
// to the same store a clean run writes.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomUUID } from 'node:crypto';
import { decodeHTML } from 'entities';
import { sql } from 'kysely';
import { loadCatalog, type Catalog } from '../../src/catalog/index.js';
import type { Config } from '../../src/config/index.js';
import { Platform, type AnimeRecord } from '../../src/domain/index.js';
import {
  createHarvestKit,
  floorMs,
  formatPlan,
  formatSummary,
  harvestSources,
  planHarvest,
  runHarvest,
  targetsFromRecords,
  type HarvestOptions,
  type HarvestReport,
  type HarvestTarget,
} from '../../src/enrich/index.js';
import { openStore, type Store } from '../../src/store/index.js';
import { anilistSource } from '../../subgraphs/anilist/client.js';
import { jikanSource } from '../../subgraphs/jikan/client.js';
import { startReplayServer, type ReplayRequest, type ReplayServer } from '../replay/server.js';
import { describeWithPart } from '../support/system-parts.js';
import { dropSchema, findPostgres, freshSchemaName } from '../store/postgres.js';
import { anilistMediaById, JIKAN_WRONG_SHAPE, kitsuResourcesById, recording, replayConfig, routeRecordings } from './recordings.js';

const DAY = 24 * 3600 * 1000;
const T0 = Date.parse('2026-12-01T00:00:00Z');
/** Limits run this many times faster than published (1 minute → 5 ms … 300 ms windows). */
const SCALE = 200;
const BATCH = 4;

let replay: ReplayServer;
let config: Config;
let catalog: Catalog;
let dir: string;
let targets: HarvestTarget[];
const media = anilistMediaById();
const kitsu = kitsuResourcesById();

/** Catalog entries by AniList id, read from the real catalog. */
const byAnilist = (id: number): AnimeRecord => {
  const record = catalog.byPlatform(Platform.ANILIST, id);
  if (!record) throw new Error(`the catalog has no entry with AniList id ${id}`);
  return record;
};
const idOf = (record: AnimeRecord, platform: Platform) => record.platformIds.find((p) => p.platform === platform)?.id;

// Entries whose AniList id has no recording: the replay server leaves them out of the page, as
// AniList does for ids it does not know, so they go on to Jikan and Kitsu.
const SAO = 11757; // Jikan has it (base-endpoint recording)
const BEBOP_MOVIE = 5; // Jikan 404, Kitsu 2 recorded
const BEAST_WARS = 5289; // Jikan 404, Kitsu 4036 recorded
const SHINGEKI = 16498; // nobody has it: not found anywhere
const DEATH_NOTE = 1535; // Jikan answers with a real body of the wrong shape

beforeAll(async () => {
  replay = await startReplayServer();
  routeRecordings(replay);
  replay.route({ method: 'GET', path: `/jikan/anime/${DEATH_NOTE}/full`, file: JIKAN_WRONG_SHAPE });
  config = replayConfig(replay);
  catalog = await loadCatalog(config);
  dir = mkdtempSync(join(tmpdir(), 'enrich-test-'));
  const recorded = [...media.keys()].map((id) => catalog.byPlatform(Platform.ANILIST, id)).filter((r): r is AnimeRecord => r !== undefined);
  targets = targetsFromRecords([...recorded, ...[SAO, BEBOP_MOVIE, BEAST_WARS, SHINGEKI, DEATH_NOTE].map(byAnilist)]);
}, 120_000);

afterAll(async () => {
  await replay?.close();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

interface Harness {
  store: Store;
  clock: { now: number };
  close(): Promise<void>;
}

async function freshStore(): Promise<Harness> {
  const store = await openStore({ sqlitePath: join(dir, `${randomUUID()}.sqlite`) });
  return { store, clock: { now: T0 }, close: () => store.close() };
}

async function harvest(h: Harness, options: Partial<HarvestOptions> & { anilistBatch?: number; targets?: HarvestTarget[] } = {}): Promise<HarvestReport & { retries: number }> {
  const kit = createHarvestKit(config, { namespace: randomUUID(), now: () => h.clock.now, policy: { baseDelayMs: 20, maxDelayMs: 200, halfOpenAfterMs: 300 } });
  const sources = harvestSources(kit, config, { scale: SCALE, now: () => h.clock.now }).map((s) => (s.name === 'anilist' ? { ...s, batchSize: options.anilistBatch ?? BATCH, fetch: s.fetch } : s));
  try {
    const report = await runHarvest({
      store: h.store.enrichment,
      targets: options.targets ?? targets,
      sources,
      now: () => h.clock.now,
      circuitPauseMs: 300,
      requestsSent: () => Object.fromEntries(Object.entries(kit.stats()).map(([name, s]) => [name, s.upstreamRequests])),
      ...options,
    });
    return { ...report, retries: Object.values(kit.stats()).reduce((n, s) => n + s.retries, 0) };
  } finally {
    await kit.close();
  }
}

/** What the store holds, without the times (runs at different clocks compare equal). */
async function contents(store: Store) {
  const records = (await store.enrichment.records()).map((r) => [r.source, r.source_id, r.field_class, r.anime_id, r.payload, r.error_code]);
  const fetches = (await store.enrichment.fetches()).map((f) => [f.source, f.source_id, f.anime_id, f.outcome, f.status, f.error_code]);
  return { records, fetches };
}

async function payloads(store: Store, source: string, id: string | number): Promise<Record<string, any>> {
  const rows = (await store.enrichment.records({ source })).filter((r) => r.source_id === String(id));
  return Object.fromEntries(rows.map((r) => [r.field_class, r.payload === null ? null : JSON.parse(r.payload)]));
}

const anilistRequests = (from = 0): ReplayRequest[] => replay.requests.slice(from).filter((r) => r.path === '/anilist/');
const idsAsked = (requests: ReplayRequest[]): number[] => requests.flatMap((r) => JSON.parse(r.body).variables.ids as number[]);
const plainText = (html: string) => decodeHTML(html.replace(/<br\s*\/?>/gi, ' ').replace(/<[^>]+>/g, '')).replace(/\s+/g, ' ').trim();

let clean: { records: unknown[]; fetches: unknown[] };
let recordedInCatalog: number[];

describe('a full harvest on real recordings', () => {
  let h: Harness;
  let report: HarvestReport & { retries: number };
  let from: number;

  beforeAll(async () => {
    h = await freshStore();
    from = replay.requests.length;
    report = await harvest(h);
    clean = await contents(h.store);
    recordedInCatalog = [...media.keys()].filter((id) => catalog.byPlatform(Platform.ANILIST, id));
  });
  afterAll(() => h.close());

  it('asks every entry once, at the first source that has it, and counts what came back', () => {
    expect(recordedInCatalog.length).toBeGreaterThanOrEqual(14);
    const anilistCount = targets.length;
    expect(report.status).toBe('finished');
    expect(report.counts).toMatchObject({
      planned: anilistCount,
      // AniList recordings, SAO from Jikan, the film and Beast Wars from Kitsu.
      fetched: recordedInCatalog.length + 3,
      unchanged: 0,
      notFound: 1,
      failed: { SOURCE_BAD_RESPONSE: 1 },
      deferred: 0,
    });
    expect(report.counts.sources.anilist).toMatchObject({ planned: anilistCount, batches: Math.ceil(anilistCount / BATCH), ok: recordedInCatalog.length, notFound: 5 });
    expect(report.counts.sources.jikan).toMatchObject({ batches: 5, ok: 1, notFound: 3, failed: 1 });
    expect(report.counts.sources.kitsu).toMatchObject({ batches: 3, ok: 2, notFound: 1 });
    expect(report.requests).toEqual({ anilist: Math.ceil(anilistCount / BATCH), jikan: 5, kitsu: 3 });
    // The replay server saw exactly those requests, each AniList id once.
    const asked = idsAsked(anilistRequests(from));
    expect(asked.sort((a, b) => a - b)).toEqual(targets.map((t) => Number(t.ids.anilist)).sort((a, b) => a - b));
    expect(replay.requests.slice(from).filter((r) => r.path.startsWith('/jikan/')).map((r) => r.path).sort()).toEqual(
      [SAO, BEBOP_MOVIE, BEAST_WARS, SHINGEKI, DEATH_NOTE].map((id) => `/jikan/anime/${idOf(byAnilist(id), Platform.MAL)}/full`).sort(),
    );
    expect(replay.requests.slice(from).filter((r) => r.path.startsWith('/kitsu/')).map((r) => r.path).sort()).toEqual(
      [BEBOP_MOVIE, BEAST_WARS, SHINGEKI].map((id) => `/kitsu/anime/${idOf(byAnilist(id), Platform.KITSU)}`).sort(),
    );
    expect(formatSummary(report)).toMatch(new RegExp(`fetched: +${recordedInCatalog.length + 3} new or changed, 0 unchanged`));
  });

  it('stores every AniList Media field class as recorded, with source and fetch time', async () => {
    for (const id of recordedInCatalog) {
      const raw = media.get(id);
      const record = byAnilist(id);
      const rows = (await h.store.enrichment.records({ source: 'anilist' })).filter((r) => r.source_id === String(id));
      expect(rows).toHaveLength(7);
      for (const row of rows) expect(row).toMatchObject({ anime_id: record.id, fetched_at: T0, changed_at: T0, error_code: null });
      const p = await payloads(h.store, 'anilist', id);
      if (raw.title.romaji) expect(p.titles).toMatchObject({ romaji: raw.title.romaji, english: raw.title.english ?? null, native: raw.title.native ?? null });
      else expect(p.titles).toBeNull();
      for (const synonym of raw.synonyms ?? []) if (![raw.title.romaji, raw.title.english, raw.title.native].includes(synonym)) expect(p.titles.synonyms).toContain(synonym);
      if (raw.description) expect(p.synopsis.text.replace(/\s+/g, ' ')).toBe(plainText(raw.description));
      expect(p.genres.genres).toEqual(raw.genres);
      expect(p.genres.tags.map((t: any) => [t.name, t.rank]).sort()).toEqual((raw.tags ?? []).map((t: any) => [t.name, t.rank ?? null]).sort());
      expect(p.scores).toMatchObject({ raw: raw.averageScore ?? null, popularity: raw.popularity ?? null, scaleMax: 100 });
      expect(p.facts).toMatchObject({ episodes: raw.episodes ?? null, durationMinutes: raw.duration ?? null });
      expect(p.facts.studios.map((s: any) => s.name).sort()).toEqual((raw.studios?.edges ?? []).map((e: any) => e.node.name).sort());
      expect(p.pictures).toMatchObject({ large: raw.coverImage.extraLarge, banner: raw.bannerImage ?? null });
      if (raw.relations) expect(p.relations.relations.map((r: any) => r.id).sort()).toEqual(raw.relations.edges.filter((e: any) => e.node.type === 'ANIME').map((e: any) => String(e.node.id)).sort());
      else expect(p.relations).toBeNull();
    }
  });

  it('stores SAO from Jikan and the Cowboy Bebop film and Beast Wars from Kitsu, field by field', async () => {
    const sao = recording('jikan/anime-11757.json').data;
    const p = await payloads(h.store, 'jikan', idOf(byAnilist(SAO), Platform.MAL)!);
    expect(p.titles).toMatchObject({ romaji: sao.title, english: sao.title_english, native: sao.title_japanese });
    expect(p.synopsis.text.startsWith(sao.synopsis.slice(0, 80))).toBe(true);
    expect(p.genres.genres).toEqual(sao.genres.map((g: any) => g.name));
    expect(p.scores).toMatchObject({ raw: sao.score, votes: sao.scored_by, popularity: sao.members, scaleMax: 10 });
    expect(p.facts).toMatchObject({ episodes: sao.episodes, year: sao.year });
    expect(p.pictures.large).toBe(sao.images.jpg.large_image_url);
    for (const [anilistId, kitsuId] of [[BEBOP_MOVIE, '2'], [BEAST_WARS, '4036']] as const) {
      expect(idOf(byAnilist(anilistId), Platform.KITSU)).toBe(kitsuId);
      const a = kitsu.get(kitsuId).attributes;
      const k = await payloads(h.store, 'kitsu', kitsuId);
      expect(k.titles).toMatchObject({ romaji: a.titles.en_jp ?? a.canonicalTitle });
      expect(k.synopsis.text.startsWith(a.synopsis.slice(0, 60))).toBe(true);
      expect(k.scores).toMatchObject({ raw: a.averageRating === null ? null : Number(a.averageRating), popularity: a.userCount });
      expect(k.facts).toMatchObject({ episodes: a.episodeCount, startDate: a.startDate });
      expect(k.pictures.large).toBe(a.posterImage?.original ?? null);
    }
  });

  it('records who did not know what, and the bad payload as that entry’s error only', async () => {
    const fetches = await h.store.enrichment.fetches();
    const outcome = (source: string, id: string | undefined) => fetches.find((f) => f.source === source && f.source_id === id);
    const shingeki = byAnilist(SHINGEKI);
    expect(['anilist', 'jikan', 'kitsu'].map((s) => outcome(s, idOf(shingeki, s === 'anilist' ? Platform.ANILIST : s === 'jikan' ? Platform.MAL : Platform.KITSU))?.outcome)).toEqual(['not_found', 'not_found', 'not_found']);
    const deathNote = byAnilist(DEATH_NOTE);
    expect(outcome('jikan', idOf(deathNote, Platform.MAL))).toMatchObject({ outcome: 'error', error_code: 'SOURCE_BAD_RESPONSE', failures: 1 });
    // An error is not "unknown here": Kitsu was not asked in its place.
    expect(outcome('kitsu', idOf(deathNote, Platform.KITSU))).toBeUndefined();
    const run = (await h.store.enrichment.runs())[0]!;
    expect(run).toMatchObject({ status: 'finished', finished_at: T0 });
    expect(JSON.parse(run.cursor).anilist.batches).toBe(Math.ceil(targets.length / BATCH));
  });

  it('the next run asks only the failed entry again; the rest is fresh or known absent', async () => {
    const before = replay.requests.length;
    const again = await harvest(h);
    expect(again.counts).toMatchObject({ planned: 1, failed: { SOURCE_BAD_RESPONSE: 1 }, skipped: { fresh: recordedInCatalog.length + 3, notFound: 1 } });
    expect(replay.requests.slice(before).map((r) => r.path)).toEqual([`/jikan/anime/${idOf(byAnilist(DEATH_NOTE), Platform.MAL)}/full`]);
    expect((await h.store.enrichment.fetches()).find((f) => f.source === 'jikan' && f.source_id === '1535')).toMatchObject({ failures: 2 });
  });

  it('two days on, only the airing entries are due (daily); a month on, everything', async () => {
    h.clock.now = T0 + 2 * DAY;
    const airing = recordedInCatalog.filter((id) => ['RELEASING', 'NOT_YET_RELEASED'].includes(media.get(id).status));
    expect(airing.length).toBeGreaterThanOrEqual(3);
    const before = replay.requests.length;
    const daily = await harvest(h);
    expect(idsAsked(anilistRequests(before)).sort((a, b) => a - b)).toEqual([...airing].sort((a, b) => a - b));
    expect(daily.counts).toMatchObject({ planned: airing.length + 1, unchanged: airing.length });
    // Same payloads: the fetch time moves, the change time stays.
    const conan = (await h.store.enrichment.records({ source: 'anilist' })).find((r) => r.source_id === '235' && r.field_class === 'scores');
    expect(conan).toMatchObject({ fetched_at: T0 + 2 * DAY, changed_at: T0 });

    h.clock.now = T0 + 31 * DAY;
    const monthly = await harvest(h);
    expect(monthly.counts.planned).toBe(targets.length);
    expect(monthly.counts.unchanged).toBe(recordedInCatalog.length + 3);
  });
});

describe('faults mid-run', () => {
  it('429 bursts with Retry-After pause the source and lose nothing; a hang times out and is retried; a truncated body is retried', async () => {
    const h = await freshStore();
    let injectedAt = -1;
    const report = await harvest(h, {
      onBatchCommitted: ({ source }) => {
        if (source !== 'anilist' || injectedAt >= 0) return;
        injectedAt = replay.requests.length;
        // The next two AniList answers are 429 with Retry-After: 1 (second), then one truncated body.
        replay.fault({ path: '/anilist/', method: 'POST' }, { status: 429, retryAfterS: 1, times: 2 });
        replay.fault({ path: '/anilist/', method: 'POST' }, { truncate: true, times: 1 });
        replay.fault({ path: `/jikan/anime/${SAO}/full` }, { hang: true, times: 1 });
      },
    });
    try {
      expect(report.status).toBe('finished');
      expect(report.counts.failed).toEqual({ SOURCE_BAD_RESPONSE: 1 });
      expect(await contents(h.store)).toEqual(clean);
      // Two 429s, one truncated body and one timeout were each retried (a slow machine may add a timeout).
      expect(report.retries).toBeGreaterThanOrEqual(4);
      expect(report.requests.anilist).toBeGreaterThanOrEqual(Math.ceil(targets.length / BATCH) + 3);
      expect(report.requests.jikan).toBeGreaterThanOrEqual(6);
      const after = anilistRequests(injectedAt);
      const limited = after.slice(0, 2);
      expect(limited.every((r) => r.doneAt !== undefined)).toBe(true);
      // The whole source pauses for the Retry-After after each 429. Only a request the other worker
      // had already sent (two calls in flight: the source's maxConcurrent) may land inside it.
      const inFlightAllowance = anilistSource(config).maxConcurrent - 1;
      for (const answer of limited) {
        const later = after.filter((r) => r.at > answer.doneAt!);
        expect(later.length).toBeGreaterThan(0);
        const early = later.filter((r) => r.at - answer.doneAt! < 1000);
        expect(early.length).toBeLessThanOrEqual(inFlightAllowance);
      }
      // …and the retry of the limited batch itself came only after its Retry-After.
      const retried = after.find((r) => r.at > limited[0]!.doneAt! && r.body === limited[0]!.body);
      expect(retried!.at - limited[0]!.doneAt!).toBeGreaterThanOrEqual(1000 - 5);
    } finally {
      await h.close();
    }
  });

  it('a garbled batch answer fails only that batch’s entries (retried next run), a bad payload only its entry', async () => {
    const h = await freshStore();
    let garbled: number[] = [];
    let injected = false;
    try {
      const first = await harvest(h, {
        onBatchCommitted: ({ source }) => {
          if (source !== 'anilist' || injected) return;
          injected = true;
          replay.fault({ path: '/anilist/', method: 'POST' }, { garbage: true, times: 1 });
          const from = replay.requests.length;
          garbled = [from];
        },
      });
      const garbledRequest = anilistRequests(garbled[0])[0]!;
      const garbledIds: number[] = JSON.parse(garbledRequest.body).variables.ids;
      expect(first.status).toBe('finished');
      expect(first.counts.failed).toEqual({ SOURCE_BAD_RESPONSE: garbledIds.length + 1 });
      const failedRows = (await h.store.enrichment.fetches({ source: 'anilist' })).filter((f) => f.outcome === 'error');
      expect(failedRows.map((f) => Number(f.source_id)).sort((a, b) => a - b)).toEqual([...garbledIds].sort((a, b) => a - b));
      expect(failedRows[0]!.error_message).toContain('not JSON');
      // The next run asks exactly those again, and the store ends as a clean run leaves it.
      const before = replay.requests.length;
      const second = await harvest(h);
      expect(idsAsked(anilistRequests(before)).sort((a, b) => a - b)).toEqual([...garbledIds].sort((a, b) => a - b));
      expect(second.counts.failed).toEqual({ SOURCE_BAD_RESPONSE: 1 });
      const now = await contents(h.store);
      expect(now.records).toEqual(clean.records);
    } finally {
      await h.close();
    }
  });
});

describe('interrupted and resumed', () => {
  it('an abort after two batches keeps them; the next run resumes the same run and asks only the rest', async () => {
    const h = await freshStore();
    try {
      const stop = new AbortController();
      const from = replay.requests.length;
      const first = await harvest(h, {
        onBatchCommitted: ({ committed }) => {
          if (committed === 2) stop.abort();
        },
        signal: stop.signal,
      });
      expect(first.status).toBe('interrupted');
      // The batches in flight when the abort came were still committed; the rest is deferred.
      const committed = first.counts.sources.anilist.batches;
      expect(committed).toBeGreaterThanOrEqual(2);
      expect(committed).toBeLessThan(Math.ceil(targets.length / BATCH));
      expect(first.counts.deferred).toBeGreaterThan(0);
      const [run] = await h.store.enrichment.runs();
      expect(run).toMatchObject({ status: 'interrupted', finished_at: null });
      expect(JSON.parse(run!.cursor).anilist.batches).toBe(committed);
      const askedFirst = idsAsked(anilistRequests(from));
      expect(new Set((await h.store.enrichment.fetches({ source: 'anilist' })).map((f) => Number(f.source_id)))).toEqual(new Set(askedFirst));

      const middle = replay.requests.length;
      const second = await harvest(h);
      expect(second).toMatchObject({ status: 'finished', resumed: true, runId: run!.id });
      const askedSecond = idsAsked(anilistRequests(middle));
      // Nothing asked twice, nothing left out.
      expect(askedSecond.filter((id) => askedFirst.includes(id))).toEqual([]);
      expect([...askedFirst, ...askedSecond].sort((a, b) => a - b)).toEqual(targets.map((t) => Number(t.ids.anilist)).sort((a, b) => a - b));
      expect(await contents(h.store)).toEqual(clean);
      const [done] = await h.store.enrichment.runs();
      expect(done).toMatchObject({ status: 'finished' });
      // The run's counts add up over both invocations.
      expect(JSON.parse(done!.counts)).toMatchObject({ fetched: recordedInCatalog.length + 3, notFound: 1, failed: { SOURCE_BAD_RESPONSE: 1 } });
    } finally {
      await h.close();
    }
  });

  it('a store failure inside the third batch rolls that batch back; the next run resumes and ends where a clean run does', async () => {
    const h = await freshStore();
    try {
      // Fault at the edge: the database refuses the third AniList checkpoint (as a full disk would).
      await sql`create trigger fail_third before update of cursor on enrichment_runs
        when json_extract(new.cursor, '$.anilist.batches') = 3
        begin select raise(abort, 'disk full (injected)'); end`.execute(h.store.db);
      const from = replay.requests.length;
      const crashed = await harvest(h);
      expect(crashed.status).toBe('failed');
      expect(crashed.error).toContain('disk full (injected)');
      // Batches 1 and 2 are in; the third's answers were rolled back with its checkpoint.
      const requests = anilistRequests(from);
      const stored = new Set((await h.store.enrichment.fetches({ source: 'anilist' })).map((f) => Number(f.source_id)));
      const perRequest = requests.map((r) => (JSON.parse(r.body).variables.ids as number[]).every((id) => stored.has(id)));
      expect(perRequest.filter(Boolean)).toHaveLength(2);
      expect(JSON.parse((await h.store.enrichment.runs())[0]!.cursor).anilist.batches).toBe(2);
      await sql`drop trigger fail_third`.execute(h.store.db);
      const resumed = await harvest(h);
      expect(resumed).toMatchObject({ status: 'finished', resumed: true });
      expect(await contents(h.store)).toEqual(clean);
    } finally {
      await h.close();
    }
  });
});

describe('one source at a time', () => {
  it('--only anilist, then jikan, then kitsu, ends where a full run ends', async () => {
    const h = await freshStore();
    try {
      const anilist = await harvest(h, { only: 'anilist' });
      expect(anilist.counts).toMatchObject({ planned: targets.length, fetched: recordedInCatalog.length, handedOn: 5 });
      expect(anilist.requests).toEqual({ anilist: Math.ceil(targets.length / BATCH) });
      const jikan = await harvest(h, { only: 'jikan' });
      expect(jikan.counts).toMatchObject({ planned: 5, fetched: 1, handedOn: 3, failed: { SOURCE_BAD_RESPONSE: 1 }, skipped: { otherSource: recordedInCatalog.length } });
      const kitsuRun = await harvest(h, { only: 'kitsu' });
      expect(kitsuRun.counts).toMatchObject({ planned: 3, fetched: 2, notFound: 1 });
      expect(await contents(h.store)).toEqual(clean);
    } finally {
      await h.close();
    }
  });

  it('--limit takes the first N due entries', async () => {
    const h = await freshStore();
    try {
      const limited = await harvest(h, { limit: 3, only: 'anilist' });
      expect(limited.counts).toMatchObject({ planned: 3, skipped: { overLimit: targets.length - 3 } });
      expect((await h.store.enrichment.fetches()).map((f) => f.anime_id).sort()).toEqual(targets.slice(0, 3).map((t) => t.animeId).sort());
    } finally {
      await h.close();
    }
  });
});

describe('published limits', () => {
  it('never more requests in a window than the source description allows, and never faster than the floor', async () => {
    const h = await freshStore();
    try {
      // 45 real entries with AniList ids, one id per request: over AniList's 30 per window.
      const many = targetsFromRecords(catalog.records.filter((r) => idOf(r, Platform.ANILIST)).slice(0, 45));
      const from = replay.requests.length;
      const started = Date.now();
      const report = await harvest(h, { targets: many, anilistBatch: 1, only: 'anilist' });
      const elapsed = Date.now() - started;
      expect(report.requests.anilist).toBe(45);
      const limit = anilistSource(config).rateLimits[0]!;
      const window = limit.durationMs / SCALE;
      const arrivals = anilistRequests(from).map((r) => r.at).sort((a, b) => a - b);
      expect(arrivals).toHaveLength(45);
      for (let i = 0; i + limit.points < arrivals.length; i += 1) expect(arrivals[i + limit.points]! - arrivals[i]!).toBeGreaterThanOrEqual(window);
      const floor = floorMs(45, [{ points: limit.points, durationMs: window }]);
      expect(floor).toBe(window);
      expect(elapsed).toBeGreaterThanOrEqual(floor);
      expect(report.floorMs).toBe(floor);
    } finally {
      await h.close();
    }
  });

  it('Jikan keeps to 3 per second and 60 per minute (scaled) while it takes the fallbacks', async () => {
    const h = await freshStore();
    try {
      const many = targetsFromRecords(catalog.records.filter((r) => idOf(r, Platform.ANILIST) && idOf(r, Platform.MAL)).slice(0, 70));
      const from = replay.requests.length;
      const report = await harvest(h, { targets: many, anilistBatch: 50 });
      expect(report.status).toBe('finished');
      const arrivals = replay.requests.slice(from).filter((r) => r.path.startsWith('/jikan/')).map((r) => r.at).sort((a, b) => a - b);
      expect(arrivals.length).toBeGreaterThan(60);
      for (const limit of jikanSource(config).rateLimits) {
        const window = limit.durationMs / SCALE;
        for (let i = 0; i + limit.points < arrivals.length; i += 1) expect(arrivals[i + limit.points]! - arrivals[i]!).toBeGreaterThanOrEqual(window);
      }
    } finally {
      await h.close();
    }
  });
});

describe('dry run', () => {
  it('plans the whole catalog on an empty store and states the floor of the published limits', async () => {
    const h = await freshStore();
    try {
      const all = targetsFromRecords(catalog.records);
      const kit = createHarvestKit(config, { namespace: randomUUID() });
      const sources = harvestSources(kit, config);
      const { summary } = planHarvest(all, sources, { states: await h.store.enrichment.states(), enabled: new Set(['anilist', 'jikan', 'kitsu']), now: T0, forceSince: null });
      await kit.close();
      const withAnilist = all.filter((t) => t.ids.anilist).length;
      const malOnly = all.filter((t) => !t.ids.anilist && t.ids.jikan).length;
      const kitsuOnly = all.filter((t) => !t.ids.anilist && !t.ids.jikan && t.ids.kitsu).length;
      expect(summary.perSource.anilist).toMatchObject({ entries: withAnilist, requests: Math.ceil(new Set(all.map((t) => t.ids.anilist).filter(Boolean)).size / 50) });
      expect(summary.perSource.jikan.entries).toBe(malOnly);
      expect(summary.perSource.kitsu.entries).toBe(kitsuOnly);
      // 30 per minute: ⌈requests / 30⌉ − 1 full minutes; Jikan: 60 per minute beats 3 per second.
      expect(summary.perSource.anilist.floorMs).toBe((Math.ceil(summary.perSource.anilist.requests / 30) - 1) * 60_000);
      expect(summary.perSource.jikan.floorMs).toBe(Math.max((Math.ceil(malOnly / 60) - 1) * 60_000, (Math.ceil(malOnly / 3) - 1) * 1000));
      expect(summary.floorMs).toBe(Math.max(summary.perSource.anilist.floorMs, summary.perSource.jikan.floorMs, summary.perSource.kitsu.floorMs));
      expect(summary.skipped.noIds).toBe(all.length - withAnilist - malOnly - kitsuOnly);
      expect(formatPlan(summary)).toContain(`would ask about ${summary.planned.toLocaleString('en-US')} anime`);
      // Planning writes nothing.
      expect(await h.store.enrichment.runs()).toEqual([]);
    } finally {
      await h.close();
    }
  });
});

describe('forced refresh', () => {
  it('--force asks everything again; identical answers count as unchanged; interrupted, it resumes without asking twice', async () => {
    const h = await freshStore();
    try {
      await harvest(h);
      h.clock.now = T0 + 1000;
      const stop = new AbortController();
      const from = replay.requests.length;
      const first = await harvest(h, { force: true, signal: stop.signal, onBatchCommitted: ({ committed }) => committed === 2 && stop.abort() });
      expect(first.status).toBe('interrupted');
      const middle = replay.requests.length;
      const second = await harvest(h, { force: true });
      expect(second.resumed).toBe(true);
      const asked = [...idsAsked(anilistRequests(from).filter((r) => replay.requests.indexOf(r) < middle)), ...idsAsked(anilistRequests(middle))];
      expect(asked.sort((a, b) => a - b)).toEqual(targets.map((t) => Number(t.ids.anilist)).sort((a, b) => a - b));
      expect(first.counts.unchanged + second.counts.unchanged).toBe(recordedInCatalog.length + 3);
      expect(first.counts.fetched + second.counts.fetched).toBe(0);
    } finally {
      await h.close();
    }
  });
});


const postgres = await findPostgres();
describeWithPart('postgres', postgres.problem, 'harvest into PostgreSQL (test/enrich/harvest.test.ts)')('the same harvest into PostgreSQL', () => {
  it('writes the same store contents as into SQLite, and resumes there too', async () => {
    const schema = freshSchemaName('enrich_test');
    const store = await openStore({ databaseUrl: postgres.url!, pgSchema: schema });
    const h: Harness = { store, clock: { now: T0 }, close: () => store.close() };
    try {
      const stop = new AbortController();
      const first = await harvest(h, { signal: stop.signal, onBatchCommitted: ({ committed }) => committed === 2 && stop.abort() });
      expect(first.status).toBe('interrupted');
      const second = await harvest(h);
      expect(second).toMatchObject({ status: 'finished', resumed: true, runId: first.runId });
      expect(await contents(h.store)).toEqual(clean);
    } finally {
      await h.close();
      await dropSchema(postgres.url!, schema);
    }
  });
});
