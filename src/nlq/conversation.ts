// Conversations kept per session id, so follow-ups ("what about the second one?", "more like
// that", "only movies") continue the previous answer.
import type { AnimeSort, Catalog } from '../catalog/index.js';
import type { AnimeFormat, AnimeStatus, Season } from '../domain/index.js';
import { toTitleRef } from './titles.js';
import type { NlqResult, Slots, TitleRef } from './types.js';

export interface ConversationState {
  last: NlqResult;
  /** The previous list answer, in order (for "the second one"). */
  items: TitleRef[];
  /** The anime being talked about (for "it", "more like that"). */
  focus: TitleRef | null;
  at: number;
}

const MAX_SESSIONS = 10_000;
const TTL_MS = 2 * 3600_000;

export class Conversations {
  private readonly states = new Map<string, ConversationState>();

  get(sessionId: string | undefined): ConversationState | null {
    if (!sessionId) return null;
    const state = this.states.get(sessionId);
    if (!state || Date.now() - state.at > TTL_MS) return null;
    return state;
  }

  save(sessionId: string | undefined, state: Omit<ConversationState, 'at'>): void {
    if (!sessionId) return;
    this.states.delete(sessionId);
    this.states.set(sessionId, { ...state, at: Date.now() });
    if (this.states.size > MAX_SESSIONS) this.states.delete(this.states.keys().next().value!);
  }

  /** Replaces the remembered list with what the operation really answered. */
  remember(sessionId: string, items: TitleRef[]): void {
    const state = this.get(sessionId);
    if (state) state.items = items;
  }
}

const ORDINALS: Record<string, number> = { first: 1, second: 2, third: 3, fourth: 4, fifth: 5, sixth: 6, seventh: 7, eighth: 8, ninth: 9, tenth: 10 };
const ORDINAL =
  /\b(?:the )?(first|second|third|fourth|fifth|sixth|seventh|eighth|ninth|tenth|last|(\d{1,2})(?:st|nd|rd|th)|number (\d{1,2})|#(\d{1,2}))(?: (?:one|result|show|anime|entry|title|movie|item|pick|series))?\b(?! \d)/i;

/** "the second one" → the item at that position, and the text without it. */
export function pickOrdinal(text: string, items: TitleRef[]): { picked: TitleRef; ordinal: number; text: string } | null {
  if (!items.length) return null;
  const m = ORDINAL.exec(text);
  if (!m) return null;
  const word = m[1]!.toLowerCase();
  const ordinal = word === 'last' ? items.length : Number(m[2] ?? m[3] ?? m[4] ?? ORDINALS[word]);
  const picked = items[ordinal - 1];
  if (!picked) return null;
  return { picked, ordinal, text: `${text.slice(0, m.index)} ${text.slice(m.index + m[0].length)}`.replace(/\s+/g, ' ').trim() };
}

/** Keys a refinement may change; years move together. */
const REFINABLE = ['genres', 'formats', 'statuses', 'minScore', 'first', 'page', 'region', 'timezone', 'service', 'source', 'season', 'year', 'studios', 'episodesMin', 'episodesMax'] as const;

export function hasRefinement(slots: Slots): boolean {
  return REFINABLE.some((k) => slots[k] !== undefined) || slots.yearFrom !== undefined || slots.yearTo !== undefined;
}

export function mergeRefinement(previous: Slots, next: Slots): Slots {
  const merged: Slots = { ...previous, followUp: true };
  for (const key of REFINABLE) if (next[key] !== undefined) (merged as Record<string, unknown>)[key] = next[key];
  if (next.yearFrom !== undefined || next.yearTo !== undefined) {
    merged.yearFrom = next.yearFrom;
    merged.yearTo = next.yearTo;
  }
  if (next.formats) delete merged.topType;
  return merged;
}

/** The list the operation answers, as far as the catalog alone can tell (upstream lists are remembered later). */
export function listItems(catalog: Catalog, result: NlqResult): TitleRef[] | null {
  const v = result.variables;
  try {
    switch (result.operation) {
      case 'SearchAnime':
        return catalog
          .search({
            query: (v.query as string | undefined) ?? null,
            filter: {
              formats: v.formats as AnimeFormat[] | undefined,
              yearFrom: v.yearFrom as number | undefined,
              yearTo: v.yearTo as number | undefined,
              minScore: v.minScore as number | undefined,
              tagsInclude: v.genres as string[] | undefined,
              statuses: v.statuses as AnimeStatus[] | undefined,
            },
            sort: v.sort as AnimeSort | undefined,
            first: (v.first as number | undefined) ?? 10,
          })
          .nodes.map(toTitleRef);
      case 'BrowseAnime': {
        const filter = (v.filter ?? {}) as Record<string, unknown>;
        return catalog
          .search({ filter, sort: v.sort as AnimeSort | undefined, first: (v.first as number | undefined) ?? 10 })
          .nodes.map(toTitleRef);
      }
      case 'GetSeasonalAnime':
        return catalog
          .seasonal(v.year as number, v.season as Season)
          .slice(0, (v.first as number | undefined) ?? 25)
          .map(toTitleRef);
      case 'GetFranchise': {
        const record = catalog.byId(v.id as string);
        return record ? catalog.franchise(record).map(toTitleRef) : [];
      }
      case 'GetAnimeRecommendations':
      case 'FindSimilarAnime':
      case 'SemanticSearch':
      case 'SearchByImage':
      case 'TopAnime':
      case 'AiringSchedule':
      // The news items' anime, remembered once the feed has answered.
      case 'AnimeNews':
        return [];
      default:
        return null;
    }
  } catch {
    return [];
  }
}
