// Real "if you liked A, watch B" pairs from recorded upstream answers (Jikan user
// recommendations, AniList recommendations) and from MALmap's crawl of Jikan's recommendation
// counts, mapped onto catalog ids: the ground truth the quality script measures `similar` against.
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { z } from 'zod';
import type { Catalog } from '../catalog/index.js';
import { Platform } from '../domain/index.js';

export interface RecommendationPair {
  /** Catalog ids: the anime asked about and the one recommended for it. */
  from: string;
  to: string;
  source: string;
  /** How many users recommended the two together (MALmap's weight, Jikan's votes; 1 for one user's recommendation). */
  count: number;
}

export interface PairHarvest {
  pairs: RecommendationPair[];
  /** Pairs read from the recordings before mapping (including those not in the catalog). */
  recorded: number;
  /** Recorded pairs left out because one end is not in the catalog, with the platform ids. */
  missing: string[];
  /** Per recording: pairs read, mapped onto the catalog, and left out. */
  bySource: SourceCount[];
}

export interface SourceCount {
  source: string;
  read: number;
  mapped: number;
  leftOut: number;
}

const malEntry = z.object({ mal_id: z.number() });
const jikanRecent = z.object({ data: z.array(z.object({ entry: z.array(malEntry) })) });
const jikanForAnime = z.object({ data: z.array(z.object({ entry: malEntry, votes: z.number().int().positive().optional() })) });
const anilistMedia = z.object({
  id: z.number(),
  recommendations: z.object({ nodes: z.array(z.object({ mediaRecommendation: z.object({ id: z.number() }).nullable() })) }).nullable().optional(),
});
// MALmap's graph: one undirected edge per pair of MAL anime that users recommended for each other
// at least 3 times (weight = that count), from Jikan's /anime/{id}/recommendations.
export const malmapGraph = z.object({ edges: z.array(z.object({ source: z.number(), target: z.number(), weight: z.number() })) });

/** The recordings read, relative to the fixtures folder (test/fixtures/upstream; PROVENANCE.md there). */
export const RECORDINGS = {
  jikanRecent: 'jikan/recommendations-anime.json',
  jikanForAnime: { path: 'jikan/anime-11757-recommendations.json', malId: 11757 },
  anilistMedia: 'anilist/media-1-cowboy-bebop.json',
  malmap: 'malmap/anime_data.json',
} as const;

export function harvestRecommendationPairs(catalog: Catalog, fixturesDir: string): PairHarvest {
  const raw: Array<{ from: [Platform, number]; to: [Platform, number]; source: string; count: number }> = [];
  const read = (path: string): unknown => JSON.parse(readFileSync(resolve(fixturesDir, path), 'utf8'));

  // GET /recommendations/anime: each entry is a pair a user recommended for each other (both ways).
  for (const item of jikanRecent.parse(read(RECORDINGS.jikanRecent)).data) {
    const [a, b] = item.entry;
    if (!a || !b) continue;
    raw.push({ from: [Platform.MAL, a.mal_id], to: [Platform.MAL, b.mal_id], source: RECORDINGS.jikanRecent, count: 1 });
    raw.push({ from: [Platform.MAL, b.mal_id], to: [Platform.MAL, a.mal_id], source: RECORDINGS.jikanRecent, count: 1 });
  }
  const forAnime = RECORDINGS.jikanForAnime;
  for (const item of jikanForAnime.parse(read(forAnime.path)).data) {
    raw.push({ from: [Platform.MAL, forAnime.malId], to: [Platform.MAL, item.entry.mal_id], source: forAnime.path, count: item.votes ?? 1 });
  }
  const media = anilistMedia.parse(read(RECORDINGS.anilistMedia));
  for (const node of media.recommendations?.nodes ?? []) {
    if (node.mediaRecommendation) raw.push({ from: [Platform.ANILIST, media.id], to: [Platform.ANILIST, node.mediaRecommendation.id], source: RECORDINGS.anilistMedia, count: 1 });
  }
  // A MAL recommendation is listed on both anime's pages, so each edge counts both ways.
  for (const edge of malmapGraph.parse(read(RECORDINGS.malmap)).edges) {
    raw.push({ from: [Platform.MAL, edge.source], to: [Platform.MAL, edge.target], source: RECORDINGS.malmap, count: edge.weight });
    raw.push({ from: [Platform.MAL, edge.target], to: [Platform.MAL, edge.source], source: RECORDINGS.malmap, count: edge.weight });
  }

  const pairs: RecommendationPair[] = [];
  const missing: string[] = [];
  // Every recording is listed, also one that yielded no pair (the AniList one has none).
  const sources = [RECORDINGS.jikanRecent, forAnime.path, RECORDINGS.anilistMedia, RECORDINGS.malmap];
  const counts = new Map<string, SourceCount>(sources.map((source) => [source, { source, read: 0, mapped: 0, leftOut: 0 }]));
  for (const pair of raw) {
    const count = counts.get(pair.source)!;
    count.read++;
    const from = catalog.byPlatform(...pair.from);
    const to = catalog.byPlatform(...pair.to);
    if (from && to && from !== to) {
      pairs.push({ from: from.id, to: to.id, source: pair.source, count: pair.count });
      count.mapped++;
    } else {
      missing.push(`${pair.from.join(':')} → ${pair.to.join(':')}`);
      count.leftOut++;
    }
  }
  return { pairs, recorded: raw.length, missing, bySource: [...counts.values()] };
}
