// Reads the shipped co-recommendation data (data/malmap-anime-data.json: MALmap's crawl of
// MyAnimeList users' recommendation counts; data/README.md) onto catalog ids. Optional: a missing
// or unreadable file turns the collaborative signal off, and the caller logs why.
import { readFile } from 'node:fs/promises';
import type { Catalog } from '../catalog/index.js';
import { Platform } from '../domain/index.js';
import { CoRecommendations, type CoRecommendationEdge } from './co-recommendations.js';
import { malmapGraph } from './recommendation-pairs.js';

/** Relative to the project root. */
export const CO_RECOMMENDATIONS_FILE = 'data/malmap-anime-data.json';

export type CoRecommendationLoad =
  | { graph: CoRecommendations; path: string; read: number; mapped: number; leftOut: number }
  | { graph: null; path: string; problem: string };

export async function loadCoRecommendations(path: string, catalog: Catalog): Promise<CoRecommendationLoad> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    return { graph: null, path, problem: code === 'ENOENT' ? 'file not found' : `unreadable: ${(error as Error).message}` };
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    return { graph: null, path, problem: `not JSON: ${(error as Error).message}` };
  }
  const parsed = malmapGraph.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    return { graph: null, path, problem: `not MALmap's graph format: ${issue ? `${issue.path.join('.')}: ${issue.message}` : 'invalid'}` };
  }
  const edges: CoRecommendationEdge[] = [];
  for (const edge of parsed.data.edges) {
    const a = catalog.byPlatform(Platform.MAL, edge.source);
    const b = catalog.byPlatform(Platform.MAL, edge.target);
    if (a && b && a !== b) edges.push({ a: a.id, b: b.id, count: edge.weight });
  }
  const read = parsed.data.edges.length;
  return { graph: new CoRecommendations(edges), path, read, mapped: edges.length, leftOut: read - edges.length };
}
