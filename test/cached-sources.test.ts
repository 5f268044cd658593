// AniDB, ANN and the scraped sites in the merged fields, on their real recordings: a merge reads
// only what the source's own field left in the cache (it never calls those sources), and once a
// client has asked for it, the source's rating, synopsis and tags join `ratings` and the merges.
import { resolve } from 'node:path';
import { graphql, type ExecutionResult } from 'graphql';
import { createApp, type App } from '../gateway/app.js';
import { loadConfig, projectRoot } from '../src/config/index.js';
import { createUpstreamKit, type UpstreamKitWithStats } from '../src/http/index.js';
import { buildAnnSchema } from '../subgraphs/ann/schema.js';
import { Catalog } from '../src/catalog/index.js';
import { buildUniversalSchema } from '../subgraphs/universal/schema.js';
import { startReplayServer, type ReplayServer } from './replay/server.js';
import { startRecordedUpstreams, type RecordedUpstreams } from './support/replay-bebop.js';

const FIXTURES = resolve(projectRoot(), 'test/fixtures/upstream');
const XML = { 'content-type': 'text/xml; charset=UTF-8' };
const HTML = { 'content-type': 'text/html; charset=utf-8' };

describe('AniDB and the scraped sites through the gateway', () => {
  let upstreams: RecordedUpstreams;
  let app: App;
  let url: string;

  beforeAll(async () => {
    upstreams = await startRecordedUpstreams();
    const { replay } = upstreams;
    replay.route({ method: 'GET', path: '/httpapi', match: (r) => r.query.get('aid') === '10145', file: resolve(FIXTURES, 'anidb/vagab0nd_10145.xml'), headers: XML });
    replay.route({ method: 'GET', path: '/robots.txt', file: resolve(FIXTURES, 'scrape/robots-allow-all.txt'), headers: { 'content-type': 'text/plain' } });
    replay.route({ method: 'GET', path: '/livechart/anime/3437', file: resolve(FIXTURES, 'livechart/modb_livechart_anime_3437_death_note.html'), headers: HTML });
    replay.route({ method: 'GET', path: '/anisearch/anime/3633', file: resolve(FIXTURES, 'anisearch/modb_anisearch_3633_death_note_score.html'), headers: HTML });
    const config = {
      ...upstreams.config,
      ANIDB_BASE_URL: replay.url,
      ANIDB_CLIENT: 'animefederation',
      ANIDB_CLIENT_VERSION: 1,
      LIVECHART_BASE_URL: `${replay.url}/livechart`,
      ANISEARCH_BASE_URL: `${replay.url}/anisearch`,
      SCRAPE_MIN_INTERVAL_MS: 10,
    };
    app = await createApp({ logger: false, config });
    url = `${await app.app.listen({ port: 0, host: '127.0.0.1' })}/graphql`;
  }, 120_000);

  afterAll(async () => {
    await app?.close();
    await upstreams?.replay.close();
  });

  async function ask(query: string): Promise<{ data?: { anime: Record<string, any> }; errors?: unknown[] }> {
    const response = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query }) });
    return (await response.json()) as { data?: { anime: Record<string, any> }; errors?: unknown[] };
  }
  const calls = (path: string) => upstreams.replay.requests.filter((r) => r.path === path).length;

  const MERGED = `ratings { platforms { source raw scaleMin scaleMax votes origin } missing }
    mergedSynopsis(source: ANIDB) { text source }
    mergedTags { name sources }
    quality { answered missing }`;

  it('leaves AniDB out of the merges until its own field has been asked, and never calls it for a merge', async () => {
    const before = await ask(`{ anime(malId: 20583) { title ${MERGED} } }`);
    expect(before.errors).toBeUndefined();
    expect(before.data!.anime.ratings.platforms.map((p: { source: string }) => p.source)).not.toContain('ANIDB');
    expect(before.data!.anime.mergedSynopsis).toBeNull();
    expect(calls('/httpapi')).toBe(0);

    const own = await ask('{ anime(malId: 20583) { anidb { title ratings { permanent { value votes } } } } }');
    expect(own.errors).toBeUndefined();
    const permanent = own.data!.anime.anidb.ratings.permanent;
    expect(permanent.votes).toBeGreaterThan(0);
    expect(calls('/httpapi')).toBe(1);

    const after = await ask(`{ anime(malId: 20583) { title ${MERGED} } }`);
    expect(after.errors).toBeUndefined();
    const anime = after.data!.anime;
    expect(anime.ratings.platforms.find((p: { source: string }) => p.source === 'ANIDB')).toEqual({
      source: 'ANIDB',
      raw: permanent.value,
      scaleMin: 1,
      scaleMax: 10,
      votes: permanent.votes,
      origin: 'CACHE',
    });
    expect(anime.mergedSynopsis).toEqual({ text: expect.stringContaining('volleyball'), source: 'ANIDB' });
    expect(anime.mergedTags.some((t: { sources: string[] }) => t.sources.includes('ANIDB'))).toBe(true);
    expect(anime.quality.answered).toContain('ANIDB');
    // A cache-only source is never "missing".
    expect(anime.ratings.missing).not.toContain('ANIDB');
    expect(calls('/httpapi')).toBe(1);
  });

  it('adds the LiveChart and aniSearch ratings and tags (on their own scales) once their pages were read', async () => {
    const pages = await ask('{ anime(malId: 1535) { livechart { rating { value votes best } } anisearch { rating { value votes best worst } } } }');
    expect(pages.errors).toBeUndefined();
    const { livechart, anisearch } = pages.data!.anime;
    expect(livechart.rating.votes).toBeGreaterThan(0);
    expect(anisearch.rating.votes).toBeGreaterThan(0);
    const [livechartCalls, anisearchCalls] = [calls('/livechart/anime/3437'), calls('/anisearch/anime/3633')];

    const merged = await ask(`{ anime(malId: 1535) { ${MERGED} reconciled { episodesFrom { source } } } }`);
    expect(merged.errors).toBeUndefined();
    const platforms = merged.data!.anime.ratings.platforms as Array<Record<string, unknown>>;
    expect(platforms.find((p) => p.source === 'LIVECHART')).toMatchObject({ raw: livechart.rating.value, scaleMax: livechart.rating.best, votes: livechart.rating.votes });
    expect(platforms.find((p) => p.source === 'ANISEARCH')).toMatchObject({ raw: anisearch.rating.value, scaleMax: anisearch.rating.best, votes: anisearch.rating.votes });
    const tagSources = new Set((merged.data!.anime.mergedTags as Array<{ sources: string[] }>).flatMap((t) => t.sources));
    expect(tagSources.has('LIVECHART') || tagSources.has('ANISEARCH')).toBe(true);
    // Reading the merges scraped nothing more.
    expect([calls('/livechart/anime/3437'), calls('/anisearch/anime/3633')]).toEqual([livechartCalls, anisearchCalls]);
  });
});

describe('ANN in the merges (universal subgraph, one kit)', () => {
  let replay: ReplayServer;
  let kit: UpstreamKitWithStats;

  beforeAll(async () => {
    replay = await startReplayServer();
    replay.route({ method: 'GET', path: '/api.xml', match: (r) => r.query.get('anime') === '4658', file: resolve(FIXTURES, 'ann/bacowan_annExample_anime_4658_jinki_extend.xml'), headers: XML });
  });
  afterAll(async () => {
    await kit?.close();
    await replay?.close();
  });

  it("joins ANN's bayesian score and genres once `ann` was read, without calling ANN itself", async () => {
    const config = loadConfig({ ANN_BASE_URL: replay.url, LOG_LEVEL: 'silent' });
    kit = createUpstreamKit(config, { namespace: `cached-sources-${process.pid}-${Math.random()}` });
    const now = () => new Date('2026-12-03T00:00:00Z');
    const universal = await buildUniversalSchema({ upstream: kit, config, now });
    const ann = await buildAnnSchema({ upstream: kit, config, catalog: new Catalog([], []) });
    const representation = { __typename: 'Anime', id: 'ann:4658', annId: 4658 };
    const merged = () =>
      graphql({
        schema: universal,
        source: 'query($r: [_Any!]!) { _entities(representations: $r) { ... on Anime { ratings { platforms { source raw scaleMax votes } } mergedGenres { name sources } } } }',
        variableValues: { r: [representation] },
        contextValue: {},
      });
    const entityOf = (result: ExecutionResult) => (result.data?.['_entities'] as Array<Record<string, any>>)[0]!;

    const before = await merged();
    expect(before.errors).toBeUndefined();
    expect(entityOf(before).ratings.platforms).toEqual([]);
    expect(replay.requests).toHaveLength(0);

    const own = await graphql({
      schema: ann,
      source: 'query($r: [_Any!]!) { _entities(representations: $r) { ... on Anime { ann { ratings { votes bayesianScore } genres } } } }',
      variableValues: { r: [representation] },
      contextValue: {},
    });
    expect(own.errors).toBeUndefined();
    const record = entityOf(own).ann;
    expect(replay.requests).toHaveLength(1);

    const after = await merged();
    expect(after.errors).toBeUndefined();
    expect(entityOf(after).ratings.platforms).toEqual([{ source: 'ANN', raw: record.ratings.bayesianScore, scaleMax: 10, votes: record.ratings.votes }]);
    const annGenres = (entityOf(after).mergedGenres as Array<{ name: string; sources: string[] }>).filter((g) => g.sources.includes('ANN'));
    expect(annGenres.length).toBe(record.genres.length);
    expect(replay.requests).toHaveLength(1);
  });
});
