// The pure merges on Cowboy Bebop's real recordings, mapped by each source subgraph's own mapper
// into the shape the gateway hands the universal subgraph.
import { readFileSync } from 'node:fs';
import { toAnilistMedia } from '../anilist/mapper.js';
import { anilistMediaSchema } from '../anilist/upstream.js';
import { toMalAnime } from '../jikan/mapper.js';
import { animeResponse } from '../jikan/payloads.js';
import { indexIncluded, toKitsuAnime } from '../kitsu/mapper.js';
import { kitsuAnimeResource } from '../kitsu/payloads.js';
import { mergeStreaming, mergeSynopsis, reconcile, serviceKey } from './merge.js';
import { mergeRatings } from './ratings.js';
import { healthOf, orderBySpeed, rankSources, type KitCounters } from './selection.js';
import { sourcesOf, type AnimeRepresentation, type Pin } from './sources.js';

const load = (path: string) => JSON.parse(readFileSync(`test/fixtures/upstream/${path}`, 'utf8'));
const NOW = new Date('2026-11-26T12:00:00Z');
const HOURS_AGO = (h: number) => new Date(NOW.getTime() - h * 3_600_000).toISOString();

/** Bebop as the gateway would represent it: MAL from the cache two days old, AniList and Kitsu live. */
function bebop(): AnimeRepresentation {
  const mal = toMalAnime(animeResponse.parse(load('jikan/anime-1-full.json')).data);
  const anilist = toAnilistMedia(anilistMediaSchema.parse(load('anilist/media-1-cowboy-bebop.json')), NOW);
  const kitsu = toKitsuAnime(kitsuAnimeResource.parse(load('kitsu/kitsu_cowboy_bebop_dump.json').anime), indexIncluded([]), true);
  return {
    id: 'mal:1',
    malId: 1,
    anilistId: 1,
    kitsuId: 1,
    mal: { ...mal, fetchedAt: HOURS_AGO(48), origin: 'CACHE' } as AnimeRepresentation['mal'],
    anilist: { ...anilist, fetchedAt: HOURS_AGO(0), origin: 'UPSTREAM' } as AnimeRepresentation['anilist'],
    kitsu: { ...kitsu, fetchedAt: HOURS_AGO(0), origin: 'UPSTREAM' } as AnimeRepresentation['kitsu'],
  };
}

describe('universal merges', () => {
  it('counts votes from AniList\'s score distribution and Kitsu\'s rating frequencies', () => {
    const { facts } = sourcesOf(bebop());
    expect(Object.fromEntries(facts.map((f) => [f.source, f.score?.votes ?? null]))).toEqual({ CATALOG: null, MAL: 1024836, ANILIST: 146753, KITSU: 82746 });
  });

  it('names a listed source whose answer is missing', () => {
    const { missing } = sourcesOf({ ...bebop(), kitsu: null });
    expect(missing).toEqual(['KITSU']);
    expect(mergeRatings(sourcesOf({ ...bebop(), kitsu: null }).facts).platforms.map((p) => p.source)).toEqual(['MAL', 'ANILIST']);
  });

  it('lets the newest answer win episodes and status, the preference order breaking ties', () => {
    const { episodes, status, conflicts } = reconcile(sourcesOf(bebop()).facts);
    // MAL is preferred but two days old: AniList (live, first among the live ones) wins.
    expect(episodes).toMatchObject({ value: 26, source: 'ANILIST' });
    expect(status).toMatchObject({ value: 'COMPLETED', source: 'ANILIST' });
    expect(conflicts).toEqual([]);
    expect(reconcile(sourcesOf(bebop()).facts, {}, 'MAL').episodes?.source).toBe('MAL');
  });

  it('counts answers fetched for one request as equally new when a minute turns between them', () => {
    const at = (iso: string) => new Date(iso).toISOString();
    const live = bebop();
    // MAL answered at 12:00:59.6, AniList 0.8 s later, in the next minute of the clock.
    const oneRequest = { ...live, mal: { ...live.mal!, fetchedAt: at('2026-11-26T12:00:59.600Z'), origin: 'UPSTREAM' }, anilist: { ...live.anilist!, fetchedAt: at('2026-11-26T12:01:00.400Z') }, kitsu: { ...live.kitsu!, fetchedAt: at('2026-11-26T12:01:00.100Z') } } as AnimeRepresentation;
    expect(reconcile(sourcesOf(oneRequest).facts).episodes).toMatchObject({ value: 26, source: 'MAL' });
    // A minute or more older is older: AniList's answer wins over MAL's from 12:00:00.
    const minuteApart = { ...oneRequest, mal: { ...oneRequest.mal!, fetchedAt: at('2026-11-26T12:00:00.000Z') } } as AnimeRepresentation;
    expect(reconcile(sourcesOf(minuteApart).facts).episodes).toMatchObject({ value: 26, source: 'ANILIST' });
  });

  it('serves AniList\'s synopsis as plain text when pinned', () => {
    const hit = mergeSynopsis(sourcesOf(bebop()).facts, {}, 'ANILIST');
    expect(hit?.source).toBe('ANILIST');
    expect(hit?.value).not.toMatch(/<[a-z]+/i);
  });

  it('moves degraded and stale sources to the back of the order', () => {
    const health = healthOf({
      jikan: { requests: 10, upstreamRequests: 10, failures: 5, rateLimitWaitMs: 0, circuit: 'closed' },
      anilist: { requests: 10, upstreamRequests: 10, failures: 0, rateLimitWaitMs: 40, circuit: 'closed' },
      kitsu: { requests: 10, upstreamRequests: 10, failures: 0, rateLimitWaitMs: 0, circuit: 'open' },
    });
    expect(health).toEqual({
      MAL: { health: 'degraded', latencyMs: null, samples: 0 },
      ANILIST: { health: 'healthy', latencyMs: null, samples: 0 },
      KITSU: { health: 'degraded', latencyMs: null, samples: 0 },
    });
    const { facts } = sourcesOf(bebop());
    expect(rankSources(facts, ['MAL', 'ANILIST', 'KITSU', 'CATALOG'], health).map((f) => f.source)).toEqual(['ANILIST', 'CATALOG', 'MAL', 'KITSU']);
    expect(mergeSynopsis(facts, health)?.source).toBe('ANILIST');
    const stale = sourcesOf({ ...bebop(), mal: { ...bebop().mal!, origin: 'STALE' } }).facts;
    expect(rankSources(stale, ['MAL', 'ANILIST'], {}).map((f) => f.source).slice(-1)).toEqual(['MAL']);
  });

  describe('by speed', () => {
    const counters = (p50Ms: number, samples = 5, more: Partial<KitCounters> = {}): KitCounters => ({
      requests: 10, upstreamRequests: 10, failures: 0, rateLimitWaitMs: 0, circuit: 'closed', latency: { samples, p50Ms }, ...more,
    });
    const order = (health: ReturnType<typeof healthOf>, preference: readonly Pin[] = ['MAL', 'ANILIST', 'KITSU', 'CATALOG']) =>
      rankSources(sourcesOf(bebop()).facts, preference, health).map((f) => f.source);

    it('puts the fastest healthy source first once every one has three answers recorded', () => {
      const health = healthOf({ jikan: counters(260), anilist: counters(160), kitsu: counters(12) });
      expect(health.KITSU).toEqual({ health: 'healthy', latencyMs: 12, samples: 5 });
      expect(order(health)).toEqual(['KITSU', 'ANILIST', 'MAL', 'CATALOG']);
      expect(mergeSynopsis(sourcesOf(bebop()).facts, health)).toMatchObject({ source: 'KITSU', value: expect.stringMatching(/^In the year 2071/) });
      // The catalog keeps its place; the live sources trade theirs.
      expect(order(health, ['CATALOG', 'ANILIST', 'KITSU', 'MAL'])).toEqual(['CATALOG', 'KITSU', 'ANILIST', 'MAL']);
      // A pin still wins.
      expect(mergeSynopsis(sourcesOf(bebop()).facts, health, 'MAL')?.source).toBe('MAL');
    });

    it('keeps the preference order while any candidate has fewer than three answers', () => {
      expect(order(healthOf({ jikan: counters(180), anilist: counters(160), kitsu: counters(12, 2) }))).toEqual(['MAL', 'ANILIST', 'KITSU', 'CATALOG']);
      expect(order(healthOf({ jikan: counters(180), kitsu: counters(12) }))).toEqual(['MAL', 'ANILIST', 'KITSU', 'CATALOG']);
      // A candidate that did not answer does not count: without Kitsu, AniList beats MAL.
      const noKitsu = sourcesOf({ ...bebop(), kitsu: null }).facts;
      const health = healthOf({ jikan: counters(180), anilist: counters(20), kitsu: counters(12, 0) });
      expect(rankSources(noKitsu, ['MAL', 'ANILIST', 'KITSU', 'CATALOG'], health).map((f) => f.source)).toEqual(['ANILIST', 'MAL', 'CATALOG']);
    });

    it('leaves sources within one 50 ms band in the preference order', () => {
      expect(order(healthOf({ jikan: counters(45), anilist: counters(10), kitsu: counters(30) }))).toEqual(['MAL', 'ANILIST', 'KITSU', 'CATALOG']);
      expect(order(healthOf({ jikan: counters(55), anilist: counters(10), kitsu: counters(30) }))).toEqual(['ANILIST', 'KITSU', 'MAL', 'CATALOG']);
    });

    it('still sends a degraded source last, however fast, and ranks the healthy ones without it', () => {
      // Kitsu answers fastest but its circuit is open; it has too few answers yet does not block the others.
      const health = healthOf({ jikan: counters(300), anilist: counters(100), kitsu: counters(5, 1, { circuit: 'open' }) });
      expect(order(health)).toEqual(['ANILIST', 'MAL', 'CATALOG', 'KITSU']);
      expect(orderBySpeed(['MAL', 'ANILIST', 'KITSU', 'CATALOG'], ['MAL', 'ANILIST', 'KITSU', 'CATALOG'], health)).toEqual(['ANILIST', 'MAL', 'KITSU', 'CATALOG']);
    });
  });

  it('treats the spellings of one service as one service', () => {
    expect(serviceKey('Tubi TV')).toBe(serviceKey('tubi'));
    expect(serviceKey('Amazon Prime Video')).toBe(serviceKey('Prime Video'));
    const links = mergeStreaming(sourcesOf(bebop()).facts);
    expect(links.filter((l) => serviceKey(l.service) === 'netflix')).toEqual([
      { service: 'Netflix', url: 'https://www.netflix.com/title/80001305', regions: [], sources: ['ANILIST', 'MAL'] },
    ]);
  });
});
