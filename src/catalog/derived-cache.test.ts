// The derived-data cache on the real bundled data: a start with a warm cache gives the same catalog
// as deriving it, and any change of input makes a new key instead of a stale read.
import { copyFile, mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadConfig } from '../config/index.js';
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
    // The merged records, and the title index built over them (title-index-cache.ts).
    expect((await readdir(join(dir, 'catalog'))).sort()).toEqual([
      expect.stringMatching(/^catalog-records-[0-9a-f]{32}\.json$/),
      expect.stringMatching(/^title-index-[0-9a-f]{32}\.bin$/),
    ]);

    lines.length = 0;
    const cached = await loadCatalog(config, log);
    expect(lines.find((l) => l.msg === 'catalog ready')?.obj['cached']).toBe(true);
    expect(cached.size).toBe(derived.size);
    expect(cached.records).toEqual(derived.records);
    expect(cached.reports).toEqual(derived.reports);
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
    }
    // Searches and lookups answer alike (the index is built from the same records).
    expect(cached.search({ query: 'cowboy bebop', first: 3 }).nodes.map((r) => r.id)).toEqual(derived.search({ query: 'cowboy bebop', first: 3 }).nodes.map((r) => r.id));
    expect(cached.byId('mal:1')?.title).toBe('Cowboy Bebop');
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
    await writeFile(join(folder, 'catalog-records-abc.json'), '{"key":"abc","records":[{"id":');
    expect(await readDerivedRecords(folder, 'abc')).toBeNull();
    // A file renamed by hand to another key is not read as that key.
    await writeFile(join(folder, 'catalog-records-def.json'), JSON.stringify({ key: 'abc', records: [], reports: [] }));
    expect(await readDerivedRecords(folder, 'def')).toBeNull();
  });

  it('keeps the newest few keys and removes older ones', async () => {
    const folder = join(dir, 'pruned');
    for (const key of ['k1', 'k2', 'k3', 'k4', 'k5']) {
      await writeDerivedRecords(folder, key, { records: [], reports: [] });
      await new Promise((resolve) => setTimeout(resolve, 15));
    }
    expect((await readdir(folder)).sort()).toEqual(['catalog-records-k2.json', 'catalog-records-k3.json', 'catalog-records-k4.json', 'catalog-records-k5.json']);
  });
});
