// LIVE=1 npm test -- test/live: a small smoke run against the real upstream APIs (never in CI).
// It sends a handful of requests, well inside every source's published limits.
import { createUpstreamKit } from '../src/http/index.js';
import { loadConfig } from '../src/config/index.js';
import { buildJikanSchema } from '../subgraphs/jikan/schema.js';
import { buildAnilistSchema } from '../subgraphs/anilist/schema.js';
import { buildKitsuSchema } from '../subgraphs/kitsu/schema.js';
import { buildAnimeScheduleSchema } from '../subgraphs/animeschedule/schema.js';
import { buildAnidbSchema } from '../subgraphs/anidb/schema.js';
import { downloadAnidbTitles } from '../src/catalog/providers/anidb-titles-download.js';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Catalog } from '../src/catalog/index.js';
import { graphql, type GraphQLSchema } from 'graphql';

const live = process.env['LIVE'] === '1';
const config = loadConfig();
const services = { catalog: new Catalog([], []), upstream: createUpstreamKit(config), config, now: () => new Date() };

async function entity(build: (s: typeof services) => Promise<GraphQLSchema>, representation: Record<string, unknown>, selection: string) {
  const schema = await build(services);
  return graphql({
    schema,
    source: `query($r: [_Any!]!) { _entities(representations: $r) { ... on Anime { ${selection} } } }`,
    variableValues: { r: [{ __typename: 'Anime', ...representation }] },
  });
}

(live ? describe : describe.skip)('live upstreams (LIVE=1)', () => {
  afterAll(() => services.upstream.close());

  it('Jikan answers Cowboy Bebop', async () => {
    const result = await entity(buildJikanSchema, { malId: 1 }, 'mal { title score }');
    expect(result.errors).toBeUndefined();
    expect(JSON.stringify(result.data)).toMatch(/Cowboy Bebop/);
  });

  it('AniList answers Cowboy Bebop', async () => {
    const result = await entity(buildAnilistSchema, { anilistId: 1 }, 'anilist { averageScore }');
    expect(result.errors).toBeUndefined();
    expect(JSON.stringify(result.data)).toMatch(/averageScore":\d+/);
  });

  it('Kitsu answers Cowboy Bebop', async () => {
    const result = await entity(buildKitsuSchema, { kitsuId: 1 }, 'kitsu { canonicalTitle }');
    expect(result.errors).toBeUndefined();
    expect(JSON.stringify(result.data)).toMatch(/Cowboy Bebop/);
  });

  (config.ANIMESCHEDULE_TOKEN ? it : it.skip)('AnimeSchedule answers Cowboy Bebop (needs ANIMESCHEDULE_TOKEN)', async () => {
    const result = await entity(buildAnimeScheduleSchema, { malId: 1 }, 'schedule { slug }');
    expect(result.errors).toBeUndefined();
    expect(JSON.stringify(result.data)).toMatch(/cowboy-bebop/);
  });

  // One request (AniDB bans clients that ask often; the kit keeps to 1 per 2 s and a daily cap).
  (config.ANIDB_CLIENT && config.ANIDB_CLIENT_VERSION ? it : it.skip)('AniDB answers Cowboy Bebop (needs ANIDB_CLIENT, ANIDB_CLIENT_VERSION)', async () => {
    const result = await entity(buildAnidbSchema, { anidbId: 23 }, 'anidb { title ratings { permanent { value votes } } }');
    expect(result.errors).toBeUndefined();
    expect(JSON.stringify(result.data)).toMatch(/Cowboy Bebop/);
  });

  // AniDB allows one download of the dump a day: run this at most once a day.
  it('AniDB serves the titles dump (gzip)', async () => {
    const destination = join(mkdtempSync(join(tmpdir(), 'anidb-live-')), 'anime-titles.xml.gz');
    const report = await downloadAnidbTitles({ url: config.ANIDB_TITLES_URL, destination, userAgent: config.USER_AGENT });
    expect(report.fetched && report.anime).toBeGreaterThan(10_000);
  });
});
