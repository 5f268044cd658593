// The catalog reads the store at start: a harvest on real recordings, then the real catalog loaded
// with and without the store. Store records fill only what the offline providers left empty and
// add names and tags; ids, entries and display titles never change; search finds an entry by a
// name only the store knows.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomUUID } from 'node:crypto';
import { loadCatalog, type Catalog } from '../../src/catalog/index.js';
import { createApp, type App } from '../../gateway/app.js';
import { applyEnrichment, enrichFromStore } from '../../src/catalog/enrichment.js';
import { AnimeFormat, AnimeStatus, Platform, type AnimeRecord } from '../../src/domain/index.js';
import { createHarvestKit, harvestSources, runHarvest, targetsFromRecords } from '../../src/enrich/index.js';
import { openStore } from '../../src/store/index.js';
import { fitMetadataEmbedder } from '../../src/embed/index.js';
import { SimilarityService } from '../../src/similarity/index.js';
import { indexCatalogVectors } from '../../src/similarity/catalog-vectors.js';
import { ExactVectorStore } from '../../src/vector/index.js';
import { startReplayServer, type ReplayServer } from '../replay/server.js';
import { describeWithPart } from '../support/system-parts.js';
import { dropSchema, findPostgres, freshSchemaName } from '../store/postgres.js';
import { anilistMediaById, replayConfig, routeRecordings } from './recordings.js';

let replay: ReplayServer;
let dir: string;
let storePath: string;
let plain: Catalog;
let enriched: Catalog;
let targets: ReturnType<typeof targetsFromRecords>;
const media = anilistMediaById();
const EMPTY = (v: unknown) => v === null || v === AnimeFormat.UNKNOWN || v === AnimeStatus.UNKNOWN || (Array.isArray(v) && v.length === 0);

beforeAll(async () => {
  replay = await startReplayServer();
  routeRecordings(replay);
  dir = mkdtempSync(join(tmpdir(), 'enrich-merge-'));
  storePath = join(dir, 'store.sqlite');
  const base = replayConfig(replay, { CATALOG_ENRICHMENT: 'false' });
  plain = await loadCatalog(base);
  targets = targetsFromRecords(
    [...[...media.keys()].map((id) => plain.byPlatform(Platform.ANILIST, id)), ...[11757, 5, 5289].map((id) => plain.byPlatform(Platform.ANILIST, id))].filter((r): r is AnimeRecord => r !== undefined),
  );
  const store = await openStore({ sqlitePath: storePath });
  const kit = createHarvestKit(base, { namespace: randomUUID() });
  try {
    const report = await runHarvest({ store: store.enrichment, targets, sources: harvestSources(kit, base, { scale: 200 }) });
    expect(report.status).toBe('finished');
  } finally {
    await kit.close();
    await store.close();
  }
  enriched = await loadCatalog(replayConfig(replay, { CATALOG_ENRICHMENT: 'true', STORE_PATH: storePath }));
}, 180_000);

afterAll(async () => {
  await replay?.close();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

describe('catalog enrichment from the local store', () => {
  it('keeps every entry, id, alias and display title', () => {
    expect(enriched.size).toBe(plain.size);
    expect(enriched.records.map((r) => r.id)).toEqual(plain.records.map((r) => r.id));
    expect(enriched.records.map((r) => r.title)).toEqual(plain.records.map((r) => r.title));
    expect(enriched.records.map((r) => r.platformIds)).toEqual(plain.records.map((r) => r.platformIds));
  });

  it('fills only empty fields, grows names and tags, and credits the source', () => {
    let filledFields = 0;
    const changed = enriched.records.filter((r, i) => JSON.stringify(r) !== JSON.stringify(plain.records[i]));
    expect(changed.length).toBeGreaterThanOrEqual(15);
    for (const after of changed) {
      const before = plain.byId(after.id)!;
      for (const key of Object.keys(before) as Array<keyof AnimeRecord>) {
        if (JSON.stringify(before[key]) === JSON.stringify(after[key])) continue;
        if (key === 'synonyms' || key === 'tags' || key === 'providers') {
          // Only grows: everything that was there stays, in place.
          expect((after[key] as unknown[]).slice(0, (before[key] as unknown[]).length)).toEqual(before[key]);
          continue;
        }
        expect(EMPTY(before[key])).toBe(true);
        filledFields += 1;
      }
      expect(after.providers.some((p) => p.provider.startsWith('store:'))).toBe(true);
    }
    expect(filledFields).toBeGreaterThan(0);
  });

  it('takes the values the sources sent: Cowboy Bebop gets AniList’s synopsis and cover where it had none', () => {
    const raw = media.get(1);
    const before = plain.byPlatform(Platform.ANILIST, 1)!;
    const after = enriched.byPlatform(Platform.ANILIST, 1)!;
    if (before.synopsis === null) expect(after.synopsis!.startsWith('Enter a world in the distant future')).toBe(true);
    if (before.picture === null) expect(after.picture).toBe(raw.coverImage.extraLarge);
    for (const synonym of raw.synonyms) expect(after.synonyms.map((s) => s.toLowerCase())).toContain(synonym.toLowerCase());
  });

  it('search finds an entry by a name only the store knows', () => {
    const newNames = enriched.records.flatMap((after) => {
      const before = plain.byId(after.id)!;
      const known = new Set([before.title, ...before.synonyms].map((s) => s.toLowerCase()));
      return after.synonyms.filter((s) => !known.has(s.toLowerCase()) && /^[\x20-\x7e]{6,}$/.test(s)).map((name) => ({ name, id: after.id }));
    });
    // Names the plain catalog's search does not already lead to (fuzzy matching finds some).
    const unknownBefore = newNames.filter(({ name, id }) => !plain.search({ query: name, first: 5 }).nodes.some((r) => r.id === id));
    expect(unknownBefore.length).toBeGreaterThan(0);
    for (const { name, id } of unknownBefore.slice(0, 10)) expect([name, enriched.search({ query: name, first: 5 }).nodes.map((r) => r.id)]).toEqual([name, expect.arrayContaining([id])]);
  });

  it('ask finds an anime by a name only the store knows', async () => {
    const config = replayConfig(replay, { CATALOG_ENRICHMENT: 'false', SIMILARITY_WARM: 'false' });
    const apps = await Promise.all([createApp({ logger: false, config, catalog: plain }), createApp({ logger: false, config, catalog: enriched })]);
    try {
      // The anime an answer is about: the looked-up one, or the first results of a search.
      const asked = async (app: App, name: string) => {
        const result = await app.execute(`query ($text: String!) { ask(text: $text) { operation result } }`, { text: `tell me about ${name}` });
        const answer = (result.data?.['ask'] as { result?: { anime?: { id: string } | null; search?: { nodes: Array<{ id: string }> } } } | undefined)?.result;
        return [answer?.anime?.id, ...(answer?.search?.nodes.slice(0, 3).map((node) => node.id) ?? [])].filter(Boolean);
      };
      // A name the harvest added whose entry the plain catalog's search does not already find.
      const candidates = enriched.records.flatMap((after) => {
        const before = plain.byId(after.id)!;
        const known = new Set([before.title, ...before.synonyms].map((s) => s.toLowerCase()));
        return after.synonyms.filter((s) => !known.has(s.toLowerCase()) && /^[\x20-\x7e]{6,}$/.test(s) && !plain.search({ query: s, first: 5 }).nodes.some((r) => r.id === after.id)).map((name) => ({ name, id: after.id }));
      });
      // Of those, the first five that `ask` over the plain catalog does not resolve either (its
      // parser reads names search alone misses, e.g. through AniDB's names of the same entry).
      let tried = 0;
      let found = 0;
      for (const { name, id } of candidates) {
        if (tried === 5) break;
        if ((await asked(apps[0], name)).includes(id)) continue;
        tried += 1;
        if ((await asked(apps[1], name)).includes(id)) found += 1;
      }
      expect(tried).toBe(5);
      expect(found).toBeGreaterThan(0);
    } finally {
      await Promise.all(apps.map((app) => app.close()));
    }
  }, 120_000);

  it('similar reads the tags the store added: the neighbours of an entry that had none share its new ones', async () => {
    // Entries with no tags of their own before the harvest and some after it.
    const tagged = enriched.records.filter((after) => plain.byId(after.id)!.tags.length === 0 && after.tags.length >= 3);
    expect(tagged.length).toBeGreaterThan(0);
    // How many of each entry's 10 neighbours share one of its new tags, with one catalog's index.
    const sharing = async (catalog: Catalog) => {
      const meta = fitMetadataEmbedder(catalog.records);
      const store = new ExactVectorStore({ meta: meta.dimension });
      await indexCatalogVectors(catalog, store, meta, null);
      const service = new SimilarityService(catalog, async () => ({ store, meta, text: null, image: null }), { maxBytes: 1, timeoutMs: 1, allowPrivate: false });
      let count = 0;
      for (const record of tagged.slice(0, 3)) {
        const hits = await service.similar(record.id, 10, {}, { collaborative: false });
        count += hits.filter((hit) => catalog.byId(hit.id)!.tags.some((tag) => record.tags.includes(tag))).length;
      }
      return count;
    };
    expect(await sharing(enriched)).toBeGreaterThan(await sharing(plain));
  }, 120_000);

  it('answers from a source the catalog cannot place are counted, not added', async () => {
    const store = await openStore({ sqlitePath: storePath });
    try {
      const rows = await store.enrichment.records();
      const fewer = structuredClone(plain.records.filter((r) => !r.platformIds.some((p) => p.platform === Platform.ANILIST && p.id === '1'))) as AnimeRecord[];
      const report = applyEnrichment(fewer, rows);
      expect(report.unmatched).toBe(1);
      expect(fewer).toHaveLength(plain.size - 1);
    } finally {
      await store.close();
    }
  });
});

// The harvest writes where DATABASE_URL and DATABASE_SCHEMA say; the catalog must read from there.
const postgres = await findPostgres();
describeWithPart('postgres', postgres.problem, 'catalog enrichment from PostgreSQL (test/enrich/catalog-merge.test.ts)')('catalog enrichment from a PostgreSQL schema', () => {
  const schema = freshSchemaName('enrich_merge_test');
  afterAll(async () => {
    await dropSchema(postgres.url!, schema);
  });

  it('reads the records the harvest wrote into DATABASE_SCHEMA', async () => {
    const base = replayConfig(replay, { CATALOG_ENRICHMENT: 'false' });
    const store = await openStore({ databaseUrl: postgres.url!, pgSchema: schema });
    const kit = createHarvestKit(base, { namespace: randomUUID() });
    try {
      expect((await runHarvest({ store: store.enrichment, targets, sources: harvestSources(kit, base, { scale: 200 }) })).status).toBe('finished');
    } finally {
      await kit.close();
      await store.close();
    }
    const records = structuredClone(plain.records) as AnimeRecord[];
    const report = await enrichFromStore(records, { root: base.root, DATABASE_URL: postgres.url!, DATABASE_SCHEMA: schema, CATALOG_ENRICHMENT: true });
    const fromSqlite = applyEnrichment(structuredClone(plain.records) as AnimeRecord[], await readSqliteRows());
    expect(report).not.toBeNull();
    expect(report!.enriched).toBeGreaterThan(0);
    expect(report).toEqual(fromSqlite);
  }, 180_000);
});

async function readSqliteRows() {
  const store = await openStore({ sqlitePath: storePath });
  try {
    return await store.enrichment.records();
  } finally {
    await store.close();
  }
}
