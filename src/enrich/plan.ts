// Who is asked about which anime, and whether it is due. Each anime is asked of ONE source: the
// first of AniList → Jikan → Kitsu it has an id for; a source that does not know the id (AniList
// leaves it out of its page, Jikan and Kitsu answer 404) hands the anime on to the next one. A
// source's answer is due again when one of its field classes is older than its refresh age
// (fields.ts), after an error, or — forced — when it predates the run.
import { AnimeStatus, Platform, type AnimeRecord } from '../domain/index.js';
import type { SourceEntryState } from '../store/index.js';
import { FIELD_CLASSES, NOT_FOUND_REFRESH_MS, REFRESH_AGE_MS } from './fields.js';
import { HARVEST_SOURCES, SOURCE_PLATFORM, type HarvestSourceName } from './source.js';

export interface HarvestTarget {
  /** The catalog's canonical id. */
  animeId: string;
  /** The anime's id at each source it is listed on. */
  ids: Partial<Record<HarvestSourceName, string>>;
  /** The catalog's status (a source's own newer word on it wins once the store has one). */
  status: AnimeStatus;
}

export function targetsFromRecords(records: readonly AnimeRecord[]): HarvestTarget[] {
  return records.map((record) => {
    const ids: Partial<Record<HarvestSourceName, string>> = {};
    for (const source of HARVEST_SOURCES) {
      const platform: Platform = SOURCE_PLATFORM[source];
      const id = record.platformIds.find((p) => p.platform === platform)?.id;
      if (id) ids[source] = id;
    }
    return { animeId: record.id, ids, status: record.status };
  });
}

export type Step =
  /** Ask this source now. */
  | { kind: 'fetch'; source: HarvestSourceName; index: number }
  /** This source's answer is still fresh. */
  | { kind: 'fresh'; source: HarvestSourceName }
  /** The anime belongs to a source this run leaves out (`--only`). */
  | { kind: 'other-source'; source: HarvestSourceName }
  /** No source left to ask: no ids at all, or every source with an id does not know it. */
  | { kind: 'none'; askedAny: boolean };

export interface PlanContext {
  states: ReadonlyMap<string, SourceEntryState>;
  enabled: ReadonlySet<HarvestSourceName>;
  now: number;
  /** Forced run: anything attempted before this time is due. */
  forceSince: number | null;
}

export const stateKey = (source: string, sourceId: string): string => `${source}:${sourceId}`;

const AIRING = new Set<string>([AnimeStatus.AIRING, AnimeStatus.UPCOMING]);

export function isDue(state: SourceEntryState | undefined, catalogStatus: AnimeStatus, ctx: Pick<PlanContext, 'now' | 'forceSince'>): boolean {
  if (!state) return true;
  if (ctx.forceSince !== null && state.attemptedAt < ctx.forceSince) return true;
  if (state.outcome === 'error') return true;
  if (state.outcome === 'not_found') return ctx.now - state.attemptedAt >= NOT_FOUND_REFRESH_MS;
  const phase = AIRING.has(state.status ?? catalogStatus) ? 'airing' : 'finished';
  return FIELD_CLASSES.some((fieldClass) => {
    const record = state.classes.get(fieldClass);
    return !record || record.failed || ctx.now - record.fetchedAt >= REFRESH_AGE_MS[fieldClass][phase];
  });
}

/** The next thing to do for a target, looking at sources from `from` (an index in HARVEST_SOURCES) on. */
export function nextStep(target: HarvestTarget, from: number, ctx: PlanContext): Step {
  let askedAny = false;
  for (let index = from; index < HARVEST_SOURCES.length; index += 1) {
    const source = HARVEST_SOURCES[index]!;
    const id = target.ids[source];
    if (!id) continue;
    askedAny = true;
    const state = ctx.states.get(stateKey(source, id));
    // A source that (still) does not know the anime passes it on, whether or not it is ours to ask.
    const knownAbsent = state?.outcome === 'not_found' && !isDue(state, target.status, ctx);
    if (knownAbsent) continue;
    if (!ctx.enabled.has(source)) {
      if (state?.outcome === 'not_found') continue;
      return { kind: 'other-source', source };
    }
    if (isDue(state, target.status, ctx)) return { kind: 'fetch', source, index };
    return { kind: 'fresh', source };
  }
  return { kind: 'none', askedAny };
}
