// Turns the entity representation the gateway sends (the catalog fields plus what each source
// answered, see sdl.ts) into one uniform record per source, so the merges never look at a
// source's own shape. A source whose field came back null (failed, rate-limited, not listed)
// simply has no record; `missing` names the ones the anime is listed on. AniDB, ANN and the
// scraped sites come from the cache only (cached.ts) and are never `missing`.
import { canonicalTag } from '../../src/domain/genres.js';
import type { PageRating } from '../../src/scrape/html.js';
import { NO_CACHED_RECORDS, type CachedRecords } from './cached.js';

export type Pin = 'CATALOG' | 'MAL' | 'ANILIST' | 'KITSU' | 'ANIDB' | 'ANN' | 'ANIME_PLANET' | 'LIVECHART' | 'ANISEARCH';
export type Origin = 'UPSTREAM' | 'CACHE' | 'STALE' | 'OFFLINE';
export type Status = 'AIRING' | 'COMPLETED' | 'UPCOMING' | 'CANCELLED' | 'HIATUS' | 'UNKNOWN';

export interface PlatformScore {
  raw: number;
  scaleMin: number;
  scaleMax: number;
  votes: number | null;
}

export interface StreamingEntry {
  service: string;
  url: string | null;
  regions: string[];
}

/** What one source says, in one shape for every source. */
export interface SourceFacts {
  source: Pin;
  /** When the source produced the answer; null for the offline catalog. */
  fetchedAt: Date | null;
  origin: Origin;
  score: PlatformScore | null;
  synopsis: string | null;
  genres: string[];
  tags: string[];
  episodes: number | null;
  /** null when the source does not know (UNKNOWN). */
  status: Status | null;
  streaming: StreamingEntry[];
}

type Named = { name: string };
interface MalView {
  score?: number | null;
  scoredBy?: number | null;
  synopsis?: string | null;
  episodes?: number | null;
  status?: Status | null;
  genres?: Named[] | null;
  explicitGenres?: Named[] | null;
  themes?: Named[] | null;
  demographics?: Named[] | null;
  streaming?: Array<{ name: string; url: string }> | null;
  fetchedAt?: string | null;
  origin?: Origin | null;
}
interface AnilistView {
  averageScore?: number | null;
  scoreVotes?: number | null;
  description?: string | null;
  episodes?: number | null;
  status?: Status | null;
  genres?: string[] | null;
  tags?: Array<{ name: string; rank?: number | null; isSpoiler?: boolean | null }> | null;
  externalLinks?: Array<{ site: string; url?: string | null; type?: string | null }> | null;
  fetchedAt?: string | null;
  origin?: Origin | null;
}
interface KitsuView {
  averageRating?: number | null;
  ratingFrequencies?: Array<{ count: number }> | null;
  synopsis?: string | null;
  episodeCount?: number | null;
  status?: Status | null;
  genres?: Named[] | null;
  categories?: Array<{ title: string }> | null;
  streamingLinks?: Array<{ streamer?: string | null; url: string; regions?: string[] | null }> | null;
  fetchedAt?: string | null;
  origin?: Origin | null;
}

/** The representation of Anime the gateway sends this subgraph (any part may be absent or null). */
export interface AnimeRepresentation {
  id: string;
  malId?: number | null;
  anilistId?: number | null;
  kitsuId?: number | null;
  anidbId?: number | null;
  annId?: number | null;
  animePlanetId?: string | null;
  livechartId?: number | null;
  anisearchId?: number | null;
  score?: number | null;
  synopsis?: string | null;
  tags?: string[] | null;
  episodes?: number | null;
  status?: Status | null;
  streamingOffers?: StreamingEntry[] | null;
  mal?: MalView | null;
  anilist?: AnilistView | null;
  kitsu?: KitsuView | null;
}

const names = (...lists: Array<Named[] | null | undefined>) => lists.flatMap((l) => (l ?? []).map((n) => n.name));
const known = (status: Status | null | undefined): Status | null => (status && status !== 'UNKNOWN' ? status : null);
const when = (iso: string | null | undefined) => (iso ? new Date(iso) : null);
const text = (s: string | null | undefined) => (s && s.trim() ? s.trim() : null);
/** AniList keeps light HTML in descriptions (`<br>`, `<i>`); a merged text is plain. */
const plain = (html: string | null | undefined) => text(html?.replace(/<br\s*\/?>/gi, '\n').replace(/<[^>]+>/g, ''));
const score = (raw: number | null | undefined, scaleMin: number, scaleMax: number, votes: number | null): PlatformScore | null =>
  raw != null && raw > 0 ? { raw, scaleMin, scaleMax, votes } : null;
const sum = (counts: Array<{ count: number }> | null | undefined) => (counts && counts.length ? counts.reduce((s, c) => s + c.count, 0) : null);

function catalogFacts(a: AnimeRepresentation): SourceFacts {
  return {
    source: 'CATALOG',
    fetchedAt: null,
    origin: 'OFFLINE',
    // The catalog's score is itself an average of the platforms' (no vote count of its own).
    score: score(a.score, 0, 10, null),
    synopsis: text(a.synopsis),
    genres: [],
    // The catalog mixes genres and tags in one lower-case list; merge.ts tells them apart.
    tags: a.tags ?? [],
    episodes: a.episodes ?? null,
    status: known(a.status),
    streaming: a.streamingOffers ?? [],
  };
}

function malFacts(m: MalView): SourceFacts {
  return {
    source: 'MAL',
    fetchedAt: when(m.fetchedAt),
    origin: m.origin ?? 'UPSTREAM',
    score: score(m.score, 1, 10, m.scoredBy ?? null),
    synopsis: text(m.synopsis),
    genres: names(m.genres, m.explicitGenres),
    tags: names(m.themes, m.demographics),
    episodes: m.episodes ?? null,
    status: known(m.status),
    // MAL lists services without regions.
    streaming: (m.streaming ?? []).map((s) => ({ service: s.name, url: s.url, regions: [] })),
  };
}

function anilistFacts(m: AnilistView): SourceFacts {
  return {
    source: 'ANILIST',
    fetchedAt: when(m.fetchedAt),
    origin: m.origin ?? 'UPSTREAM',
    score: score(m.averageScore, 0, 100, m.scoreVotes ?? null),
    synopsis: plain(m.description),
    genres: m.genres ?? [],
    // Spoiler tags stay out of a merged list anyone may read.
    tags: (m.tags ?? []).filter((t) => !t.isSpoiler).map((t) => t.name),
    episodes: m.episodes ?? null,
    status: known(m.status),
    streaming: (m.externalLinks ?? []).filter((l) => l.type === 'STREAMING').map((l) => ({ service: l.site, url: l.url ?? null, regions: [] })),
  };
}

function kitsuFacts(k: KitsuView): SourceFacts {
  return {
    source: 'KITSU',
    fetchedAt: when(k.fetchedAt),
    origin: k.origin ?? 'UPSTREAM',
    score: score(k.averageRating, 0, 100, sum(k.ratingFrequencies)),
    synopsis: text(k.synopsis),
    genres: names(k.genres),
    tags: (k.categories ?? []).map((c) => c.title),
    episodes: k.episodeCount ?? null,
    status: known(k.status),
    streaming: (k.streamingLinks ?? []).flatMap((l) => (l.streamer ? [{ service: l.streamer, url: l.url, regions: l.regions ?? [] }] : [])),
  };
}

type AnidbRecord = NonNullable<CachedRecords['anidb']>;
type AnnRecord = NonNullable<CachedRecords['ann']>;
type PageRecord = { fetchedAt: Date; origin: Origin; rating: PageRating | null; synopsis: string | null; episodes: number | null; tags: string[]; genres: string[] };

/** AniDB tags weighted at least this (0–600) describe the anime; lighter ones are passing mentions. */
const ANIDB_TAG_MIN_WEIGHT = 300;

function anidbFacts(r: AnidbRecord): SourceFacts {
  const rating = r.ratings.permanent ?? r.ratings.temporary;
  return {
    source: 'ANIDB',
    fetchedAt: r.fetchedAt,
    origin: r.origin,
    score: rating ? score(rating.value, 1, 10, rating.votes) : null,
    synopsis: text(r.synopsis),
    // AniDB has no genre list of its own: its tags carry both.
    genres: [],
    tags: r.tags.filter((t) => !t.spoiler && (t.weight ?? 0) >= ANIDB_TAG_MIN_WEIGHT).map((t) => t.name),
    episodes: r.episodeCount,
    status: known(r.status as Status),
    streaming: [],
  };
}

function annFacts(r: AnnRecord): SourceFacts {
  return {
    source: 'ANN',
    fetchedAt: r.fetchedAt,
    origin: r.origin,
    // The bayesian score is the one ANN ranks by (1–10).
    score: r.ratings?.bayesianScore != null ? score(r.ratings.bayesianScore, 1, 10, r.ratings.votes) : null,
    synopsis: text(r.plotSummary),
    // ANN's "science fiction" is everyone else's "Sci-Fi": through the shared vocabulary.
    genres: r.genres.map(canonicalTag),
    tags: r.themes.map(canonicalTag),
    episodes: r.episodeCount,
    status: null,
    streaming: [],
  };
}

/** A scraped page: its schema.org rating on the page's own scale; its status words are not mapped. */
function pageFacts(source: Pin, r: PageRecord): SourceFacts {
  return {
    source,
    fetchedAt: r.fetchedAt,
    origin: r.origin,
    score: r.rating ? score(r.rating.value, r.rating.worst ?? 0, r.rating.best, r.rating.votes) : null,
    synopsis: text(r.synopsis),
    genres: r.genres,
    tags: r.tags,
    episodes: r.episodes,
    status: null,
    streaming: [],
  };
}

export interface Sources {
  facts: SourceFacts[];
  /** Live sources the anime has an id for whose answer did not arrive. */
  missing: Pin[];
}

/**
 * One record per source that answered, the catalog first, then the live sources, then the
 * cache-only ones; plus the listed live sources that did not answer.
 */
export function sourcesOf(a: AnimeRepresentation, cached: CachedRecords = NO_CACHED_RECORDS): Sources {
  const facts: SourceFacts[] = [catalogFacts(a)];
  const missing: Pin[] = [];
  const live: Array<[Pin, number | null | undefined, unknown, (v: never) => SourceFacts]> = [
    ['MAL', a.malId, a.mal, malFacts],
    ['ANILIST', a.anilistId, a.anilist, anilistFacts],
    ['KITSU', a.kitsuId, a.kitsu, kitsuFacts],
  ];
  for (const [pin, id, view, toFacts] of live) {
    if (view) facts.push(toFacts(view as never));
    else if (id != null) missing.push(pin);
  }
  if (cached.anidb) facts.push(anidbFacts(cached.anidb));
  if (cached.ann) facts.push(annFacts(cached.ann));
  if (cached.animePlanet) facts.push(pageFacts('ANIME_PLANET', { ...cached.animePlanet, genres: [] }));
  if (cached.livechart) facts.push(pageFacts('LIVECHART', cached.livechart));
  if (cached.anisearch) facts.push(pageFacts('ANISEARCH', { ...cached.anisearch, tags: cached.anisearch.tags.map((t) => t.name) }));
  return { facts, missing };
}
