// The model-free metadata embedder on the real catalog (AOD sample, films catalog, bangumi-data):
// shape, determinism, neighbours that share real genres, and vectors for records without tags.
import { loadCatalog, type Catalog } from '../../src/catalog/index.js';
import { loadConfig } from '../../src/config/index.js';
import { AnimeFormat, type AnimeRecord } from '../../src/domain/index.js';
import { explainOverlap, fitMetadataEmbedder, type MetadataEmbedder } from '../../src/embed/meta.js';
import { dot } from '../../src/embed/projection.js';

let catalog: Catalog;
let embedder: MetadataEmbedder;
let vectors: Map<string, Float32Array | null>;

beforeAll(async () => {
  catalog = await loadCatalog(loadConfig({}));
  embedder = fitMetadataEmbedder(catalog.records);
  vectors = new Map(catalog.records.map((r) => [r.id, embedder.embedRecord(r) as Float32Array | null]));
});

function record(id: string): AnimeRecord {
  const found = catalog.records.find((r) => r.id === id);
  if (!found) throw new Error(`${id} is not in the catalog`);
  return found;
}

function nearest(id: string, k: number): AnimeRecord[] {
  const query = vectors.get(id)!;
  return catalog.records
    .filter((r) => r.id !== id && vectors.get(r.id))
    .map((r) => ({ r, score: dot(query, vectors.get(r.id)!) }))
    .sort((a, b) => b.score - a.score)
    .slice(0, k)
    .map((x) => x.r);
}

describe('fitMetadataEmbedder on the real catalog', () => {
  it('gives every record a normalised 128-dimensional vector', () => {
    expect(embedder.kind).toBe('meta');
    expect(embedder.dimension).toBe(128);
    const all = [...vectors.values()];
    expect(all.filter((v) => v === null)).toHaveLength(0);
    for (const v of all.slice(0, 500)) {
      expect(v).toHaveLength(128);
      expect(Math.abs(dot(v!, v!) - 1)).toBeLessThan(1e-5);
    }
  });

  it('is deterministic: a second fit on the same records gives the same vectors', () => {
    const again = fitMetadataEmbedder(catalog.records);
    expect(again.id).toBe(embedder.id);
    for (const r of catalog.records.slice(0, 300)) expect(again.embedRecord(r)).toEqual(vectors.get(r.id));
  });

  it('places films with genres next to films sharing those genres (Spirited Away)', () => {
    const spirited = record('mal:199');
    expect(spirited.tags.length).toBeGreaterThan(0);
    const near = nearest('mal:199', 10);
    for (const other of near) {
      const overlap = explainOverlap(spirited, other);
      expect(overlap.tags.length).toBeGreaterThanOrEqual(2);
    }
  });

  it('embeds records without tags from format, era and title (Bocchi the Rock! from bangumi-data)', () => {
    // Newer than the MAL 2016 list, so no source gives it a genre.
    const bocchi = record('mal:47917');
    expect(bocchi.tags).toHaveLength(0);
    expect(bocchi.year).toBe(2022);
    const near = nearest('mal:47917', 10);
    // Same kind of show from the same years, without any genre to go on.
    for (const other of near) {
      expect(other.format).toBe(AnimeFormat.TV);
      expect(Math.abs((other.year ?? 0) - 2022)).toBeLessThanOrEqual(5);
    }
  });

  it('returns null when a record has nothing to compare by', () => {
    const bare: AnimeRecord = { ...record('mal:1'), title: 'The', titleEnglish: null, titleRomaji: null, format: AnimeFormat.UNKNOWN, year: null, episodes: null, tags: [], studios: [] };
    expect(embedder.embedRecord(bare)).toBeNull();
  });

  it('explains an overlap by shared tags, era and format', () => {
    const spirited = record('mal:199');
    const overlap = explainOverlap(spirited, nearest('mal:199', 1)[0]!);
    expect(overlap.tags.every((t) => spirited.tags.map((x) => x.toLowerCase()).includes(t) || t === 'science fiction' || t === 'sports' || t === 'historical')).toBe(true);
    const self = explainOverlap(spirited, spirited);
    expect(self.era).toBe('2000–2004');
    expect(self.format).toBe(spirited.format);
  });
});
