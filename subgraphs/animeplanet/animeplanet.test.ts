// The animeplanet subgraph against the loopback replay server serving real Anime-Planet pages
// (test/fixtures/upstream/animeplanet, see PROVENANCE.md) and a test-written robots.txt: every
// field from the page, politeness (robots.txt, User-Agent, one page read per entry), and the
// faults: removed entry, 404, layout change, bot wall, slow body.
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { graphql, type ExecutionResult, type GraphQLSchema } from 'graphql';
import { Catalog } from '../../src/catalog/index.js';
import { loadConfig, projectRoot } from '../../src/config/index.js';
import { createUpstreamKit, type UpstreamKitWithStats } from '../../src/http/index.js';
import { startReplayServer, type ReplayServer } from '../../test/replay/server.js';
import { buildScrapedSchema } from '../scraped/schema.js';

const FIXTURES = resolve(projectRoot(), 'test/fixtures/upstream');
const page = (name: string) => resolve(FIXTURES, 'animeplanet', name);
const HTML = { 'content-type': 'text/html; charset=UTF-8' };
const TEXT = { 'content-type': 'text/plain' };

let replay: ReplayServer;
/** The robots.txt the replay server answers with (both are test-written policy files, see PROVENANCE.md). */
let robotsFile = 'robots-allow-all.txt';

const FIELDS = `slug url title alternativeTitles synopsis type episodes studios season year startDate endDate
  rating { value votes best worst } score rank tags contentWarnings image relations { slug title relation startDate } origin fetchedAt`;
const ENTITIES = `query($reps: [_Any!]!) { _entities(representations: $reps) { ... on Anime { animePlanetId animePlanet { ${FIELDS} } } } }`;

interface Built {
  schema: GraphQLSchema;
  kit: UpstreamKitWithStats;
  run(slug: string, fields?: string): Promise<ExecutionResult>;
}

/** A fresh kit per test: nothing cached by others, a closed circuit, its own limiter. */
async function build(env: Record<string, string> = {}): Promise<Built> {
  const config = loadConfig({ ANIMEPLANET_BASE_URL: replay.url, SCRAPE_MIN_INTERVAL_MS: '20', LOG_LEVEL: 'silent', USER_AGENT: 'anime-federation-test/1.0 (+contact: tests)', ...env });
  const kit = createUpstreamKit(config, { namespace: `ap-test-${process.pid}-${Math.random()}` });
  const schema = await buildScrapedSchema({ upstream: kit, config, catalog: new Catalog([], []) });
  const run = (slug: string, fields = FIELDS) =>
    graphql({ schema, source: ENTITIES.replace(FIELDS, fields), variableValues: { reps: [{ __typename: 'Anime', animePlanetId: slug }] }, contextValue: {} });
  return { schema, kit, run };
}

async function withKit<T>(body: (built: Built) => Promise<T>, env?: Record<string, string>): Promise<T> {
  const built = await build(env);
  try {
    return await body(built);
  } finally {
    await built.kit.close();
  }
}

const entity = (result: ExecutionResult) => (result.data as { _entities: { animePlanet: Record<string, unknown> | null }[] })._entities[0]!.animePlanet;

beforeAll(async () => {
  replay = await startReplayServer();
  replay.route({ method: 'GET', path: '/robots.txt', body: () => readFileSync(resolve(FIXTURES, 'scrape', robotsFile), 'utf8'), headers: TEXT });
  for (const [slug, file] of [
    ['the-promised-neverland', 'modb_animeplanet_scores_score.html'],
    ['the-elder-sister-like-one', 'modb_animeplanet_scores_no-score.html'],
    ['fullmetal-alchemist-brotherhood', 'modb_animeplanet_type_tv.html'],
    ['gj-bu-at', 'modb_animeplanet_synonyms_synonyms_replaced_by_email_protected.html'],
    ['your-name', 'modb_animeplanet_type_movie.html'],
    // Anime-Planet answers a removed entry with a search-results page (200).
    ['komi-san', 'modb_animeplanet_dead-entry.html'],
  ] as const) {
    replay.route({ method: 'GET', path: `/anime/${slug}`, file: page(file), headers: HTML });
  }
});

afterEach(() => replay.reset());
afterAll(() => replay.close());

describe('Anime.animePlanet from real pages', () => {
  it('reads every field of The Promised Neverland (score, rank, tags, season)', () =>
    withKit(async ({ run }) => {
      const result = await run('the-promised-neverland');
      expect(result.errors).toBeUndefined();
      expect(entity(result)).toMatchObject({
        slug: 'the-promised-neverland',
        url: 'https://www.anime-planet.com/anime/the-promised-neverland',
        title: 'The Promised Neverland',
        alternativeTitles: ['Yakusoku no Neverland'],
        type: 'TV',
        episodes: 12,
        studios: ['CloverWorks'],
        season: 'Winter 2019',
        year: 2019,
        startDate: '2019-01-10',
        endDate: '2019-03-29',
        rating: { value: 4.422, votes: 43889, best: 5, worst: 0.5 },
        score: 8.84,
        rank: 50,
        contentWarnings: ['Mature Themes', 'Domestic Abuse', 'Self-Harm'],
        // The JSON-LD image has the site's origin glued before the CDN URL; the CDN URL is kept.
        image: 'https://cdn.anime-planet.com/anime/primary/the-promised-neverland-1-190x266.jpg?t=1625898174',
        relations: [
          { slug: 'the-promised-neverland-2nd-season', title: 'The Promised Neverland 2nd Season', relation: 'Sequel', startDate: '2021-01-07' },
          { slug: 'the-promised-neverland-2nd-season-tokubetsu-hen-michishirube', title: 'The Promised Neverland 2nd Season: Tokubetsu Hen - Michishirube', relation: 'Same Franchise', startDate: '2021-02-12' },
        ],
        origin: 'UPSTREAM',
      });
      const record = entity(result)!;
      expect(record['tags']).toEqual(expect.arrayContaining(['Dark Fantasy', 'Orphans', 'noitaminA', 'Based on a Manga']));
      expect(record['synopsis']).toMatch(/^Emma, Norman, Ray, and many other "siblings" live at an isolated orphanage/);
    }));

  it('reads relations of Fullmetal Alchemist: Brotherhood, labelled or not', () =>
    withKit(async ({ run }) => {
      const record = entity(await run('fullmetal-alchemist-brotherhood'))!;
      expect(record).toMatchObject({ title: 'Fullmetal Alchemist: Brotherhood', episodes: 64, studios: ['Bones'], season: 'Spring 2009', rank: 5, score: 9.14 });
      const relations = record['relations'] as { slug: string; relation: string | null }[];
      expect(relations).toHaveLength(7);
      expect(relations).toContainEqual({ slug: 'fullmetal-alchemist-brotherhood-specials', title: 'Fullmetal Alchemist: Brotherhood Specials', relation: 'Side Story', startDate: '2009-08-26' });
      expect(relations.find((r) => r.slug === 'fullmetal-alchemist-the-sacred-star-of-milos')?.relation).toBeNull();
    }));

  it('gives nulls for what a page without a score does not show', () =>
    withKit(async ({ run }) => {
      expect(entity(await run('the-elder-sister-like-one'))).toMatchObject({
        title: 'The Elder Sister-Like One', type: 'OVA', rating: null, score: null, rank: null, season: null, year: null, studios: [], episodes: null, relations: [],
      });
    }));

  it('decodes titles hidden by Cloudflare\'s e-mail protection (GJ-bu@)', () =>
    withKit(async ({ run }) => {
      expect(entity(await run('gj-bu-at'))).toMatchObject({ title: 'GJ-bu@', alternativeTitles: ['GJ Club@'], type: 'TV Special', rank: 3214 });
    }));

  it('reads a movie (your name.)', () =>
    withKit(async ({ run }) => {
      expect(entity(await run('your-name'))).toMatchObject({ title: 'your name.', alternativeTitles: ['Kimi no Na wa.'], type: 'Movie', studios: ['CoMix Wave Films'], year: 2016, rank: 15 });
    }));
});

describe('politeness', () => {
  it('reads robots.txt first, sends the configured User-Agent, and reads a page once while it is fresh', () =>
    withKit(async ({ run, kit }) => {
      await run('your-name');
      await run('your-name', 'title');
      expect(replay.requests.map((r) => r.path)).toEqual(['/robots.txt', '/anime/your-name']);
      expect(replay.requests.every((r) => r.headers['user-agent'] === 'anime-federation-test/1.0 (+contact: tests)')).toBe(true);
      expect(entity(await run('your-name', 'origin'))).toEqual({ origin: 'CACHE' });
      expect(kit.stats()['animeplanet']?.upstreamRequests).toBe(2);
    }));

  it('keeps one request per host per SCRAPE_MIN_INTERVAL_MS', () =>
    withKit(
      async ({ run }) => {
        await run('your-name', 'title');
        await run('the-promised-neverland', 'title');
        const arrivals = replay.requests.map((r) => r.at);
        expect(replay.requests.map((r) => r.path)).toEqual(['/robots.txt', '/anime/your-name', '/anime/the-promised-neverland']);
        for (let i = 1; i < arrivals.length; i += 1) expect(arrivals[i]! - arrivals[i - 1]!).toBeGreaterThanOrEqual(380);
      },
      { SCRAPE_MIN_INTERVAL_MS: '400' },
    ));

  it('does not fetch a page robots.txt disallows', () =>
    withKit(async ({ run }) => {
      robotsFile = 'robots-disallow-anime.txt';
      try {
        const result = await run('your-name');
        expect(entity(result)).toBeNull();
        expect(result.errors?.[0]?.extensions).toMatchObject({ code: 'SOURCE_UNAVAILABLE', source: 'animeplanet', reason: 'robots-disallowed' });
        expect(replay.count('/anime/your-name')).toBe(0);
      } finally {
        robotsFile = 'robots-allow-all.txt';
      }
    }));

  it('animePlanetCached never scrapes: null until a read cached the page, then that page', () =>
    withKit(async ({ schema, run }) => {
      const cachedQuery = `query($reps: [_Any!]!) { _entities(representations: $reps) { ... on Anime { animePlanetCached { title score origin } } } }`;
      const ask = () => graphql({ schema, source: cachedQuery, variableValues: { reps: [{ __typename: 'Anime', animePlanetId: 'your-name' }] } });
      const before = await ask();
      expect(before.errors).toBeUndefined();
      expect(before.data).toEqual({ _entities: [{ animePlanetCached: null }] });
      expect(replay.requests).toHaveLength(0);
      await run('your-name', 'title');
      const after = await ask();
      expect(after.data).toEqual({ _entities: [{ animePlanetCached: { title: 'your name.', score: 9.01, origin: 'CACHE' } }] });
      expect(replay.count('/anime/your-name')).toBe(1);
    }));

  it('does not read the page when the field is not selected', () =>
    withKit(async ({ schema }) => {
      const result = await graphql({ schema, source: ENTITIES.replace(/animePlanet \{[^}]*\{[^}]*\}[^}]*\{[^}]*\}[^}]*\}/s, ''), variableValues: { reps: [{ __typename: 'Anime', animePlanetId: 'your-name' }] } });
      expect(result.errors).toBeUndefined();
      expect(replay.requests).toHaveLength(0);
    }));
});

describe('faults', () => {
  it('answers null for a removed entry (Anime-Planet\'s search-results page) and for a 404', () =>
    withKit(async ({ run }) => {
      const removed = await run('komi-san');
      expect(removed.errors).toBeUndefined();
      expect(entity(removed)).toBeNull();
      const missing = await run('no-such-entry');
      expect(missing.errors).toBeUndefined();
      expect(entity(missing)).toBeNull();
    }));

  it('names the missing field when the layout changed (entry bar removed from a real page)', () =>
    withKit(async ({ run }) => {
      // Mechanical edit of the real page: the <section class="pure-g entryBar">…</section> element cut out.
      const real = readFileSync(page('modb_animeplanet_scores_score.html'), 'utf8');
      const edited = real.replace(/<section class="pure-g entryBar">[\s\S]*?<\/section>/, '');
      expect(edited.length).toBeLessThan(real.length);
      replay.route({ method: 'GET', path: '/anime/layout-changed', body: edited, headers: HTML });
      const result = await run('layout-changed');
      expect(entity(result)).toBeNull();
      expect(result.errors?.[0]?.message).toBe('Anime-Planet page layout changed: entryBar not found');
      expect(result.errors?.[0]?.extensions).toMatchObject({ code: 'SOURCE_BAD_RESPONSE', source: 'animeplanet', field: 'entryBar' });
    }));

  it('answers a bot wall with SOURCE_BLOCKED, opens the circuit and sends nothing more', () =>
    withKit(async ({ run, kit }) => {
      // A real anti-bot page with a reCAPTCHA (AniDB's AntiLeech page, test/fixtures/upstream/scrape), served in place of the entry.
      replay.route({ method: 'GET', path: '/anime/walled', file: resolve(FIXTURES, 'anidb/modb_anidb_anti-leech_page.html'), headers: HTML });
      const first = await run('walled');
      expect(entity(first)).toBeNull();
      expect(first.errors?.[0]?.extensions).toMatchObject({ code: 'SOURCE_BLOCKED', source: 'animeplanet', reason: 'bot-wall' });
      expect(first.errors?.[0]?.message).toMatch(/bot wall \(reCAPTCHA\)/);
      expect(replay.count('/anime/walled')).toBe(1);
      // Every later page of the site is refused without a call until the pause ends.
      const next = await run('your-name');
      expect(next.errors?.[0]?.extensions).toMatchObject({ code: 'SOURCE_BLOCKED', source: 'animeplanet' });
      expect(replay.count('/anime/your-name')).toBe(0);
      expect(kit.stats()['animeplanet']?.refusal).toMatchObject({ reason: 'bot-wall' });
    }));

  it('recognises a Cloudflare challenge by its standard markers (minimal test-written page, 403)', () =>
    withKit(async ({ run }) => {
      // No Cloudflare challenge page is recorded anywhere; this body carries only the marker the detector uses.
      replay.route({ method: 'GET', path: '/anime/challenge', status: 403, body: '<!DOCTYPE html><html><head><title>Just a moment...</title></head><body></body></html>', headers: HTML });
      const result = await run('challenge');
      expect(result.errors?.[0]?.extensions).toMatchObject({ code: 'SOURCE_BLOCKED', source: 'animeplanet' });
      expect(result.errors?.[0]?.message).toMatch(/Cloudflare challenge/);
      expect(replay.count('/anime/challenge')).toBe(1);
    }));

  it('times out a slow body like any other source, without retrying', () =>
    withKit(
      async ({ run }) => {
        replay.fault({ path: '/anime/your-name' }, { latencyMs: 700 });
        const result = await run('your-name');
        expect(entity(result)).toBeNull();
        expect(result.errors?.[0]?.extensions).toMatchObject({ code: 'SOURCE_UNAVAILABLE', source: 'animeplanet', reason: 'timeout' });
        expect(replay.count('/anime/your-name')).toBe(1);
        // Let the delayed answer finish, so no timer outlives the test.
        await new Promise((done) => setTimeout(done, 600));
      },
      { UPSTREAM_TIMEOUT_MS: '200' },
    ));
});
