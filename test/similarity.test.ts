// The similarity subgraph through the gateway, on the real catalog: `similar` for real films,
// narrative search with queries from test/fixtures/semantic-queries.json, search by a real poster
// (data URI and loopback URL), and the typed error of every bad input.
import { readFileSync } from 'node:fs';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import sharp from 'sharp';
import { META_DIMENSION } from '../src/embed/index.js';
import { IMAGE_DIMENSION, PerceptualImageEmbedder } from '../src/embed/image.js';
import { WORD_VECTOR_DIMENSION } from '../src/embed/word-vectors.js';
import { attributesOf, MAX_TEXT_LENGTH, SimilarityService } from '../src/similarity/index.js';
import { loadEngines } from '../src/similarity/engines.js';
import { evaluateSemantic, evaluateSimilar, summarizeRanks } from '../src/similarity/evaluate.js';
import { groupPairs, sameFranchisePairs } from '../src/similarity/pair-groups.js';
import { FranchiseMembers } from '../src/similarity/franchise.js';
import { harvestRecommendationPairs, RECORDINGS } from '../src/similarity/recommendation-pairs.js';
import { EmbeddedVectorStore } from '../src/vector/index.js';
import { postGraphQL, startTestApp, type TestApp } from './support/app.js';

// Real posters (test/fixtures/images/PROVENANCE.md) and the catalog entries they show.
const POSTERS: Record<string, string> = {
  'cowboy_bebop2.webp': 'mal:1',
  'fma.jpg': 'mal:121',
  'haibane.jpg': 'mal:387',
  'josee.jpg': 'mal:40787',
};

let app: TestApp;
let vectorDir: string;
let images: Server;
let imagesUrl: string;

const SIMILAR = `query ($id: ID!, $first: Int, $filter: SimilarityFilter) {
  anime(id: $id) { id similar(first: $first, filter: $filter) { score reasons { kind detail values } anime { id title format year tags } } }
}`;
const SEMANTIC = `query ($text: String!, $first: Int, $filter: SimilarityFilter) {
  semanticSearch(text: $text, first: $first, filter: $filter) { score reasons { kind detail values } anime { id title year format } }
}`;
const BY_IMAGE = `query ($image: String!, $first: Int) { searchByImage(image: $image, first: $first) { score reasons { kind detail } anime { id title } } }`;

beforeAll(async () => {
  // Picture vectors for the real posters, written where the app's store opens (the catalog's own
  // pictures are remote URLs; `npm run embed:catalog` fetches them in production).
  vectorDir = await mkdtemp(join(tmpdir(), 'similarity-vectors-'));
  const store = await EmbeddedVectorStore.open(vectorDir, { text: WORD_VECTOR_DIMENSION, meta: META_DIMENSION, image: IMAGE_DIMENSION });
  const embedder = new PerceptualImageEmbedder();
  const { loadCatalog } = await import('../src/catalog/index.js');
  const { loadConfig } = await import('../src/config/index.js');
  const catalog = await loadCatalog(loadConfig());
  const items = [];
  for (const [file, id] of Object.entries(POSTERS)) {
    items.push({ id, vector: await embedder.embedImage(await readFile(join('test/fixtures/images', file))), attributes: attributesOf(catalog.byId(id)!) });
  }
  await store.upsert('image', items);
  await store.persist();
  process.env.VECTOR_INDEX_DIR = vectorDir;
  process.env.SIMILARITY_IMAGE_ALLOW_PRIVATE = 'true';
  app = await startTestApp();
  images = createServer(async (request, response) => {
    const file = (request.url ?? '').slice(1);
    if (file === 'page.html') return response.writeHead(200, { 'content-type': 'text/html' }).end('<html>not an image</html>');
    if (!POSTERS[file]) return response.writeHead(404).end();
    const type = file.endsWith('.webp') ? 'image/webp' : 'image/jpeg';
    response.writeHead(200, { 'content-type': type }).end(await readFile(join('test/fixtures/images', file)));
  });
  await new Promise<void>((resolve) => images.listen(0, '127.0.0.1', resolve));
  imagesUrl = `http://127.0.0.1:${(images.address() as AddressInfo).port}`;
}, 180_000);

afterAll(async () => {
  await app?.close();
  await new Promise((resolve) => images?.close(resolve));
  await rm(vectorDir, { recursive: true, force: true });
});

const codeOf = (body: { errors?: Array<{ extensions?: Record<string, unknown> }> }) => body.errors?.[0]?.extensions?.code;

describe('Anime.similar', () => {
  it('finds other Ghibli-like family fantasy films for Spirited Away, itself excluded, each with reasons', async () => {
    const { body } = await postGraphQL(app, SIMILAR, { id: 'mal:199', first: 10 });
    expect(body.errors).toBeUndefined();
    const similar = body.data!.anime.similar as Array<{ score: number; reasons: Array<{ kind: string; values: string[] }>; anime: { id: string; format: string } }>;
    expect(similar).toHaveLength(10);
    expect(similar.map((s) => s.anime.id)).not.toContain('mal:199');
    // Howl's Moving Castle, My Neighbor Totoro: other Miyazaki family fantasy films in the catalog.
    expect(similar.map((s) => s.anime.id)).toEqual(expect.arrayContaining(['mal:431']));
    for (const s of similar) {
      expect(s.score).toBeGreaterThan(0);
      expect(s.score).toBeLessThanOrEqual(1);
      expect(s.reasons.length).toBeGreaterThan(0);
    }
    expect(similar.map((s) => s.score)).toEqual([...similar.map((s) => s.score)].sort((a, b) => b - a));
    const howl = similar.find((s) => s.anime.id === 'mal:431')!;
    expect(howl.reasons.find((r) => r.kind === 'SHARED_TAGS')?.values).toEqual(expect.arrayContaining(['adventure', 'drama']));
  });

  it('respects the format and year filters', async () => {
    const { body } = await postGraphQL(app, SIMILAR, { id: 'mal:32281', first: 10, filter: { formats: ['MOVIE'], yearFrom: 2005, yearTo: 2012 } });
    expect(body.errors).toBeUndefined();
    const similar = body.data!.anime.similar as Array<{ anime: { format: string; year: number } }>;
    expect(similar.length).toBeGreaterThan(0);
    for (const s of similar) {
      expect(s.anime.format).toBe('MOVIE');
      expect(s.anime.year).toBeGreaterThanOrEqual(2005);
      expect(s.anime.year).toBeLessThanOrEqual(2012);
    }
    const tv = await postGraphQL(app, SIMILAR, { id: 'mal:199', first: 5, filter: { formats: ['TV'] } });
    expect((tv.body.data!.anime.similar as Array<{ anime: { format: string } }>).every((s) => s.anime.format === 'TV')).toBe(true);
  });

  // The catalog knows these franchises through the relations of its anime-offline-database entries
  // (Shingeki no Kyojin, Fullmetal Alchemist); Ghost in the Shell (films catalog, no relations)
  // through its title series: Innocence and the Arise films.
  it.each([
    ['Attack on Titan: Crimson Bow and Arrow', 'mal:23775', 'mal:23777'],
    ['Fullmetal Alchemist: The Movie - Conqueror of Shamballa', 'mal:430', 'mal:9135'],
    ['Ghost in the Shell', 'mal:43', 'mal:468'],
  ])('leaves out the franchise of %s unless sameFranchise is true', async (_title, id, sibling) => {
    const franchise = new FranchiseMembers(app.catalog!).of(app.catalog!.byId(id)!);
    expect(franchise).toEqual(expect.arrayContaining([id, sibling]));
    const ids = async (filter?: { sameFranchise: boolean }, first = 10) => {
      const { body } = await postGraphQL(app, SIMILAR, { id, first, ...(filter ? { filter } : {}) });
      expect(body.errors).toBeUndefined();
      return (body.data!.anime.similar as Array<{ anime: { id: string; title: string } }>).map((s) => s.anime.id);
    };
    const byDefault = await ids();
    expect(byDefault).toHaveLength(10);
    expect(byDefault.filter((other) => franchise.includes(other))).toEqual([]);
    expect(await ids({ sameFranchise: false })).toEqual(byDefault);
    // Kept, a sibling film of the same franchise is listed again (MAL users recommend other works
    // for Ghost in the Shell, so their picks rank above Innocence); the anime itself never appears.
    const kept = await ids({ sameFranchise: true }, 50);
    expect(kept).toContain(sibling);
    expect(kept).not.toContain(id);
  });

  it('says when MyAnimeList users recommend the two together (data/malmap-anime-data.json)', async () => {
    const { body } = await postGraphQL(app, SIMILAR, { id: 'mal:32281', first: 10 });
    expect(body.errors).toBeUndefined();
    const similar = body.data!.anime.similar as Array<{ reasons: Array<{ kind: string; detail: string }>; anime: { id: string } }>;
    // Your Name → Weathering with You: 68 MAL users recommended one for the other.
    const weathering = similar.find((s) => s.anime.id === 'mal:38826');
    expect(weathering?.reasons).toContainEqual(expect.objectContaining({ kind: 'RECOMMENDED_BY_FANS', detail: 'recommended together by MyAnimeList users (68)' }));
  });

  it('answers by any alias of the anime', async () => {
    const anilist = app.catalog!.byId('mal:199')!.platformIds.find((p) => p.platform === 'ANILIST')!;
    const { body } = await postGraphQL(app, SIMILAR, { id: `anilist:${anilist.id}`, first: 3 });
    expect(body.errors).toBeUndefined();
    expect(body.data!.anime.id).toBe('mal:199');
    expect(body.data!.anime.similar).toHaveLength(3);
  });
});

describe('semanticSearch', () => {
  const fixture = JSON.parse(readFileSync('test/fixtures/semantic-queries.json', 'utf8')) as { queries: Array<{ text: string; expected: string[]; title: string }> };

  it('keeps the written query set true to the catalog (ids, titles, a synopsis to retell)', () => {
    expect(fixture.queries.length).toBeGreaterThanOrEqual(30);
    for (const q of fixture.queries) {
      const record = app.catalog!.byId(q.expected[0]!);
      expect({ id: record?.id, title: record?.title }).toEqual({ id: q.expected[0], title: q.title });
      expect(record!.synopsis).toBeTruthy();
    }
  });

  it.each([
    ['Sen to Chihiro no Kamikakushi', 'mal:199'],
    ['Paprika', 'mal:1943'],
    ['Sakasama no Patema', 'mal:12477'],
    ['Tokyo Godfathers', 'mal:759'],
  ])('finds %s from a retelling of its story', async (title, id) => {
    const query = fixture.queries.find((q) => q.title === title)!;
    const { body } = await postGraphQL(app, SEMANTIC, { text: query.text, first: 10 });
    expect(body.errors).toBeUndefined();
    const results = body.data!.semanticSearch as Array<{ anime: { id: string }; reasons: Array<{ kind: string }> }>;
    expect(results.map((r) => r.anime.id)).toContain(id);
    expect(results.find((r) => r.anime.id === id)!.reasons.map((r) => r.kind)).toEqual(expect.arrayContaining(['MATCHED_WORDS']));
  });

  it('applies the filter to every result', async () => {
    const { body } = await postGraphQL(app, SEMANTIC, { text: 'a witch who flies on a broom', first: 10, filter: { yearFrom: 1985, yearTo: 1995, formats: ['MOVIE'] } });
    expect(body.errors).toBeUndefined();
    const results = body.data!.semanticSearch as Array<{ anime: { year: number; format: string } }>;
    expect(results.length).toBeGreaterThan(0);
    for (const r of results) expect(r.anime).toMatchObject({ format: 'MOVIE', year: expect.any(Number) });
    expect(results.every((r) => r.anime.year >= 1985 && r.anime.year <= 1995)).toBe(true);
  });
});

describe('searchByImage', () => {
  it('finds the anime behind a screenshot cut from its real poster (data URI)', async () => {
    const poster = await readFile('test/fixtures/images/josee.jpg');
    const meta = await sharp(poster).metadata();
    // A "screenshot": the middle 80 % of the poster, scaled down and re-encoded.
    const crop = { left: Math.round(meta.width! * 0.1), top: Math.round(meta.height! * 0.1), width: Math.round(meta.width! * 0.8), height: Math.round(meta.height! * 0.8) };
    const shot = await sharp(poster).extract(crop).resize({ width: 200 }).jpeg({ quality: 70 }).toBuffer();
    const { body } = await postGraphQL(app, BY_IMAGE, { image: `data:image/jpeg;base64,${shot.toString('base64')}`, first: 3 });
    expect(body.errors).toBeUndefined();
    const results = body.data!.searchByImage as Array<{ score: number; reasons: Array<{ kind: string }>; anime: { id: string; title: string } }>;
    expect(results[0]!.anime).toEqual({ id: 'mal:40787', title: 'Josee, the Tiger and the Fish' });
    expect(results[0]!.reasons[0]!.kind).toBe('VISUAL');
    expect(results[0]!.score).toBeGreaterThan(results[1]!.score);
  });

  it('fetches an image URL (here a loopback server, allowed by SIMILARITY_IMAGE_ALLOW_PRIVATE)', async () => {
    const { body } = await postGraphQL(app, BY_IMAGE, { image: `${imagesUrl}/cowboy_bebop2.webp`, first: 1 });
    expect(body.errors).toBeUndefined();
    expect(body.data!.searchByImage[0].anime.id).toBe('mal:1');
  });
});

describe('bad input gets a typed error', () => {
  it.each([
    ['first out of range', SIMILAR, { id: 'mal:199', first: 0 }, 'BAD_USER_INPUT', 'first'],
    ['first too large', SEMANTIC, { text: 'space pirates', first: 51 }, 'BAD_USER_INPUT', 'first'],
    ['empty text', SEMANTIC, { text: '   ' }, 'BAD_USER_INPUT', 'text'],
    ['only stop words', SEMANTIC, { text: 'the and of a' }, 'BAD_USER_INPUT', 'text'],
    ['text too long', SEMANTIC, { text: 'dragon '.repeat(Math.ceil((MAX_TEXT_LENGTH + 1) / 7)) }, 'BAD_USER_INPUT', 'text'],
    ['inverted year range', SEMANTIC, { text: 'space pirates', filter: { yearFrom: 2010, yearTo: 2000 } }, 'BAD_USER_INPUT', 'filter.yearFrom'],
    ['impossible year', SIMILAR, { id: 'mal:199', filter: { yearFrom: 20000 } }, 'BAD_USER_INPUT', 'filter.yearFrom'],
    ['not a URL or data URI', BY_IMAGE, { image: 'poster.jpg' }, 'BAD_USER_INPUT', 'image'],
    ['a data URI that is not base64', BY_IMAGE, { image: 'data:image/png,abc' }, 'BAD_USER_INPUT', 'image'],
    ['a data URI whose bytes are not an image', BY_IMAGE, { image: `data:image/png;base64,${Buffer.from('hello, not a picture').toString('base64')}` }, 'BAD_USER_INPUT', 'image'],
    ['a file: URL', BY_IMAGE, { image: 'file:///etc/passwd' }, 'BAD_USER_INPUT', 'image'],
  ])('%s', async (_name, query, variables, code, field) => {
    const { body } = await postGraphQL(app, query, variables);
    expect(codeOf(body)).toBe(code);
    expect(body.errors![0]!.extensions!.field).toBe(field);
  });

  it('an unknown anime id is NOT_FOUND', async () => {
    const { body } = await postGraphQL(app, SIMILAR, { id: 'mal:999999999' });
    expect(codeOf(body)).toBe('NOT_FOUND');
  });

  it('a URL answering HTML is refused as not an image', async () => {
    const { body } = await postGraphQL(app, BY_IMAGE, { image: `${imagesUrl}/page.html` });
    expect(codeOf(body)).toBe('BAD_USER_INPUT');
    expect(body.errors![0]!.extensions!.reason).toBe('IMAGE_TYPE');
  });

  it('a URL answering 404 is SOURCE_UNAVAILABLE', async () => {
    const { body } = await postGraphQL(app, BY_IMAGE, { image: `${imagesUrl}/missing.jpg` });
    expect(codeOf(body)).toBe('SOURCE_UNAVAILABLE');
    expect(body.errors![0]!.extensions!.reason).toBe('IMAGE_HTTP_STATUS');
  });
});

describe('the measures of npm run eval:similarity', () => {
  it('maps the recorded recommendation pairs onto catalog ids and reports every case', async () => {
    const harvest = harvestRecommendationPairs(app.catalog!, 'test/fixtures/upstream');
    // Jikan's recent-recommendation pair counts both ways; the AniList recording has no recommendations.
    const recorded = harvest.pairs.filter((p) => p.source !== RECORDINGS.malmap);
    expect(recorded.map((p) => `${p.from}>${p.to}`)).toEqual(['mal:22135>mal:31646', 'mal:31646>mal:22135', 'mal:11757>mal:17265']);
    // MALmap: 7,578 undirected edges read both ways; those with an end outside the catalog are listed, not dropped silently.
    expect(harvest.recorded).toBe(3 + 2 * 7578);
    expect(harvest.pairs.length + harvest.missing.length).toBe(harvest.recorded);
    expect(harvest.pairs.length).toBe(15091);
    expect(harvest.missing.every((m) => /^MAL:\d+ → MAL:\d+$/.test(m))).toBe(true);
    const malmap = new Set(harvest.pairs.filter((p) => p.source === RECORDINGS.malmap).map((p) => `${p.from}>${p.to}`));
    // Your Name and Weathering with You: 68 MAL users recommended one for the other.
    expect(malmap.has('mal:32281>mal:38826') && malmap.has('mal:38826>mal:32281')).toBe(true);
    // Per recording, read = mapped + left out; the AniList recording is listed with no pair.
    expect(harvest.bySource.map((c) => [c.source, c.read, c.mapped])).toEqual([
      [RECORDINGS.jikanRecent, 2, 2],
      [RECORDINGS.jikanForAnime.path, 1, 1],
      [RECORDINGS.anilistMedia, 0, 0],
      [RECORDINGS.malmap, 2 * 7578, 15091 - 3],
    ]);
    for (const c of harvest.bySource) expect(c.read).toBe(c.mapped + c.leftOut);
    // The tag groups split all pairs; film ↔ film pairs are a subset.
    const groups = new Map(groupPairs(app.catalog!, harvest.pairs).map((g) => [g.label, g.indices]));
    expect(groups.get('all pairs')).toHaveLength(15091);
    expect(groups.get('both ends tagged')!.length + groups.get('one end tagged')!.length + groups.get('neither end tagged')!.length).toBe(15091);
    const bothTagged = new Set(groups.get('both ends tagged'));
    expect(groups.get('film ↔ film, both tagged')!.every((i) => bothTagged.has(i))).toBe(true);
    for (const i of groups.get('neither end tagged')!.slice(0, 100)) expect(app.catalog!.byId(harvest.pairs[i]!.from)!.tags).toEqual([]);
    // MAL users rarely recommend within a franchise: Naruto → Boruto (catalog relations) and the
    // two HUNTER×HUNTER series (title series) are among the few such pairs.
    const inFranchise = sameFranchisePairs(app.catalog!, harvest.pairs).map((i) => `${harvest.pairs[i]!.from}>${harvest.pairs[i]!.to}`);
    expect(inFranchise.length).toBeLessThan(100);
    expect(inFranchise).toEqual(expect.arrayContaining(['mal:20>mal:34566', 'mal:11061>mal:136', 'mal:136>mal:11061']));
    expect(inFranchise).not.toContain('mal:32281>mal:38826');
    const engines = await loadEngines(app.catalog!, app.config, { store: 'exact' });
    const service = new SimilarityService(app.catalog!, async () => engines, { maxBytes: 1, timeoutMs: 1, allowPrivate: false });
    // The bookkeeping on the recorded pairs only: all 15,091 take minutes (npm run eval:similarity measures them).
    const similar = await evaluateSimilar(service, recorded);
    expect(similar.total).toBe(3);
    expect(similar.ranks).toHaveLength(3);
    expect(summarizeRanks(similar.ranks)).toEqual({ total: 3, hitAt10: similar.hitAt10, mrrAt10: similar.mrrAt10 });
    expect(summarizeRanks([1, null, 4, null])).toEqual({ total: 4, hitAt10: 0.5, mrrAt10: (1 + 0.25) / 4 });
    const queries = (JSON.parse(readFileSync('test/fixtures/semantic-queries.json', 'utf8')) as { queries: Array<{ text: string; expected: string[]; title: string }> }).queries;
    const lexical = await evaluateSemantic(service, queries, { vector: false });
    expect(lexical.total).toBe(queries.length);
    expect(lexical.ranks).toHaveLength(queries.length);
    // Consistent bookkeeping (no quality threshold): one expected film per query caps P@10 at hit@10 / 10.
    expect(lexical.precisionAt10).toBeCloseTo(lexical.hitAt10 / 10);
    expect(lexical.mrrAt10).toBeLessThanOrEqual(lexical.hitAt10);
  });
});
