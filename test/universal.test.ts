// The universal subgraph end to end: Cowboy Bebop's real recordings (Jikan, AniList, Kitsu,
// AnimeSchedule) on the loopback replay server, merged by the gateway through @requires.
import { readFile } from 'node:fs/promises';
import { createApp, type App } from '../gateway/app.js';
import { startReplayServer, type ReplayServer } from './replay/server.js';
import { startRecordedUpstreams, type RecordedUpstreams } from './support/replay-bebop.js';

const EVERYTHING = `query Everything($source: SourcePin, $region: String) {
  anime(malId: 1) {
    id title
    ratings {
      platforms { source raw scaleMin scaleMax normalized votes weight fetchedAt origin }
      consensus totalVotes missing
      comparison { range spread platforms highest { source normalized } lowest { source normalized } }
    }
    mergedSynopsis(source: $source) { text source fetchedAt origin }
    mergedGenres { name sources }
    mergedTags { name sources }
    reconciled { episodes status airing episodesFrom { source episodes } statusFrom { source status } conflicts { field chosen values { source value } } }
    streaming(region: $region) { service url regions sources }
    provenance { field source fetchedAt origin }
    quality { completeness freshness consistency answered missing conflicts { field chosen values { source value } } }
  }
}`;

let upstreams: RecordedUpstreams;
let app: App;
let url: string;

beforeAll(async () => {
  upstreams = await startRecordedUpstreams();
  // The merges are measured on the live sources' recordings; the MAL 2016 provider would give the
  // catalog its own Bebop score and genres (tested in src/catalog/merge.test.ts), so it stays off here
  // and the catalog keeps the offline role these expectations were written for.
  app = await createApp({ logger: false, config: { ...upstreams.config, CATALOG_MAL: false } });
  url = `${await app.app.listen({ port: 0, host: '127.0.0.1' })}/graphql`;
}, 120_000);

afterAll(async () => {
  await app?.close();
  await upstreams?.replay.close();
});

async function ask(query: string, variables: Record<string, unknown> = {}, to = url) {
  const response = await fetch(to, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query, variables }) });
  return (await response.json()) as { data?: { anime: Record<string, any> }; errors?: Array<{ message: string; extensions?: Record<string, unknown> }> };
}

const byField = (conflicts: Array<{ field: string }>) => Object.fromEntries(conflicts.map((c) => [c.field, c]));

describe('merged fields of Cowboy Bebop from the recordings', () => {
  let anime: Record<string, any>;
  beforeAll(async () => {
    const body = await ask(EVERYTHING);
    expect(body.errors).toBeUndefined();
    anime = body.data!.anime;
  });

  it('normalises every platform to 0–10 and weighs the consensus by log10(1 + votes)', () => {
    const { platforms, consensus, totalVotes, comparison, missing } = anime.ratings;
    expect(platforms.map((p: any) => [p.source, p.raw, p.scaleMax, p.normalized, p.votes, p.origin])).toEqual([
      ['MAL', 8.75, 10, 8.75, 1024836, 'UPSTREAM'],
      ['ANILIST', 86, 100, 8.6, 146753, 'UPSTREAM'], // votes: the sum of AniList's score distribution
      ['KITSU', 82.23, 100, 8.223, 82746, 'UPSTREAM'], // votes: the sum of Kitsu's ratingFrequencies
    ]);
    const w = [1024836, 146753, 82746].map((v) => Math.log10(1 + v));
    const expected = (w[0]! * 8.75 + w[1]! * 8.6 + w[2]! * 8.223) / (w[0]! + w[1]! + w[2]!);
    expect(consensus).toBeCloseTo(expected, 3);
    expect(platforms.map((p: any) => p.weight)).toEqual([0.373, 0.321, 0.306]);
    expect(totalVotes).toBe(1024836 + 146753 + 82746);
    expect(comparison).toEqual({ range: 0.527, spread: expect.any(Number), platforms: 3, highest: { source: 'MAL', normalized: 8.75 }, lowest: { source: 'KITSU', normalized: 8.223 } });
    expect(missing).toEqual([]);
    for (const p of platforms) expect(Date.parse(p.fetchedAt)).toBeGreaterThan(Date.now() - 120_000);
  });

  it('marks a repeated answer as coming from the cache, keeping the time of the original fetch', async () => {
    const again = (await ask(EVERYTHING)).data!.anime;
    expect(again.ratings.platforms.map((p: any) => p.origin)).toEqual(['CACHE', 'CACHE', 'CACHE']);
    expect(again.ratings.platforms.map((p: any) => p.fetchedAt)).toEqual(anime.ratings.platforms.map((p: any) => p.fetchedAt));
    expect(again.mergedSynopsis).toEqual({ ...anime.mergedSynopsis, origin: 'CACHE' });
  });

  it('takes the synopsis from MAL first, with its source and fetch time', () => {
    expect(anime.mergedSynopsis.source).toBe('MAL');
    expect(anime.mergedSynopsis.text).toMatch(/^Crime is timeless\. By the year 2071/);
    expect(anime.mergedSynopsis.origin).toBe('UPSTREAM');
  });

  it('unites the genres with the sources listing each, and reports the sources disagreeing on them', () => {
    expect(anime.mergedGenres).toEqual([
      { name: 'Action', sources: ['MAL', 'ANILIST'] },
      { name: 'Sci-Fi', sources: ['MAL', 'ANILIST'] },
      { name: 'Adventure', sources: ['ANILIST'] },
      { name: 'Award Winning', sources: ['MAL'] },
      { name: 'Drama', sources: ['ANILIST'] },
    ]);
    expect(byField(anime.quality.conflicts)['genres']).toEqual({
      field: 'genres',
      chosen: null,
      values: [
        { source: 'MAL', value: 'Action, Award Winning, Sci-Fi' },
        { source: 'ANILIST', value: 'Action, Adventure, Drama, Sci-Fi' },
      ],
    });
  });

  it('unites MAL themes and AniList tags without the spoiler tags', () => {
    const tags = Object.fromEntries(anime.mergedTags.map((t: any) => [t.name, t.sources]));
    expect(tags['Space']).toEqual(['MAL', 'ANILIST']);
    expect(tags['Adult Cast']).toEqual(['MAL']);
    expect(tags['Noir']).toEqual(['ANILIST']);
    expect(tags['Action']).toBeUndefined(); // a genre, not a tag
  });

  it('reconciles episodes and status', () => {
    expect(anime.reconciled).toMatchObject({ episodes: 26, status: 'COMPLETED', airing: false, episodesFrom: { source: 'MAL', episodes: 26 }, statusFrom: { source: 'MAL' } });
  });

  it('merges streaming links by service across the catalog, AniList and MAL', () => {
    const links = Object.fromEntries(anime.streaming.map((l: any) => [l.service, l]));
    expect(links['Netflix']).toEqual({ service: 'Netflix', url: 'https://www.netflix.com/title/80001305', regions: [], sources: ['CATALOG', 'ANILIST', 'MAL'] });
    // "Tubi TV" on both AniList and MAL: one entry, AniList's link first.
    expect(links['Tubi TV']).toMatchObject({ url: 'https://tubitv.com/series/2052', sources: ['ANILIST', 'MAL'] });
    expect(links['bilibili']).toMatchObject({ regions: ['CN'], sources: ['CATALOG'] });
    expect(anime.streaming.map((l: any) => l.service.toLowerCase()).filter((s: string) => s === 'crunchyroll')).toHaveLength(1);
  });

  it('says where each merged field came from', () => {
    const fields = anime.provenance.map((p: any) => `${p.field}:${p.source}`);
    expect(fields).toEqual(expect.arrayContaining(['ratings:MAL', 'ratings:ANILIST', 'ratings:KITSU', 'synopsis:MAL', 'genres:ANILIST', 'episodes:MAL', 'status:MAL', 'streaming:CATALOG']));
    expect(anime.provenance.find((p: any) => p.source === 'CATALOG')).toMatchObject({ origin: 'OFFLINE', fetchedAt: null });
  });

  it('scores completeness, freshness and consistency', () => {
    const { completeness, freshness, consistency, answered, missing } = anime.quality;
    expect(completeness).toBe(1);
    expect(freshness).toBeGreaterThan(0.99); // fetched seconds ago
    // episodes and status agree (1, 1); genres MAL∩AniList 2 of 5 (0.4); scores range 0.527 (0.947).
    expect(consistency).toBeCloseTo((1 + 1 + 0.4 + (1 - 0.0527)) / 4, 3);
    expect(answered).toEqual(['CATALOG', 'MAL', 'ANILIST', 'KITSU']);
    expect(missing).toEqual([]);
  });
});

describe('source selection', () => {
  it('honours a pinned source, and answers null when that source has none', async () => {
    const body = await ask(`{ anime(malId: 1) {
      kitsu: mergedSynopsis(source: KITSU) { source text }
      catalog: mergedSynopsis(source: CATALOG) { source }
      anilistFacts: reconciled(source: ANILIST) { episodes statusFrom { source } }
      anilistLinks: streaming(source: ANILIST) { service sources }
    } }`);
    expect(body.errors).toBeUndefined();
    const a = body.data!.anime;
    expect(a.kitsu).toMatchObject({ source: 'KITSU', text: expect.stringMatching(/^In the year 2071/) });
    expect(a.catalog).toBeNull();
    expect(a.anilistFacts).toEqual({ episodes: 26, statusFrom: { source: 'ANILIST' } });
    expect(a.anilistLinks.every((l: any) => l.sources.length === 1 && l.sources[0] === 'ANILIST')).toBe(true);
    expect(a.anilistLinks).toHaveLength(6);
  });

  it('keeps the offers of a region and those without region data', async () => {
    const body = await ask(`{ anime(malId: 1) { streaming(region: "jp") { service regions } } }`);
    const services = body.data!.anime.streaming.map((l: any) => l.service);
    expect(services).not.toContain('bilibili'); // CN only
    expect(services).toEqual(expect.arrayContaining(['unext', 'Netflix', 'Crunchyroll']));
  });
});

describe('unpinned, by speed', () => {
  let timed: App;
  afterEach(async () => {
    await timed?.close();
    upstreams.replay.reset();
  });

  it('prefers the fastest healthy source once each has answered three times', async () => {
    // No cache (L1 off, no Redis): every query is a live answer from each source.
    timed = await createApp({ logger: false, config: { ...app.config, CACHE_L1_MAX_ENTRIES: 0 }, catalog: app.catalog! });
    const timedUrl = `${await timed.app.listen({ port: 0, host: '127.0.0.1' })}/graphql`;
    // Wide margins: recorded latency includes the machine's own delays (hundreds of ms on a busy
    // CI box), so only a large injected difference says reliably which source is fastest.
    upstreams.replay.fault({ path: '/v4/anime/1/full' }, { latencyMs: 800 });
    upstreams.replay.fault({ path: '/anilist/' }, { latencyMs: 800 });
    const query = `{ anime(malId: 1) { mergedSynopsis { source text } mal: mergedSynopsis(source: MAL) { source } } }`;
    const sources: string[] = [];
    for (let i = 0; i < 3; i += 1) {
      const body = await ask(query, {}, timedUrl);
      expect(body.errors).toBeUndefined();
      sources.push(body.data!.anime.mergedSynopsis.source);
      expect(body.data!.anime.mal).toEqual({ source: 'MAL' });
    }
    // Two answers each: the documented order (MAL first); the third answer of each is timed before universal runs.
    expect(sources).toEqual(['MAL', 'MAL', 'KITSU']);
    const stats = timed.upstream.stats();
    const median = (name: string) => stats[name]!.latency.p50Ms!;
    expect(stats['kitsu']!.latency.samples).toBe(3);
    expect(median('kitsu')).toBeLessThan(median('anilist'));
    expect(median('kitsu')).toBeLessThan(median('jikan'));
    const last = await ask(query, {}, timedUrl);
    expect(last.data!.anime.mergedSynopsis).toMatchObject({ source: 'KITSU', text: expect.stringMatching(/^In the year 2071/) });
  });
});

describe('when a source fails', () => {
  let broken: App;
  let brokenUrl: string;
  beforeEach(async () => {
    // Same catalog and recordings, a fresh kit (empty cache) for each case, a short timeout.
    broken = await createApp({ logger: false, config: { ...app.config, UPSTREAM_TIMEOUT_MS: 400 }, catalog: app.catalog! });
    brokenUrl = `${await broken.app.listen({ port: 0, host: '127.0.0.1' })}/graphql`;
  });
  afterEach(async () => {
    await broken?.close();
    upstreams.replay.reset();
  });

  it('falls back to the next source and lists the missing one, with the typed error', async () => {
    upstreams.replay.fault({ path: '/v4/anime/1/full' }, { status: 503 });
    const body = await ask(EVERYTHING, {}, brokenUrl);
    const a = body.data!.anime;
    // The gateway still calls universal, with `mal: null` in the representation.
    expect(a.ratings.platforms.map((p: any) => p.source)).toEqual(['ANILIST', 'KITSU']);
    expect(a.ratings.missing).toEqual(['MAL']);
    expect(a.mergedSynopsis.source).toBe('ANILIST');
    expect(a.reconciled.episodesFrom.source).toBe('ANILIST');
    expect(a.mergedGenres.every((g: any) => !g.sources.includes('MAL'))).toBe(true);
    expect(a.quality).toMatchObject({ answered: ['CATALOG', 'ANILIST', 'KITSU'], missing: ['MAL'] });
    expect(a.quality.completeness).toBe(1);
    expect(body.errors?.map((e) => [e.extensions?.['source'], e.extensions?.['code']])).toContainEqual(['jikan', 'SOURCE_UNAVAILABLE']);
  });

  it('skips a rate-limited source and a garbled one', async () => {
    upstreams.replay.fault({ path: '/anilist/' }, { status: 429, retryAfterS: 3600 });
    upstreams.replay.fault({ path: '/v4/anime/1/full' }, { garbage: true });
    const body = await ask(EVERYTHING, {}, brokenUrl);
    const a = body.data!.anime;
    expect(a.ratings.platforms.map((p: any) => p.source)).toEqual(['KITSU']);
    expect(a.ratings.consensus).toBe(8.223);
    expect(a.ratings.missing).toEqual(['MAL', 'ANILIST']);
    expect(a.mergedSynopsis).toMatchObject({ source: 'KITSU', text: expect.stringMatching(/^In the year 2071/) });
    const codes = Object.fromEntries((body.errors ?? []).map((e) => [e.extensions?.['source'], e.extensions?.['code']]));
    expect(codes).toMatchObject({ jikan: 'SOURCE_BAD_RESPONSE', anilist: 'SOURCE_RATE_LIMITED' });
  });

  it('degrades to the catalog when every live source fails', async () => {
    upstreams.replay.fault({ path: /.*/ }, { garbage: true });
    const body = await ask(EVERYTHING, {}, brokenUrl);
    const a = body.data!.anime;
    // The catalog (bangumi-data for Bebop) has a status but no episode count.
    expect(a.reconciled).toMatchObject({ episodes: null, status: 'COMPLETED', statusFrom: { source: 'CATALOG', status: 'COMPLETED' }, conflicts: [] });
    expect(a.streaming.every((l: any) => l.sources.join() === 'CATALOG')).toBe(true);
    expect(a.streaming.map((l: any) => l.service)).toContain('netflix');
    expect(a.ratings).toMatchObject({ platforms: [], consensus: null, comparison: null, missing: ['MAL', 'ANILIST', 'KITSU'] });
    expect(a.quality).toMatchObject({ freshness: 0, answered: ['CATALOG'], missing: ['MAL', 'ANILIST', 'KITSU'] });
    expect(a.provenance.every((p: any) => p.source === 'CATALOG' && p.origin === 'OFFLINE')).toBe(true);
  });
});

describe('a real disagreement between the catalog and a live source', () => {
  // AniList's 2021 recording of Mieruko-chan (AniList 131083) says RELEASING; the catalog, built
  // later, knows the season finished. The live answer is the newer one and wins; the catalog's
  // value is kept in the conflict.
  let replay: ReplayServer;
  let other: App;
  let otherUrl: string;
  beforeAll(async () => {
    replay = await startReplayServer();
    const page = JSON.parse(await readFile('test/fixtures/upstream/anilist/page-trending-releasing.json', 'utf8'));
    const media = page.Page.media.find((m: { id: number }) => m.id === 131083);
    replay.route({ method: 'POST', path: '/anilist/', body: JSON.stringify({ data: { Media: media } }) });
    const config = { ...app.config, ANILIST_URL: `${replay.url}/anilist`, JIKAN_BASE_URL: `${replay.url}/v4`, KITSU_BASE_URL: `${replay.url}/kitsu` };
    other = await createApp({ logger: false, config, catalog: app.catalog! });
    otherUrl = `${await other.app.listen({ port: 0, host: '127.0.0.1' })}/graphql`;
  });
  afterAll(async () => {
    await other?.close();
    await replay?.close();
  });

  it('reports the status conflict and serves the newest answer', async () => {
    const body = await ask(`{ anime(anilistId: 131083) { title status reconciled { status airing statusFrom { source } conflicts { field chosen values { source value } } } } }`, {}, otherUrl);
    const a = body.data!.anime;
    expect(a.status).toBe('COMPLETED');
    expect(a.reconciled).toMatchObject({ status: 'AIRING', airing: true, statusFrom: { source: 'ANILIST' } });
    expect(a.reconciled.conflicts).toContainEqual({
      field: 'status',
      chosen: 'ANILIST',
      values: expect.arrayContaining([{ source: 'CATALOG', value: 'COMPLETED' }, { source: 'ANILIST', value: 'AIRING' }]),
    });
  });
});

describe('the persisted operations use the merged fields', () => {
  it('CompareRatings answers the comparison across all platforms in one place', async () => {
    const source = await readFile('schema/operations/compare-ratings.graphql', 'utf8');
    const body = await ask(source, { malId: 1 });
    expect(body.errors).toBeUndefined();
    expect(body.data!.anime.ratings.comparison.highest.source).toBe('MAL');
    expect(body.data!.anime.ratings.platforms.map((p: any) => p.source)).toEqual(['MAL', 'ANILIST', 'KITSU']);
  });

  it('GetStreamingInfo lists each service once', async () => {
    const source = await readFile('schema/operations/get-streaming-info.graphql', 'utf8');
    const body = await ask(source, { malId: 1, region: 'US' });
    const services = body.data!.anime.streaming.map((l: any) => l.service);
    expect(new Set(services).size).toBe(services.length);
    expect(services).toEqual(expect.arrayContaining(['Netflix', 'Crunchyroll', 'Hulu']));
  });
});
