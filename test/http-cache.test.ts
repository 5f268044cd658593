// HTTP caching of GET /graphql (gateway/fast-path.ts, httpCacheHeaders), over real HTTP with the
// server in trusted-documents mode and the upstreams replayed from recordings: a persisted
// operation the catalog alone answers gets Cache-Control and an ETag, and If-None-Match gets 304;
// an answer with an upstream field, with an error, or to a POST is never cacheable.
import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { createApp } from '../gateway/app.js';
import { OFFLINE_MAX_AGE_SECONDS } from '../gateway/fast-path.js';
import type { ReplayServer } from './replay/server.js';
import { request, type TestApp } from './support/app.js';
import { SAMPLE_VARIABLES } from './support/operation-samples.js';
import { RECORDED_SCHEDULE_NOW, startRecordedUpstreams } from './support/replay-bebop.js';

let replay: ReplayServer;
let app: TestApp;
const PREFLIGHT = { 'apollo-require-preflight': 'true' };

beforeAll(async () => {
  const upstreams = await startRecordedUpstreams();
  replay = upstreams.replay;
  const created = await createApp({ logger: false, config: { ...upstreams.config, TRUSTED_DOCUMENTS: true, SIMILARITY_WARM: false }, now: () => RECORDED_SCHEDULE_NOW });
  app = { ...created, url: await created.app.listen({ port: 0, host: '127.0.0.1' }) };
}, 180_000);

afterAll(async () => {
  await app?.close();
  await replay?.close();
});

async function documentId(file: string): Promise<string> {
  return `sha256:${createHash('sha256').update(await readFile(`schema/operations/${file}`, 'utf8')).digest('hex')}`;
}

/** GET /graphql of a persisted operation by its id, as a CDN in front of the server would send it. */
async function getPersisted(file: string, variables: Record<string, unknown>, headers: Record<string, string> = {}) {
  const params = new URLSearchParams({ documentId: await documentId(file), variables: JSON.stringify(variables) });
  return request(app, `/graphql?${params}`, { headers: { ...PREFLIGHT, accept: 'application/graphql-response+json, application/json', ...headers } });
}

describe('GET /graphql of a persisted operation the catalog alone answers', () => {
  it.each([
    ['get-seasonal-anime.graphql', SAMPLE_VARIABLES['GetSeasonalAnime']!],
    ['browse-anime.graphql', SAMPLE_VARIABLES['BrowseAnime']!],
    ['get-franchise.graphql', SAMPLE_VARIABLES['GetFranchise']!],
  ])('%s: Cache-Control and an ETag; If-None-Match → 304 without a body', async (file, variables) => {
    const first = await getPersisted(file, variables);
    expect(first.status).toBe(200);
    expect(JSON.parse(first.text).errors).toBeUndefined();
    expect(first.headers.get('cache-control')).toBe(`public, max-age=${OFFLINE_MAX_AGE_SECONDS}`);
    const etag = first.headers.get('etag');
    expect(etag).toMatch(/^"[\w-]{27}"$/);
    expect(first.headers.get('vary')).toMatch(/\bAccept\b/);

    // The second answer comes from the response cache: the same body, so the same tag.
    const again = await getPersisted(file, variables);
    expect(again.text).toBe(first.text);
    expect(again.headers.get('etag')).toBe(etag);

    const revalidated = await getPersisted(file, variables, { 'if-none-match': etag! });
    expect(revalidated.status).toBe(304);
    expect(revalidated.text).toBe('');
    expect(revalidated.headers.get('etag')).toBe(etag);
    expect(revalidated.headers.get('cache-control')).toBe(`public, max-age=${OFFLINE_MAX_AGE_SECONDS}`);
    // A list with the tag among others, weak or not, matches too; another tag does not.
    expect((await getPersisted(file, variables, { 'if-none-match': `"other", W/${etag}` })).status).toBe(304);
    const stale = await getPersisted(file, variables, { 'if-none-match': '"not-this-one"' });
    expect(stale.status).toBe(200);
    expect(stale.text).toBe(first.text);
  });

  it('an operation whose upstream fields are under @include(if: $enhance), with enhance false (the fast path drops them)', async () => {
    for (const [file, sample] of [
      ['search-anime.graphql', SAMPLE_VARIABLES['SearchAnime']!],
      ['get-anime-by-id.graphql', SAMPLE_VARIABLES['GetAnimeById']!],
    ] as const) {
      const offline = await getPersisted(file, { ...sample, enhance: false });
      expect(offline.status).toBe(200);
      expect(JSON.parse(offline.text).errors).toBeUndefined();
      expect(offline.headers.get('cache-control')).toBe(`public, max-age=${OFFLINE_MAX_AGE_SECONDS}`);
      expect((await getPersisted(file, { ...sample, enhance: false }, { 'if-none-match': offline.headers.get('etag')! })).status).toBe(304);
      const enhanced = await getPersisted(file, { ...sample, enhance: true });
      expect(enhanced.status).toBe(200);
      expect(enhanced.headers.get('cache-control')).toBe('no-store');
      expect(enhanced.headers.get('etag')).toBeNull();
    }
  });

  it('other variables are another answer with another tag', async () => {
    const spring = await getPersisted('get-seasonal-anime.graphql', { year: 2013, season: 'SPRING' });
    const fall = await getPersisted('get-seasonal-anime.graphql', { year: 2013, season: 'FALL' });
    expect(fall.headers.get('etag')).toMatch(/^"/);
    expect(fall.headers.get('etag')).not.toBe(spring.headers.get('etag'));
    expect((await getPersisted('get-seasonal-anime.graphql', { year: 2013, season: 'FALL' }, { 'if-none-match': spring.headers.get('etag')! })).status).toBe(200);
  });
});

describe('never cacheable', () => {
  it('an answer with upstream fields (MyAnimeList, AniList and Kitsu through the planner)', async () => {
    const response = await getPersisted('get-anime-by-id.graphql', SAMPLE_VARIABLES['GetAnimeById']!);
    expect(response.status).toBe(200);
    expect(JSON.parse(response.text).data.anime.title).toBe('Cowboy Bebop');
    expect(response.headers.get('cache-control')).toBe('no-store');
    expect(response.headers.get('etag')).toBeNull();
    expect((await getPersisted('get-anime-by-id.graphql', SAMPLE_VARIABLES['GetAnimeById']!, { 'if-none-match': '*' })).status).toBe(200);
  });

  it('a catalog answer with an error', async () => {
    const response = await getPersisted('get-franchise.graphql', { id: 'nonsense' });
    expect(response.status).toBe(200);
    expect(JSON.parse(response.text).errors.length).toBeGreaterThan(0);
    expect(response.headers.get('cache-control')).toBe('no-store');
    expect(response.headers.get('etag')).toBeNull();
    expect((await getPersisted('get-franchise.graphql', { id: 'nonsense' }, { 'if-none-match': '*' })).status).toBe(200);
  });

  it('a request refused before execution (an unknown document id)', async () => {
    const response = await request(app, `/graphql?documentId=sha256:${'0'.repeat(64)}`, { headers: PREFLIGHT });
    expect(response.status).toBeGreaterThanOrEqual(400);
    expect(response.headers.get('etag')).toBeNull();
    expect(response.headers.get('cache-control')).not.toMatch(/public|max-age/);
  });

  it('a POST of the same catalog-only operation', async () => {
    const source = await readFile('schema/operations/get-seasonal-anime.graphql', 'utf8');
    const response = await request(app, '/graphql', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query: source, variables: SAMPLE_VARIABLES['GetSeasonalAnime'] }),
    });
    expect(response.status).toBe(200);
    expect(response.headers.get('etag')).toBeNull();
    expect(response.headers.get('cache-control') ?? '').not.toMatch(/public|max-age/);
  });
});
