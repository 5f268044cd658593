// AniDB's titles dump: parsed from the real excerpt (test/fixtures/upstream/anidb), joined to the
// catalog by AniDB id (search then finds the names), and downloaded from a loopback server (gzip)
// at most once a day, never replacing a good copy with a bad answer.
import { mkdtempSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { gzipSync } from 'node:zlib';
import { anidbTitlesFile, loadCatalog } from '../load.js';
import { loadConfig } from '../../config/index.js';
import { Platform } from '../../domain/index.js';
import { ANIDB_TITLES_PROVIDER, AnidbTitlesError, parseAnidbTitles } from './anidb-titles.js';
import { downloadAnidbTitles } from './anidb-titles-download.js';

const FIXTURES = resolve(process.cwd(), 'test/fixtures/upstream/anidb');
const EXCERPT = readFileSync(resolve(FIXTURES, 'darkfeline_anime-titles_excerpt.xml'));
const NGINX = readFileSync(resolve(FIXTURES, 'modb_anidb_nginx_error_page.html'));

describe('AniDB titles dump', () => {
  it('parses every title with its language and type, gzip or plain', () => {
    const expected = new Map([
      [22, [
        { title: 'Neon Genesis Evangelion', language: 'en', type: 'official' },
        { title: 'Shinseiki Evangelion', language: 'x-jat', type: 'main' },
      ]],
    ]);
    expect(parseAnidbTitles(EXCERPT)).toEqual(expected);
    expect(parseAnidbTitles(gzipSync(EXCERPT))).toEqual(expected);
  });

  it('reads the backticks AniDB writes for apostrophes as apostrophes (the shipped snapshot)', () => {
    const titles = [...parseAnidbTitles(readFileSync(resolve(process.cwd(), 'data/anidb-anime-titles-2022.xml.gz'))).values()].flat().map((t) => t.title);
    expect(titles.length).toBeGreaterThan(70_000);
    expect(titles.filter((t) => t.includes('`'))).toEqual([]);
    expect(titles).toContain("Lord El-Melloi II's Case Files: Rail Zeppelin Grace Note - A Grave Keeper, a Cat, and a Mage");
  });

  it('refuses what is not a titles dump', () => {
    expect(() => parseAnidbTitles(NGINX)).toThrow(AnidbTitlesError);
    expect(() => parseAnidbTitles(gzipSync(EXCERPT).subarray(0, 100))).toThrow(/gzip/);
    expect(() => parseAnidbTitles(readFileSync(resolve(FIXTURES, 'darkfeline_error_banned.xml')))).toThrow(/not an AniDB titles dump/);
  });

  it('adds the names to the catalog entry with that AniDB id, so search finds it by them', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'anidb-titles-'));
    writeFileSync(join(dir, 'anime-titles.xml.gz'), gzipSync(EXCERPT));
    const base = { ...loadConfig({ CATALOG_MAL: 'false', CATALOG_ROMAJI: 'false', CATALOG_CROSSWALK_PATH: '' }), CATALOG_ANIDB_TITLES_PATH: '' };
    const without = await loadCatalog(base);
    const withTitles = await loadCatalog({ ...base, CATALOG_ANIDB_TITLES_PATH: join(dir, 'anime-titles.xml.gz') });
    const eva = (catalog: typeof without) => catalog.byPlatform(Platform.ANIDB, 22)!;
    expect(eva(without).synonyms).not.toContain('Shinseiki Evangelion');
    expect(eva(withTitles).synonyms).toContain('Shinseiki Evangelion');
    expect(eva(withTitles).id).toBe(eva(without).id);
    expect(eva(withTitles).title).toBe(eva(without).title);
    expect(eva(withTitles).providers.map((p) => p.provider)).toContain(ANIDB_TITLES_PROVIDER);
    expect(withTitles.size).toBe(without.size);
    expect(withTitles.reports.find((r) => r.provider === ANIDB_TITLES_PROVIDER)).toMatchObject({ loaded: 1, skipped: 0 });
    const hits = withTitles.search({ query: 'Shinseiki Evangelion', first: 3 });
    expect(hits.nodes[0]?.id).toBe(eva(withTitles).id);
  });

  it('reads the snapshot shipped in data/ while no fresh dump was fetched; entries without an English title get AniDB\'s', async () => {
    const base = loadConfig({ CATALOG_CACHE_DIR: 'off', CATALOG_ROMAJI: 'false', CATALOG_CROSSWALK_PATH: '' });
    const absent = join(mkdtempSync(join(tmpdir(), 'anidb-titles-')), 'anime-titles.xml.gz');
    expect(anidbTitlesFile({ ...base, CATALOG_ANIDB_TITLES_PATH: absent })).toBe(resolve(base.root, 'data/anidb-anime-titles-2022.xml.gz'));
    expect(anidbTitlesFile({ ...base, CATALOG_ANIDB_TITLES_PATH: absent, CATALOG_ANIDB_TITLES_SNAPSHOT_PATH: 'off' })).toBeNull();
    expect(anidbTitlesFile({ ...base, CATALOG_ANIDB_TITLES_PATH: 'off' })).toBeNull();
    const without = await loadCatalog({ ...base, CATALOG_ANIDB_TITLES_PATH: 'off' });
    const withSnapshot = await loadCatalog({ ...base, CATALOG_ANIDB_TITLES_PATH: absent });
    expect(withSnapshot.reports.find((r) => r.provider === ANIDB_TITLES_PROVIDER)?.loaded).toBeGreaterThan(5000);
    const mal = (catalog: typeof without, id: number) => catalog.byPlatform(Platform.MAL, id)!;
    // Hajime no Ippo: MyAnimeList's title stays the display title; AniDB gives the English one.
    expect(mal(without, 263)).toMatchObject({ title: 'Hajime no Ippo', titleEnglish: null });
    expect(mal(withSnapshot, 263)).toMatchObject({ title: 'Hajime no Ippo', titleEnglish: 'Fighting Spirit' });
    expect(withSnapshot.search({ query: 'Fighting Spirit', first: 1 }).nodes[0]?.id).toBe(mal(withSnapshot, 263).id);
    // Kaguya-sama season 3 (2022) is in bangumi-data only: its Japanese title gives way to the
    // English one by the display-title rule, and stays a synonym.
    const japanese = 'かぐや様は告らせたい-ウルトラロマンティック-';
    expect(mal(without, 43608).title).toBe(japanese);
    expect(mal(withSnapshot, 43608)).toMatchObject({ title: 'Kaguya-sama: Love Is War - Ultra Romantic', titleEnglish: 'Kaguya-sama: Love Is War - Ultra Romantic' });
    expect(mal(withSnapshot, 43608).synonyms).toContain(japanese);
    // A styled title takes a plain spelling from the providers, not AniDB's own: MyAnimeList's
    // "To LOVE-Ru" shows as "To Love-Ru", not AniDB's romaji "To Loveru" (still a name search knows).
    expect(mal(withSnapshot, 3455).title).toBe(mal(without, 3455).title);
    expect(mal(withSnapshot, 3455).title).toBe('To Love-Ru');
    expect(mal(withSnapshot, 3455).synonyms).toContain('To Loveru');
    // An entry no provider gives a romaji or English title shows AniDB's main title, its romaji
    // (here without kuromoji: the Japanese title before; merge.test.ts has the reading it replaces).
    expect(mal(without, 50932).title).toBe('最強陰陽師の異世界転生記');
    expect(mal(withSnapshot, 50932)).toMatchObject({ title: 'Saikyou Onmyouji no Isekai Tenseiki', titleRomaji: 'Saikyou Onmyouji no Isekai Tenseiki' });
    expect(withSnapshot.search({ query: 'Saikyou Onmyouji no Isekai Tenseiki', first: 1 }).nodes[0]?.id).toBe(mal(withSnapshot, 50932).id);
    // Only English, romaji and Japanese names are added (ADDED_LANGUAGES).
    expect(mal(withSnapshot, 43608).synonyms.filter((s) => !mal(without, 43608).synonyms.includes(s) && s !== japanese).every((s) => !/[\u0400-\u04ff\uac00-\ud7af]/.test(s))).toBe(true);
  }, 60_000);
});

describe('downloadAnidbTitles', () => {
  let server: Server;
  let url: string;
  let body: Buffer;
  let requests = 0;

  beforeAll(async () => {
    server = createServer((_req, res) => {
      requests += 1;
      res.writeHead(200, { 'content-type': 'application/x-gzip', 'content-length': body.length }).end(body);
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/api/anime-titles.xml.gz`;
  });
  afterAll(() => new Promise((r) => server.close(r)));
  beforeEach(() => (requests = 0));

  it('downloads the gzip dump, then keeps it for a day without asking again', async () => {
    body = gzipSync(EXCERPT);
    const destination = join(mkdtempSync(join(tmpdir(), 'anidb-dl-')), 'data', 'anime-titles.xml.gz');
    const first = await downloadAnidbTitles({ url, destination, userAgent: 'test' });
    expect(first).toMatchObject({ fetched: true, anime: 1, titles: 2, bytes: body.length });
    expect(readFileSync(destination)).toEqual(body);
    const second = await downloadAnidbTitles({ url, destination, userAgent: 'test' });
    expect(second.fetched).toBe(false);
    expect(requests).toBe(1);
    // A day later it asks again.
    const later = statSync(destination).mtimeMs + 24 * 3600_000 + 1;
    expect((await downloadAnidbTitles({ url, destination, userAgent: 'test', now: () => later })).fetched).toBe(true);
    expect(requests).toBe(2);
  });

  it('keeps the old copy when AniDB answers with an HTML page', async () => {
    const destination = join(mkdtempSync(join(tmpdir(), 'anidb-dl-')), 'anime-titles.xml.gz');
    writeFileSync(destination, gzipSync(EXCERPT));
    const old = statSync(destination).mtimeMs;
    body = NGINX;
    await expect(downloadAnidbTitles({ url, destination, userAgent: 'test', now: () => old + 25 * 3600_000 })).rejects.toThrow(AnidbTitlesError);
    expect(parseAnidbTitles(readFileSync(destination)).size).toBe(1);
  });
});
