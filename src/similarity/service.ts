// The similarity service: "more like this" for a catalog anime, narrative search and search by
// picture. Each answer fuses several ranked lists (lexical BM25 hits, metadata, synopsis and
// picture vectors, MyAnimeList users' co-recommendations) by reciprocal rank fusion and says why
// each result matched.
import type { Catalog } from '../catalog/index.js';
import type { AnimeRecord } from '../domain/index.js';
import type { ImageEmbedder, RecordEmbedder, TextEmbedder } from '../embed/types.js';
import { AppError, ErrorCode, badInput, notFound } from '../errors/index.js';
import type { VectorFilter, VectorStore } from '../vector/types.js';
import { indexCatalogVectors, type CatalogVectorsReport } from './catalog-vectors.js';
import { matchesSimilarityFilter, toVectorFilter, validateSimilarityFilter, type SimilarityFilterInput } from './filter.js';
import { readImageArgument, type ImageLimits } from './image-source.js';
import { LexicalIndex } from './lexical-index.js';
import { reciprocalRankFusion, type FusedHit, type RankedList } from './rank-fusion.js';
import { fansChainReason, fansOfNeighboursReason, fansReason, overlapReasons, similarPictureReason, synopsisReason, visualReason, wordsReason, type MatchReason, type MetadataOverlap } from './reasons.js';
import type { CoRecommendationHit, CoRecommendations } from './co-recommendations.js';
import { contentTerms } from './terms.js';
import { FranchiseMembers } from './franchise.js';

export interface SimilarityResult {
  id: string;
  score: number;
  reasons: MatchReason[];
}

/** What the service computes with; built lazily (word vectors and indexes take seconds to load). */
export interface SimilarityEngines {
  store: VectorStore;
  meta: RecordEmbedder & { explainOverlap(a: AnimeRecord, b: AnimeRecord): MetadataOverlap };
  /** Embeds queries and synopses into one space; null leaves semantic search lexical only. */
  text: TextEmbedder | null;
  /** Embeds pictures; null (or no picture vectors in the store) makes searchByImage unavailable. */
  image: ImageEmbedder | null;
  /** MyAnimeList users' co-recommendation graph; null or absent leaves `similar` content-only. */
  coRecommendations?: CoRecommendations | null;
}

/** Which ranked lists take part (the eval compares them; the API always uses all). */
export interface SignalOptions {
  lexical?: boolean;
  vector?: boolean;
  /** `similar`: the co-recommendation list (the eval's content-only baseline turns it off). */
  collaborative?: boolean;
}

/** A fused `similar` candidate with what the co-recommendation graph said about it. */
export interface SimilarCandidate extends FusedHit {
  fans?: CoRecommendationHit;
}

// Room for a pasted paragraph: people describing a half-remembered anime write several sentences.
export const MAX_TEXT_LENGTH = 2000;
export const MAX_FIRST = 50;
/** Candidates each list contributes before fusion. */
const CANDIDATES = 100;
// Picture likeness says less about "similar anime" than story and metadata: it only nudges.
const IMAGE_WEIGHT = 0.5;
// What many users recommend together is stronger evidence than shared metadata: the fans' list
// counts as much as metadata and synopsis together (chosen on the tuning half, README figures).
const FANS_WEIGHT = 2;
// The full evidence a result can have: metadata + synopsis for `similar` (the picture is a bonus),
// words + synopsis meaning for semantic search.
const SIMILAR_SIGNALS = 2;
const SEARCH_SIGNALS = 2;

interface Ready {
  engines: SimilarityEngines;
  lexical: LexicalIndex;
  vectors: CatalogVectorsReport;
  franchises: FranchiseMembers;
}

export class SimilarityService {
  private ready: Promise<Ready> | null = null;

  constructor(
    private readonly catalog: Catalog,
    private readonly loadEngines: () => Promise<SimilarityEngines>,
    private readonly imageLimits: ImageLimits,
  ) {}

  /** Builds indexes once; callers may start it early (in the background) or let the first query do it. */
  warm(): Promise<Ready> {
    this.ready ??= (async () => {
      try {
        const engines = await this.loadEngines();
        const lexical = new LexicalIndex(this.catalog.records);
        const vectors = await indexCatalogVectors(this.catalog, engines.store, engines.meta, engines.text);
        return { engines, lexical, vectors, franchises: new FranchiseMembers(this.catalog) };
      } catch (error) {
        if (error instanceof AppError) throw error;
        throw new AppError(ErrorCode.SOURCE_UNAVAILABLE, `the similarity index could not be built: ${(error as Error).message}`, { source: 'similarity' });
      }
    })();
    // A failed build must not poison every later query: the next call tries again.
    this.ready.catch(() => (this.ready = null));
    return this.ready;
  }

  async similar(id: string, first: number, filter?: SimilarityFilterInput | null, signals: SignalOptions = {}): Promise<SimilarityResult[]> {
    checkFirst(first);
    const candidates = await this.similarCandidates(id, filter, signals);
    const record = this.catalog.byId(id)!;
    const { engines } = await this.warm();
    return candidates.slice(0, first).map((hit) => {
      const other = this.catalog.byId(hit.id)!;
      const reasons: MatchReason[] = [];
      if (hit.fans) reasons.push(this.fansReasonOf(record.id, hit.fans, engines.coRecommendations));
      reasons.push(...overlapReasons(engines.meta.explainOverlap(record, other)));
      if (hit.ranks.synopsis !== undefined) reasons.push(synopsisReason());
      if (hit.ranks.image !== undefined) reasons.push(similarPictureReason());
      return { id: hit.id, score: hit.score, reasons };
    });
  }

  /**
   * Every fused candidate of `similar`, best first, before `first` cuts the list (the eval ranks
   * the held-out pairs in it, leaving out the pairs the signal was built from).
   */
  async similarCandidates(id: string, filter?: SimilarityFilterInput | null, signals: SignalOptions = {}): Promise<SimilarCandidate[]> {
    validateSimilarityFilter(filter);
    const record = this.catalog.byId(id);
    if (!record) throw notFound(`No anime with id ${JSON.stringify(id)} in the catalog`, { argument: 'id' });
    const { engines, franchises } = await this.warm();
    // Sequels share tags, studio and title words, so they would fill the list, yet `franchise`
    // lists them and "more like this" is asked to discover other works.
    const vf = toVectorFilter(filter, filter?.sameFranchise === true ? [record.id] : franchises.of(record));
    const lists: RankedList[] = [];
    if (signals.vector !== false) {
      const meta = (await engines.store.get('meta', record.id)) ?? (await engines.meta.embedRecord(record));
      if (meta) lists.push({ source: 'meta', ids: await this.vectorIds('meta', meta, vf, engines) });
      const text = engines.store.space.text !== undefined ? await engines.store.get('text', record.id) : null;
      if (text) lists.push({ source: 'synopsis', ids: await this.vectorIds('text', text, vf, engines) });
      const image = engines.store.space.image !== undefined ? await engines.store.get('image', record.id) : null;
      if (image) lists.push({ source: 'image', ids: await this.vectorIds('image', image, vf, engines), weight: IMAGE_WEIGHT });
    }
    const graph = signals.collaborative !== false ? engines.coRecommendations : null;
    const fans = new Map<string, CoRecommendationHit>();
    if (graph) {
      for (const hit of graph.rank(record.id, CANDIDATES, (other) => this.accepts(other, vf))) fans.set(hit.id, hit);
      lists.push({ source: 'fans', ids: [...fans.keys()], weight: FANS_WEIGHT });
    }
    // An anime nobody recommended anything for could still have had fans' picks: the score says how
    // much of the possible evidence was found, whatever the anime.
    const possible = SIMILAR_SIGNALS + (graph ? FANS_WEIGHT : 0);
    return reciprocalRankFusion(lists, possible).map((hit) => {
      const fan = fans.get(hit.id);
      return fan ? { ...hit, fans: fan } : hit;
    });
  }

  async semanticSearch(text: string, first: number, filter?: SimilarityFilterInput | null, signals: SignalOptions = {}): Promise<SimilarityResult[]> {
    checkFirst(first);
    validateSimilarityFilter(filter);
    if (!text.trim() || text.length > MAX_TEXT_LENGTH) throw badInput(`text must be 1–${MAX_TEXT_LENGTH} characters`, { field: 'text' });
    if (contentTerms(text).length === 0) throw badInput('text has no searchable words (only stop words or punctuation)', { field: 'text' });
    const { engines, lexical } = await this.warm();
    const vf = toVectorFilter(filter);
    const lists: RankedList[] = [];
    const words = new Map<string, string[]>();
    if (signals.lexical !== false) {
      const hits = lexical.search(text, CANDIDATES, (id) => this.accepts(id, vf));
      for (const hit of hits) words.set(hit.id, hit.terms);
      lists.push({ source: 'lexical', ids: hits.map((h) => h.id) });
    }
    if (signals.vector !== false && engines.text && engines.store.space.text !== undefined) {
      const query = await embedQuery(engines.text, text);
      if (query) lists.push({ source: 'synopsis', ids: await this.vectorIds('text', query, vf, engines) });
    }
    return reciprocalRankFusion(lists, SEARCH_SIGNALS)
      .slice(0, first)
      .map((hit) => {
        const reasons: MatchReason[] = [];
        if (hit.ranks.synopsis !== undefined) reasons.push(synopsisReason());
        const terms = words.get(hit.id);
        if (terms?.length) reasons.push(wordsReason(terms));
        return { id: hit.id, score: hit.score, reasons };
      });
  }

  async searchByImage(image: string, first: number, filter?: SimilarityFilterInput | null): Promise<SimilarityResult[]> {
    checkFirst(first);
    validateSimilarityFilter(filter);
    const { bytes } = await readImageArgument(image, this.imageLimits);
    const { engines } = await this.warm();
    if (!engines.image || engines.store.space.image === undefined || (await engines.store.count('image')) === 0) {
      throw new AppError(ErrorCode.SOURCE_UNAVAILABLE, 'image search has no picture vectors yet: run `npm run embed:catalog` with the image kind', { source: 'similarity', reason: 'NO_IMAGE_INDEX' });
    }
    const query = await engines.image.embedImage(bytes);
    const hits = (await engines.store.search('image', query, { k: first, filter: toVectorFilter(filter) })).filter((h) => this.catalog.byId(h.id));
    return hits.map((hit) => ({ id: hit.id, score: Math.max(0, hit.score), reasons: [visualReason(hit.score)] }));
  }

  private fansReasonOf(id: string, fans: CoRecommendationHit, graph: CoRecommendations | null | undefined): MatchReason {
    if (fans.count > 0) return fansReason(fans.count);
    const via = graph?.linksBetween(id, fans.id) ?? [];
    return via.length ? fansOfNeighboursReason(via.map((middle) => this.catalog.byId(middle)?.title ?? middle)) : fansChainReason();
  }

  private async vectorIds(kind: 'meta' | 'text' | 'image', query: Float32Array, filter: VectorFilter, engines: SimilarityEngines): Promise<string[]> {
    const hits = await engines.store.search(kind, query, { k: CANDIDATES, filter });
    // A store filled before a catalog update may still hold removed entries: skip them.
    return hits.map((h) => h.id).filter((id) => this.catalog.byId(id) !== undefined);
  }

  private accepts(id: string, filter: VectorFilter): boolean {
    const record = this.catalog.byId(id);
    return record !== undefined && matchesSimilarityFilter(record, filter);
  }
}

/** The query's vector, or null when the embedder knows none of its words (lexical hits still count). */
async function embedQuery(embedder: TextEmbedder, text: string): Promise<Float32Array | null> {
  try {
    const [vector] = await embedder.embedTexts([text]);
    return vector ?? null;
  } catch (error) {
    if (error instanceof AppError && error.code === ErrorCode.BAD_USER_INPUT) return null;
    throw error;
  }
}

function checkFirst(first: number): void {
  if (!Number.isInteger(first) || first < 1 || first > MAX_FIRST) throw badInput(`first must be between 1 and ${MAX_FIRST}`, { field: 'first' });
}
