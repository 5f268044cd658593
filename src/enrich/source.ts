// What the harvest needs from a source: its published limits (from the subgraph's own source
// description, so the kit enforces the same budget the server uses), how many ids one request
// carries, and a fetch that says, per id, what the source answered.
import { Platform } from '../domain/index.js';
import { AppError, ErrorCode } from '../errors/index.js';
import type { SourceDefinition } from '../http/index.js';
import type { FieldClass, NormalisedAnswer } from './fields.js';
import { isClassFailure } from './fields.js';

export const HARVEST_SOURCES = ['anilist', 'jikan', 'kitsu'] as const;
export type HarvestSourceName = (typeof HARVEST_SOURCES)[number];

/** The platform whose id each source is asked by. */
export const SOURCE_PLATFORM: Record<HarvestSourceName, Platform> = {
  anilist: Platform.ANILIST,
  jikan: Platform.MAL,
  kitsu: Platform.KITSU,
};

export type EntryAnswer =
  | { outcome: 'ok'; fetchedAt: number; answer: NormalisedAnswer }
  | { outcome: 'not_found' }
  /** The answer about this id was unusable (the rest of the request may have been fine). */
  | { outcome: 'error'; code: string; message: string };

export interface HarvestSource {
  readonly name: HarvestSourceName;
  readonly definition: SourceDefinition;
  /** Ids per request (AniList 50; one for the REST sources). */
  readonly batchSize: number;
  /**
   * One request for these ids: an answer per id. Throws (an AppError from the kit) when the
   * request itself failed, which fails every id it carried.
   */
  fetch(ids: readonly string[]): Promise<Map<string, EntryAnswer>>;
}

/**
 * Builds each class on its own, so a class whose fields cannot be read (a shape the mapper did not
 * expect) is recorded as that class's failure and the others are still kept.
 */
export function normaliseClasses(builders: { [K in FieldClass]: () => NormalisedAnswer[K] }): NormalisedAnswer {
  const out = {} as Record<FieldClass, unknown>;
  for (const [fieldClass, build] of Object.entries(builders) as Array<[FieldClass, () => unknown]>) {
    try {
      out[fieldClass] = build();
    } catch (error) {
      out[fieldClass] = { failure: error instanceof Error ? error.message : String(error) };
    }
  }
  return out as NormalisedAnswer;
}

/** The universal status an answer reports (drives daily vs monthly refresh). */
export function answerStatus(answer: NormalisedAnswer): string | null {
  const facts = answer.facts;
  return facts && !isClassFailure(facts) ? facts.status : null;
}

/** Limits divided by `factor` (bench and tests replay the real budgets faster; the CLI never does). */
export function scaledDefinition(definition: SourceDefinition, factor: number): SourceDefinition {
  if (factor === 1) return definition;
  return { ...definition, rateLimits: definition.rateLimits.map((l) => ({ points: l.points, durationMs: Math.max(1, Math.round(l.durationMs / factor)) })) };
}

/**
 * For sources asked one id per request: each id's answer, a 404 recorded as `not_found`; any other
 * failure propagates (the harvest retries the batch on its next run).
 */
export async function fetchEach(
  ids: readonly string[],
  fetchOne: (id: string) => Promise<{ fetchedAt: number; answer: NormalisedAnswer }>,
): Promise<Map<string, EntryAnswer>> {
  const out = new Map<string, EntryAnswer>();
  for (const id of ids) {
    try {
      out.set(id, { outcome: 'ok', ...(await fetchOne(id)) });
    } catch (error) {
      if (error instanceof AppError && error.code === ErrorCode.NOT_FOUND) out.set(id, { outcome: 'not_found' });
      else throw error;
    }
  }
  return out;
}
