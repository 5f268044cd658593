// The title index kept on disk (src/catalog/title-index-cache.ts), on the real bundled catalog:
// a warm start answers every query of the title-search eval set exactly as an index built afresh;
// a damaged, truncated or foreign file is rebuilt with one warning; and the key follows exactly
// the fields the index reads, so a change elsewhere in a record rebuilds nothing (or, while
// nothing changes the cached records, the records cache's key).
import { copyFile, mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { loadConfig, type Config } from '../src/config/index.js';
import { loadCatalog, type Catalog } from '../src/catalog/index.js';
import { readTitleQueries } from '../src/catalog/search/evaluate-titles.js';
import { readTitleIndex, titleIndexFile, titleIndexKey } from '../src/catalog/title-index-cache.js';
import { writeOverlay } from '../src/catalog/crosswalk-overlay.js';
import { Platform } from '../src/domain/index.js';

let dir: string;
let config: Config;
let fresh: Catalog;
let queries: string[];

interface Line {
  level: 'info' | 'warn';
  msg: string;
  obj: Record<string, unknown>;
}

async function load(options: Partial<Record<string, string>> = {}): Promise<{ catalog: Catalog; lines: Line[] }> {
  const lines: Line[] = [];
  const log = {
    info: (obj: object, msg: string) => void lines.push({ level: 'info', msg, obj: obj as Record<string, unknown> }),
    warn: (obj: object, msg: string) => void lines.push({ level: 'warn', msg, obj: obj as Record<string, unknown> }),
  };
  const catalog = await loadCatalog(Object.keys(options).length ? loadConfig({ CATALOG_CACHE_DIR: join(dir, 'catalog'), LOG_LEVEL: 'silent', ...options }) : config, log);
  return { catalog, lines };
}

const ready = (lines: Line[]) => lines.find((l) => l.msg === 'catalog ready')!.obj;
const indexWarnings = (lines: Line[]) => lines.filter((l) => l.level === 'warn' && l.msg.startsWith('title index cache'));

/** What a search answers, in order, deep enough to see any difference in ranking. */
function answers(catalog: Catalog, query: string): { total: number; ids: string[] } {
  const page = catalog.search({ query, first: 50 });
  return { total: page.totalCount, ids: page.nodes.map((r) => r.id) };
}

async function indexFiles(): Promise<string[]> {
  return (await readdir(join(dir, 'catalog'))).filter((f) => f.startsWith('title-index-'));
}

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'title-index-cache-'));
  // No fresh AniDB titles dump (a developer's data/ may have one): the catalog is the bundled data
  // alone, the titles snapshot of data/ included.
  config = loadConfig({ CATALOG_CACHE_DIR: join(dir, 'catalog'), CATALOG_ANIDB_TITLES_PATH: join(dir, 'absent.xml'), LOG_LEVEL: 'silent' });
  const first = await load();
  fresh = first.catalog;
  expect(ready(first.lines)).toMatchObject({ titleIndexCached: false });
  const root = config.root;
  // Real queries (the search eval set) plus the bench's Japanese, kana, typo and prefix queries.
  queries = [
    ...new Set([
      ...readTitleQueries(resolve(root, 'test/fixtures/evals/title-queries.jsonl')).map((r) => r.query),
      '進撃の巨人',
      'はじめのいっぽ',
      'cowbow bebop',
      'frier',
      'Kaguya-sama s3',
      'evangel',
    ]),
  ];
}, 180_000);

afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('the title index through the on-disk cache', () => {
  it('is written once and read back on the next start, answering every query as the fresh build', async () => {
    expect(await indexFiles()).toEqual([expect.stringMatching(/^title-index-[0-9a-f]{32}\.bin$/)]);
    const { catalog, lines } = await load();
    expect(ready(lines)).toMatchObject({ cached: true, titleIndexCached: true });
    expect(indexWarnings(lines)).toEqual([]);
    expect(queries.length).toBeGreaterThan(1000);
    const differing = queries.filter((q) => JSON.stringify(answers(catalog, q)) !== JSON.stringify(answers(fresh, q)));
    expect(differing).toEqual([]);
    // Franchise and season picks read the relation graph rebuilt on load.
    expect(answers(catalog, 'Kaguya-sama s3').ids[0]).toBe(answers(fresh, 'Kaguya-sama s3').ids[0]);
  }, 120_000);

  it('rebuilds a damaged file with one warning, and the start after reads the new one', async () => {
    const [name] = await indexFiles();
    const path = join(dir, 'catalog', name!);
    const bytes = await readFile(path);
    // One byte flipped in the middle of the snapshot: the digest catches it.
    const middle = Math.floor(bytes.length / 2);
    bytes[middle] = bytes[middle]! ^ 0xff;
    await writeFile(path, bytes);
    const damaged = await load();
    expect(ready(damaged.lines)).toMatchObject({ titleIndexCached: false });
    expect(indexWarnings(damaged.lines)).toHaveLength(1);
    expect(indexWarnings(damaged.lines)[0]!.obj['reason']).toMatch(/digest/);
    expect(answers(damaged.catalog, 'cowboy bebop')).toEqual(answers(fresh, 'cowboy bebop'));

    // Truncated, and then not an index file at all: read as no index, each with its reason (the
    // start above showed what a start does with that; one rebuild of the index is ~5 s here).
    const key = name!.slice('title-index-'.length, -'.bin'.length);
    for (const [content, reason] of [
      [bytes.subarray(0, bytes.length - 1000), /truncated/],
      [Buffer.from('{"records": []}'), /not a title index file/],
    ] as const) {
      const other = join(dir, 'damaged');
      await rm(other, { recursive: true, force: true });
      await mkdir(other);
      await writeFile(join(other, name!), content);
      const reasons: string[] = [];
      expect(await readTitleIndex(other, key, fresh.size, (why) => reasons.push(why))).toBeNull();
      expect(reasons).toEqual([expect.stringMatching(reason)]);
    }
    const after = await load();
    expect(ready(after.lines)).toMatchObject({ titleIndexCached: true });
    expect(indexWarnings(after.lines)).toEqual([]);
  }, 120_000);

  it('does not read a file renamed to another key, nor one of another number of entries', async () => {
    const [name] = await indexFiles();
    const key = name!.slice('title-index-'.length, -'.bin'.length);
    const problems: string[] = [];
    const other = join(dir, 'foreign');
    await copyFile(join(dir, 'catalog', name!), join(dir, 'catalog', 'title-index-0123456789abcdef0123456789abcdef.bin'));
    expect(await readTitleIndex(join(dir, 'catalog'), '0123456789abcdef0123456789abcdef', fresh.size, (reason) => problems.push(reason))).toBeNull();
    expect(await readTitleIndex(join(dir, 'catalog'), key, fresh.size - 1, (reason) => problems.push(reason))).toBeNull();
    expect(await readTitleIndex(other, key, fresh.size, (reason) => problems.push(reason))).toBeNull();
    expect(problems).toEqual([expect.stringMatching(/another key/), expect.stringMatching(/entries/)]);
    expect(titleIndexFile(join(dir, 'catalog'), key)).toBe(join(dir, 'catalog', name!));
    await rm(join(dir, 'catalog', 'title-index-0123456789abcdef0123456789abcdef.bin'));
  });
});

describe('titleIndexKey', () => {
  it('changes with a name, a format or a relation, and not with a field the index does not read', async () => {
    const records = fresh.records.map((r) => ({ ...r }));
    const key = await titleIndexKey(records);
    expect(await titleIndexKey(records)).toBe(key);
    const bebop = records.findIndex((r) => r.title === 'Cowboy Bebop');
    const related = records.findIndex((r) => r.relations.length > 0);
    const changed = (patch: Partial<(typeof records)[number]>, at = bebop) => titleIndexKey(records.map((r, i) => (i === at ? { ...r, ...patch } : r)));
    expect(await changed({ synonyms: [...records[bebop]!.synonyms, 'Space Cowboys'] })).not.toBe(key);
    expect(await changed({ format: records[bebop]!.format === 'MOVIE' ? ('TV' as never) : ('MOVIE' as never) })).not.toBe(key);
    expect(await changed({ relations: [] }, related)).not.toBe(key);
    expect(await changed({ synopsis: 'another synopsis', tags: ['space'], score: 1 })).toBe(key);
  });

  it('keys the index by the records cache while nothing changes the records after it, by their fields once an overlay adds an id', async () => {
    // A real upstream-reported id: Jikan's answer for Cowboy Bebop links ANN's entry 13, which no
    // bundled provider gives the catalog entry.
    const jikan = JSON.parse(await readFile(resolve(config.root, 'test/fixtures/upstream/jikan/anime-1-full.json'), 'utf8')) as { data: { external: Array<{ name: string; url: string }> } };
    const ann = jikan.data.external.find((link) => link.name === 'ANN')!.url;
    const overlayPath = join(dir, 'overlay.json');
    await writeOverlay(overlayPath, { source: 'jikan', harvestedAt: '2026-12-03T00:00:00Z', entries: [{ ref: 'mal:1', urls: ['https://myanimelist.net/anime/1', ann] }] });
    const options = { CATALOG_ANIDB_TITLES_PATH: join(dir, 'absent.xml') };
    const before = await indexFiles();
    const overlaid = await load({ ...options, CATALOG_CROSSWALK_PATH: overlayPath });
    expect(ready(overlaid.lines)).toMatchObject({ cached: true, titleIndexCached: false });
    expect(overlaid.catalog.byPlatform(Platform.ANN, 13)?.id).toBe('mal:1');
    expect((await indexFiles()).filter((f) => !before.includes(f))).toHaveLength(1);
    expect(ready((await load({ ...options, CATALOG_CROSSWALK_PATH: overlayPath })).lines)).toMatchObject({ titleIndexCached: true });
    // Without the overlay the records are the cache's again, and so is the index's key.
    expect(ready((await load(options)).lines)).toMatchObject({ cached: true, titleIndexCached: true });
  }, 120_000);

  it('re-derives the merged records and the index when the AniDB titles dump changes, then reads both back', async () => {
    // The dump's names are part of the merged records (applied before the records cache), so a
    // fresh dump makes both keys new; the next start reads both.
    const titles = join(dir, 'anime-titles.xml');
    await copyFile(resolve(config.root, 'test/fixtures/upstream/anidb/darkfeline_anime-titles_excerpt.xml'), titles);
    const before = await indexFiles();
    const { catalog, lines } = await load({ CATALOG_ANIDB_TITLES_PATH: titles });
    expect(ready(lines)).toMatchObject({ cached: false, titleIndexCached: false });
    expect(catalog.size).toBe(fresh.size);
    expect((await indexFiles()).filter((f) => !before.includes(f))).toHaveLength(1);
    expect(ready((await load({ CATALOG_ANIDB_TITLES_PATH: titles })).lines)).toMatchObject({ cached: true, titleIndexCached: true });
  }, 120_000);
});
