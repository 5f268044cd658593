// MyAnimeList users' co-recommendations in `similar`, on real data: MALmap's crawl of MAL users'
// recommendation counts (data/malmap-anime-data.json, test/fixtures/upstream/malmap), split by
// unordered pair into the signal half and the held-out half the eval scores.
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { Catalog } from '../src/catalog/index.js';
import { loadCatalog } from '../src/catalog/index.js';
import { loadConfig, type Config } from '../src/config/index.js';
import { AnimeFormat, Platform } from '../src/domain/index.js';
import { isHeldOut } from '../src/eval/split.js';
import { CO_RECOMMENDATIONS_FILE, loadCoRecommendations } from '../src/similarity/co-recommendation-data.js';
import { CoRecommendations } from '../src/similarity/co-recommendations.js';
import { loadEngines } from '../src/similarity/engines.js';
import { evaluateSimilar } from '../src/similarity/evaluate.js';
import { SimilarityService, type SimilarityEngines } from '../src/similarity/service.js';
import { edgesOf, pairKey, splitPairs } from '../src/similarity/pair-split.js';
import { harvestRecommendationPairs, type RecommendationPair } from '../src/similarity/recommendation-pairs.js';

let config: Config;
let catalog: Catalog;
let pairs: RecommendationPair[];
let engines: SimilarityEngines;
let dir: string;

beforeAll(async () => {
  config = loadConfig();
  catalog = await loadCatalog(config);
  pairs = harvestRecommendationPairs(catalog, 'test/fixtures/upstream').pairs;
  engines = await loadEngines(catalog, config, { store: 'exact', coRecommendations: null });
  dir = await mkdtemp(join(tmpdir(), 'co-recommendations-'));
}, 180_000);

afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

const serviceWith = (graph: CoRecommendations | null) => new SimilarityService(catalog, async () => ({ ...engines, coRecommendations: graph }), { maxBytes: 1, timeoutMs: 1, allowPrivate: false });

describe('the split of the recommendation pairs', () => {
  it('puts both directions of a pair in the same half, and about half the pairs in each', () => {
    const { signal, heldOut } = splitPairs(pairs);
    expect(signal.length + heldOut.length).toBe(pairs.length);
    expect(heldOut.length / pairs.length).toBeGreaterThan(0.45);
    expect(heldOut.length / pairs.length).toBeLessThan(0.55);
    const signalKeys = new Set(signal.map((p) => pairKey(p.from, p.to)));
    for (const pair of heldOut) {
      expect(signalKeys.has(pairKey(pair.from, pair.to))).toBe(false);
      expect(isHeldOut(pairKey(pair.from, pair.to))).toBe(true);
    }
    // The signal graph never links a held-out pair: no leak through the reverse direction.
    const graph = new CoRecommendations(edgesOf(signal));
    expect(heldOut.filter((p) => graph.neighboursOf(p.from).has(p.to))).toEqual([]);
    expect(splitPairs(pairs).heldOut).toEqual(heldOut);
  });
});

describe('the co-recommendation signal in similar', () => {
  // Cowboy Bebop → Space Dandy: 40 MAL users recommended one for the other. That pair is in the
  // held-out half, yet the signal half links both to Samurai Champloo (among others).
  const BEBOP = 'mal:1';
  const SPACE_DANDY = 'mal:20057';

  it('ranks a held-out partner of Cowboy Bebop in the top 10 through the neighbours they share', async () => {
    const { signal, heldOut } = splitPairs(pairs);
    expect(heldOut).toContainEqual(expect.objectContaining({ from: BEBOP, to: SPACE_DANDY, count: 40 }));
    const graph = new CoRecommendations(edgesOf(signal));
    expect(graph.neighboursOf(BEBOP).has(SPACE_DANDY)).toBe(false);
    const samuraiChamploo = catalog.byPlatform(Platform.MAL, 205)!;
    expect(graph.neighboursOf(BEBOP).has(samuraiChamploo.id) && graph.neighboursOf(SPACE_DANDY).has(samuraiChamploo.id)).toBe(true);

    const service = serviceWith(graph);
    const withFans = await service.similar(BEBOP, 10);
    const dandy = withFans.find((r) => r.id === SPACE_DANDY);
    expect(dandy).toBeDefined();
    const fans = dandy!.reasons.find((r) => r.kind === 'RECOMMENDED_BY_FANS');
    expect(fans?.values).toContain(samuraiChamploo.title);
    expect(fans?.detail).toMatch(/^MyAnimeList users recommend it together with .*Samurai Champloo.*, which they recommend for this one$/);
    // Content alone (genres, era, format, words) does not find it: the signal does.
    const contentOnly = await service.similar(BEBOP, 10, null, { collaborative: false });
    expect(contentOnly.map((r) => r.id)).not.toContain(SPACE_DANDY);
    for (const result of contentOnly) expect(result.reasons.map((r) => r.kind)).not.toContain('RECOMMENDED_BY_FANS');
  });

  it('never lists the anime itself, its franchise or what the filter leaves out', async () => {
    const service = serviceWith(new CoRecommendations(edgesOf(pairs)));
    const naruto = catalog.byId('mal:20')!;
    const results = await service.similar(naruto.id, 50, { formats: [AnimeFormat.TV] });
    expect(results.length).toBe(50);
    expect(results.map((r) => r.id)).not.toContain(naruto.id);
    // Boruto (a catalog relation of Naruto) is recommended with it by MAL users, yet left out.
    expect(results.map((r) => r.id)).not.toContain('mal:34566');
    for (const r of results) expect(catalog.byId(r.id)!.format).toBe(AnimeFormat.TV);
    const kept = await service.similar(naruto.id, 50, { sameFranchise: true });
    expect(kept.map((r) => r.id)).toContain('mal:34566');
  });

  it('scores the held-out pairs with the known ones filtered out of the list (eval bookkeeping)', async () => {
    const { signal, heldOut } = splitPairs(pairs);
    const graph = new CoRecommendations(edgesOf(signal));
    const service = serviceWith(graph);
    const bebop = heldOut.filter((p) => p.from === BEBOP);
    const known = (from: string) => new Set(graph.neighboursOf(from).keys());
    const served = await evaluateSimilar(service, bebop);
    const filtered = await evaluateSimilar(service, bebop, {}, null, known);
    expect(filtered.total).toBe(bebop.length);
    // Taking the signal's own pairs out of the list can only move held-out partners up.
    bebop.forEach((_, i) => {
      if (served.ranks[i] !== null) expect(filtered.ranks[i]).not.toBeNull();
      if (served.ranks[i] && filtered.ranks[i]) expect(filtered.ranks[i]!).toBeLessThanOrEqual(served.ranks[i]!);
    });
    expect(filtered.hitAt10).toBeGreaterThanOrEqual(served.hitAt10);
  });
});

describe('the shipped co-recommendation data', () => {
  it('loads every MALmap pair onto the catalog, and `similar` lists the most recommended anime with its count', async () => {
    const loaded = await loadCoRecommendations(resolve(config.root, CO_RECOMMENDATIONS_FILE), catalog);
    if (!loaded.graph) throw new Error(`expected the shipped file to load: ${loaded.problem}`);
    expect(loaded.read).toBe(7578);
    expect(loaded.mapped + loaded.leftOut).toBe(7578);
    expect(loaded.mapped).toBeGreaterThan(7400);
    // Your Name and Weathering with You: 68 MAL users recommended one for the other.
    expect(loaded.graph.neighboursOf('mal:32281').get('mal:38826')).toBe(68);
    const results = await serviceWith(loaded.graph).similar('mal:32281', 10);
    const weathering = results.find((r) => r.id === 'mal:38826');
    expect(weathering).toBeDefined();
    expect(weathering!.reasons[0]).toEqual({ kind: 'RECOMMENDED_BY_FANS', detail: 'recommended together by MyAnimeList users (68)', values: [] });
  });

  it('turns the signal off, with the reason, when the file is missing, garbled or not MALmap data', async () => {
    const missing = await loadCoRecommendations(join(dir, 'absent.json'), catalog);
    expect(missing).toEqual({ graph: null, path: join(dir, 'absent.json'), problem: 'file not found' });

    const real = await readFile(resolve(config.root, CO_RECOMMENDATIONS_FILE), 'utf8');
    const truncated = join(dir, 'truncated.json');
    await writeFile(truncated, real.slice(0, real.length / 2));
    const garbled = await loadCoRecommendations(truncated, catalog);
    expect(garbled.graph).toBeNull();
    expect(garbled.graph === null && garbled.problem).toMatch(/^not JSON: /);

    // Real JSON of another kind: a Jikan answer has no `edges`.
    const other = await loadCoRecommendations(resolve('test/fixtures/upstream/jikan/anime-1-full.json'), catalog);
    expect(other.graph === null && other.problem).toMatch(/^not MALmap's graph format: edges: /);

    const folder = await loadCoRecommendations(dir, catalog);
    expect(folder.graph === null && folder.problem).toMatch(/^unreadable: /);
  });

  it('lets `similar` answer by content alone without the signal', async () => {
    const results = await serviceWith(null).similar('mal:32281', 10);
    expect(results).toHaveLength(10);
    for (const r of results) expect(r.reasons.map((reason) => reason.kind)).not.toContain('RECOMMENDED_BY_FANS');
  });
});
