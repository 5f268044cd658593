// The derived-data cache on the real bundled data: a start with a warm cache gives the same catalog
// as deriving it, and any change of input makes a new key instead of a stale read.
import { copyFile, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadConfig } from '../config/index.js';
import { platformUrl, splitCanonicalKey } from '../crosswalk/index.js';
import { Platform } from '../domain/index.js';
import { derivedCacheKey, readDerivedRecords, writeDerivedRecords } from './derived-cache.js';
import { loadCatalog } from './load.js';

let dir: string;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'derived-cache-'));
});

afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('the catalog through the derived-data cache', () => {
  it('reads back the same records it derived, and says which start used the cache', async () => {
    const config = loadConfig({ CATALOG_CACHE_DIR: join(dir, 'catalog'), LOG_LEVEL: 'silent' });
    const lines: Array<{ msg: string; obj: Record<string, unknown> }> = [];
    const log = { info: (obj: object, msg: string) => void lines.push({ obj: obj as Record<string, unknown>, msg }), warn: () => undefined };
    const derived = await loadCatalog(config, log);
    expect(lines.find((l) => l.msg === 'catalog ready')?.obj['cached']).toBe(false);
    // The wait is announced before it starts: deriving, then building the title index.
    const announced = lines.map((l) => l.msg).filter((msg) => /^(deriving the catalog|building the title index|catalog ready)/.test(msg));
    expect(announced.map((msg) => msg.split(' (')[0])).toEqual(['deriving the catalog from its providers', 'building the title index', 'catalog ready']);
    // The merged records, and the title index built over them (title-index-cache.ts).
    expect((await readdir(join(dir, 'catalog'))).sort()).toEqual([
      expect.stringMatching(/^catalog-records-[0-9a-f]{32}\.jsonl$/),
      expect.stringMatching(/^title-index-[0-9a-f]{32}\.bin$/),
    ]);

    lines.length = 0;
    const cached = await loadCatalog(config, log);
    expect(lines.find((l) => l.msg === 'catalog ready')?.obj['cached']).toBe(true);
    expect(lines.filter((l) => /^(deriving the catalog|building the title index)/.test(l.msg))).toEqual([]);
    expect(cached.size).toBe(derived.size);
    expect(cached.records).toEqual(derived.records);
    expect(cached.reports).toEqual(derived.reports);
    // In the same field order too (toEqual ignores order): one shape, the same JSON, so code that
    // compares records as text (test/enrich/catalog-merge.test.ts) sees no change where none was made.
    const shapes = (records: readonly object[]) => new Set(records.map((r) => Object.keys(r).join(',')));
    expect([...shapes(cached.records)]).toEqual([...shapes(derived.records)]);
    expect(shapes(derived.records).size).toBe(1);
    expect(cached.records.filter((r, i) => JSON.stringify(r) !== JSON.stringify(derived.records[i])).map((r) => r.id)).toEqual([]);
    // Derived or read back, equal provider references and region lists are one frozen object each
    // (shared-parts.ts): as many objects as distinct values, none of them changeable.
    for (const catalog of [derived, cached]) {
      const refs = catalog.records.flatMap((r) => r.providers);
      const regions = catalog.records.flatMap((r) => r.streaming.map((s) => s.regions));
      expect(regions.length).toBeGreaterThan(1000);
      expect(new Set(refs).size).toBe(new Set(refs.map((ref) => `${ref.provider}\n${ref.licence}`)).size);
      expect(new Set(regions).size).toBe(new Set(regions.map((list) => list.join('\n'))).size);
      expect(refs.every((ref) => Object.isFrozen(ref)) && regions.every((list) => Object.isFrozen(list))).toBe(true);
      expect(() => regions[0]!.push('US')).toThrow(TypeError);
      // Empty lists are one frozen list; streaming services and start dates one string each.
      const empties = new Set(catalog.records.flatMap((r) => [r.synonyms, r.tags, r.studios, r.producers].filter((list) => list.length === 0)));
      expect(empties.size).toBe(1);
      expect(Object.isFrozen([...empties][0])).toBe(true);
      // Platform ids build their URL when read: none holds one of its own, and each reads the
      // canonical URL of its platform and id.
      const ids = catalog.records.flatMap((r) => [...r.platformIds, ...r.relations.map((relation) => relation.target)]);
      expect(ids.length).toBeGreaterThan(50_000);
      expect(ids.filter((pid) => Object.hasOwn(pid, 'url'))).toEqual([]);
      expect(ids.every((pid) => pid.url === (pid.platform === Platform.OTHER ? pid.id : platformUrl(pid.platform, pid.id)))).toBe(true);
    }
    // The cache file stores no platform-id URL, and only ASCII (its text reads back one byte a
    // character), yet the records read back equal (Japanese titles included).
    const [recordsFile] = (await readdir(join(dir, 'catalog'))).filter((name) => name.startsWith('catalog-records-'));
    const text = await readFile(join(dir, 'catalog', recordsFile!), 'utf8');
    expect(text.includes('https://myanimelist.net/anime/')).toBe(false);
    expect(/[^\x00-\x7f]/.test(text)).toBe(false);
    expect(cached.byId('mal:12189')?.titleJapanese).toBe('氷菓');
    // Searches and lookups answer alike (the index is built from the same records).
    expect(cached.search({ query: 'cowboy bebop', first: 3 }).nodes.map((r) => r.id)).toEqual(derived.search({ query: 'cowboy bebop', first: 3 }).nodes.map((r) => r.id));
    expect(cached.byId('mal:1')?.title).toBe('Cowboy Bebop');
    // Every record by its own id (also an id that names no platform: `bangumi-data:<hash>`), and
    // by every other platform id it holds unless an earlier record holds the same one (MAL 9242
    // is listed by mal:8953 too, yet belongs to mal:9242).
    const first = new Map<string, string>();
    for (const record of cached.records) {
      for (const pid of record.platformIds) if (pid.platform !== Platform.OTHER && !first.has(`${pid.platform} ${pid.id}`)) first.set(`${pid.platform} ${pid.id}`, record.id);
    }
    for (const record of cached.records) {
      const own = splitCanonicalKey(record.id);
      if (own) first.set(`${own.platform} ${own.id}`, record.id);
    }
    expect(first.get('MAL 9242')).toBe('mal:9242');
    expect(cached.records.filter((record) => cached.byId(record.id) !== record).map((r) => r.id)).toEqual([]);
    expect(cached.records.some((record) => record.id.startsWith('bangumi-data:'))).toBe(true);
    const misses = [...first].filter(([key, id]) => cached.byPlatform(key.split(' ')[0] as Platform, key.split(' ')[1]!)?.id !== id);
    expect(misses).toEqual([]);
    expect(cached.byId('MAL:1')?.id).toBe('mal:1');
    expect(cached.byId('mal:999999999')).toBeUndefined();
  }, 120_000);
});

describe('derivedCacheKey', () => {
  it('changes with a data file, the options and a file appearing, and only then', async () => {
    const config = loadConfig({});
    const movies = join(dir, 'movies.json');
    await copyFile(join(config.root, 'data/animestream-catalog-movies.json'), movies);
    const inputs = { files: [config.aodPath, movies, join(dir, 'absent.csv')], options: { bangumi: true, romaji: true } };
    const key = await derivedCacheKey(inputs);
    expect(await derivedCacheKey(inputs)).toBe(key);
    expect(await derivedCacheKey({ ...inputs, options: { bangumi: true, romaji: false } })).not.toBe(key);
    await writeFile(movies, '[]');
    const edited = await derivedCacheKey(inputs);
    expect(edited).not.toBe(key);
    await writeFile(join(dir, 'absent.csv'), 'anime_id,name\n');
    expect(await derivedCacheKey(inputs)).not.toBe(edited);
  });
});

describe('readDerivedRecords', () => {
  it('treats a missing, damaged or foreign file as no cache', async () => {
    const folder = join(dir, 'damaged');
    expect(await readDerivedRecords(folder, 'abc')).toBeNull();
    await writeDerivedRecords(folder, 'abc', { records: [], reports: [] });
    expect(await readDerivedRecords(folder, 'abc')).toEqual({ records: [], reports: [] });
    const problems: string[] = [];
    const read = (key = 'abc') => readDerivedRecords(folder, key, (reason) => problems.push(reason));
    await writeFile(join(folder, 'catalog-records-abc.jsonl'), '{"key":"abc","records":[{"id":');
    expect(await read()).toBeNull();
    // Real records (from the bundled AOD sample), written, then damaged in three ways.
    const records = (await loadCatalog(loadConfig({ CATALOG_CACHE_DIR: 'off', CATALOG_BANGUMI: 'false', CATALOG_MAL: 'false', CATALOG_MOVIES_PATH: 'off', CATALOG_ANIDB_TITLES_PATH: 'off' }))).records;
    expect(records.length).toBeGreaterThan(5);
    await writeDerivedRecords(folder, 'abc', { records: [...records], reports: [] });
    const file = await readFile(join(folder, 'catalog-records-abc.jsonl'), 'utf8');
    expect((await read())?.records).toEqual(records);
    problems.length = 0;
    // Cut short after a whole line: fewer records than the header counts.
    await writeFile(join(folder, 'catalog-records-abc.jsonl'), file.split('\n').slice(0, -1).join('\n'));
    expect(await read()).toBeNull();
    // A provider position no table entry has.
    await writeFile(join(folder, 'catalog-records-abc.jsonl'), file.replace(/"providers":\[\d+\]/, '"providers":[99]'));
    expect(await read()).toBeNull();
    // A file renamed by hand to another key is not read as that key.
    await writeFile(join(folder, 'catalog-records-def.jsonl'), file);
    expect(await read('def')).toBeNull();
    expect(problems).toEqual([`${records.length - 1} records, expected ${records.length} (truncated?)`, 'provider 99 is not in the file\'s table', 'written under another key']);
  });

  it('keeps the newest few keys and removes older ones', async () => {
    const folder = join(dir, 'pruned');
    for (const key of ['k1', 'k2', 'k3', 'k4', 'k5']) {
      await writeDerivedRecords(folder, key, { records: [], reports: [] });
      await new Promise((resolve) => setTimeout(resolve, 15));
    }
    expect((await readdir(folder)).sort()).toEqual(['catalog-records-k2.jsonl', 'catalog-records-k3.jsonl', 'catalog-records-k4.jsonl', 'catalog-records-k5.jsonl']);
  });
});
