// From intent and slots to the persisted operation, its variables, an explanation in words and
// follow-up suggestions.
import { AnimeFormat, Platform } from '../domain/index.js';
import type { IdSlot } from './slots.js';
import type { Intent, NlqContext, NlqResult, OperationName, Slots } from './types.js';

const TOP_TYPES = new Set<string>([AnimeFormat.TV, AnimeFormat.MOVIE, AnimeFormat.OVA, AnimeFormat.SPECIAL, AnimeFormat.ONA, AnimeFormat.MUSIC]);
const ENHANCING = new Set<string>([Platform.MAL, Platform.ANILIST]);

const compact = (o: Record<string, unknown>) => Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined && v !== null));

function searchVariables(slots: Slots): Record<string, unknown> {
  return compact({
    query: (slots.query as string | undefined) ?? (slots.titleText && slots.id ? slots.titleText : undefined),
    genres: slots.genres,
    yearFrom: slots.yearFrom,
    yearTo: slots.yearTo,
    minScore: slots.minScore,
    formats: slots.formats,
    statuses: slots.statuses,
    sort: slots.sort,
    first: slots.first,
    enhance: slots.source && ENHANCING.has(slots.source) ? true : undefined,
  });
}

/** The similarity operations' filter (no tags there: genres stay in the description). */
function similarityFilter(slots: Slots): Record<string, unknown> | undefined {
  const filter = compact({ formats: slots.formats, statuses: slots.statuses, yearFrom: slots.yearFrom, yearTo: slots.yearTo });
  return Object.keys(filter).length ? filter : undefined;
}

/** The similarity operations answer 1–50 results. */
const listSize = (slots: Slots) => (slots.first != null ? Math.min(Math.max(slots.first, 1), 50) : undefined);

/** Picks the operation for an intent and fills its variables from the slots. */
export function buildResult(intent: Intent, input: Slots, ctx: NlqContext, explicitId: IdSlot | null): NlqResult {
  const slots: Slots = compact(input);
  const zone = slots.regionZone as string | undefined;
  delete slots.regionZone;
  let operation: OperationName;
  let variables: Record<string, unknown>;
  const missing: string[] = [];
  const byId = () => (slots.id ? { id: slots.id } : (missing.push('anime'), {}));
  switch (intent) {
    case 'details':
      operation = 'GetAnimeById';
      variables = explicitId ? { [explicitId.variable]: explicitId.value } : byId();
      if (explicitId) slots[explicitId.variable] = explicitId.value;
      if (slots.source && ENHANCING.has(slots.source)) variables.enhance = true;
      break;
    case 'recommendations':
      operation = 'GetAnimeRecommendations';
      // MAL recommendations: by MAL id when the catalog knows it, else by the canonical id.
      variables = slots.malId != null ? { malId: slots.malId } : byId();
      break;
    case 'streaming':
      operation = 'GetStreamingInfo';
      slots.region ??= ctx.region;
      variables = compact({ ...byId(), region: slots.region });
      break;
    case 'compare_ratings':
      operation = 'CompareRatings';
      variables = byId();
      break;
    case 'franchise':
      operation = 'GetFranchise';
      variables = byId();
      break;
    case 'schedule':
      operation = 'AiringSchedule';
      slots.timezone ??= zone ?? ctx.timezone ?? 'UTC';
      variables = compact({ timezone: slots.timezone, ...(slots.week ? { weekly: true, week: slots.week } : {}) });
      break;
    case 'seasonal':
      operation = 'GetSeasonalAnime';
      variables = compact({ year: slots.year, season: slots.season, first: slots.first });
      break;
    case 'top':
      if (slots.genres?.length || slots.yearFrom != null || slots.yearTo != null || (slots.formats?.length ?? 0) > 1) {
        operation = 'SearchAnime';
        slots.sort = 'SCORE';
        variables = searchVariables(slots);
      } else {
        operation = 'TopAnime';
        const type = slots.formats?.[0];
        if (type && TOP_TYPES.has(type)) slots.topType = type;
        variables = compact({ type: slots.topType, filter: slots.topFilter, page: slots.page, limit: slots.first != null ? Math.min(slots.first, 25) : undefined });
      }
      break;
    case 'semantic':
      operation = 'SemanticSearch';
      variables = compact({ text: slots.description, filter: similarityFilter(slots), first: listSize(slots) });
      break;
    case 'similar':
      operation = 'FindSimilarAnime';
      variables = compact({ ...byId(), filter: similarityFilter(slots), first: listSize(slots) });
      break;
    case 'image':
      operation = 'SearchByImage';
      variables = compact({ image: slots.image, first: listSize(slots) });
      break;
    default:
      operation = 'SearchAnime';
      variables = searchVariables(slots);
  }
  return { intent, operation, variables, slots, explanation: explain(intent, operation, slots, missing), suggestions: suggest(intent, missing), via: 'parser' };
}

const INTENT_WORDS: Record<Intent, string> = {
  search: 'a search',
  details: 'details of one anime',
  recommendations: 'recommendations',
  seasonal: 'the anime of a season',
  streaming: 'where to stream',
  compare_ratings: 'ratings compared across platforms',
  schedule: "the airing schedule",
  franchise: 'a watch order',
  top: 'a top list',
  semantic: 'a description to match (semantic search)',
  similar: 'anime similar in content',
  image: 'the anime behind a picture',
};

function explain(intent: Intent, operation: OperationName, s: Slots, missing: string[]): string {
  const parts = [`Understood ${INTENT_WORDS[intent]} (${operation})`];
  if (s.title) parts.push(`for “${s.title}” (${s.id}${s.malId != null ? `, MAL ${s.malId}` : ''})`);
  if (s.genres?.length) parts.push(`genres ${s.genres.join(', ')}`);
  if (s.formats?.length) parts.push(`formats ${s.formats.join(', ')}`);
  if (s.season) parts.push(`season ${s.season} ${s.year}`);
  if (s.yearFrom != null || s.yearTo != null) parts.push(s.yearFrom === s.yearTo ? `year ${s.yearFrom}` : `years ${s.yearFrom ?? '…'}–${s.yearTo ?? '…'}`);
  if (s.minScore != null) parts.push(`score at least ${s.minScore}`);
  if (s.first != null) parts.push(`${s.first} results`);
  if (s.region) parts.push(`region ${s.region}`);
  if (s.service) parts.push(`service ${s.service}`);
  if (s.source) parts.push(`source ${s.source}`);
  if (s.timezone) parts.push(`time zone ${s.timezone}`);
  if (s.week) parts.push(`week ${s.week}`);
  if (s.topType || s.topFilter) parts.push(`top ${[s.topType, s.topFilter].filter(Boolean).join(' ')}`);
  if (s.statuses?.length) parts.push(`status ${s.statuses.join(', ')}`);
  if (s.sort) parts.push(`sorted by ${s.sort}`);
  if (s.ordinal) parts.push(`result #${s.ordinal} of the previous answer`);
  if (s.followUp) parts.push('continuing the conversation');
  let text = parts.join('; ') + '.';
  if (missing.length) text += ` Missing: ${missing.join(', ')} — name it to get an answer.`;
  return text;
}

function suggest(intent: Intent, missing: string[]): string[] {
  if (missing.length) return ['Name the anime, e.g. “shows like Death Note” or “watch order of Monogatari”.'];
  switch (intent) {
    case 'search':
    case 'semantic':
    case 'seasonal':
    case 'top':
      return ['what about the second one?', 'only movies', 'more like the first one'];
    case 'details':
      return ['more like that', 'where can I watch it in the US?', 'compare its ratings across platforms'];
    case 'recommendations':
      return ['tell me about the first one', 'only movies'];
    case 'similar':
      return ['tell me about the first one', 'only movies', 'what do fans recommend instead?'];
    case 'image':
      return ['tell me about the first one', 'where can I watch it?'];
    case 'schedule':
      return ['what airs next week?', 'airing today in JST'];
    default:
      return ['more like that', 'tell me about it'];
  }
}
