// From intent and slots to the persisted operation, its variables, an explanation in words and
// follow-up suggestions.
import { AnimeFormat, Platform } from '../domain/index.js';
import type { IdSlot } from './slots.js';
import { COMPARE_FLAG, isPinnable, platformName, RATING_SCALE, READ_NOW_FLAG, unavailableNotice } from './sources.js';
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

/** The catalog filter in full (BrowseAnime), for what SearchAnime cannot ask: studios, episodes. */
function catalogFilter(slots: Slots): Record<string, unknown> {
  return compact({
    tagsInclude: slots.genres,
    yearFrom: slots.yearFrom,
    yearTo: slots.yearTo,
    minScore: slots.minScore,
    formats: slots.formats,
    statuses: slots.statuses,
    studios: slots.studios,
    episodesMin: slots.episodesMin,
    episodesMax: slots.episodesMax,
  });
}

const browses = (s: Slots) => !!s.studios?.length || s.episodesMin != null || s.episodesMax != null;

/** The sources the merged fields read from the cache only, and an operation reads now on a `with…` flag. */
const CACHED_PLATFORMS = [Platform.ANIDB, Platform.ANN, Platform.ANIME_PLANET, Platform.LIVECHART, Platform.ANISEARCH];

/** Where each operation's answer comes from, for saying so when the platform asked is not among them. */
const SOURCES_OF: Record<OperationName, { platforms: Platform[]; words: string }> = {
  SearchAnime: { platforms: [], words: 'from the offline catalog' },
  BrowseAnime: { platforms: [], words: 'from the offline catalog' },
  GetAnimeById: { platforms: [], words: 'from the offline catalog' },
  GetSeasonalAnime: { platforms: [], words: 'from the offline catalog' },
  GetFranchise: { platforms: [], words: "from the offline catalog's relations" },
  FindSimilarAnime: { platforms: [], words: 'computed from the offline catalog' },
  SemanticSearch: { platforms: [], words: 'computed from the offline catalog' },
  SearchByImage: { platforms: [], words: "computed from the catalog's pictures" },
  GetAnimeRecommendations: { platforms: [Platform.MAL], words: "MyAnimeList users' recommendations" },
  TopAnime: { platforms: [Platform.MAL], words: "MyAnimeList's top list" },
  CompareRatings: { platforms: [Platform.MAL, Platform.ANILIST, Platform.KITSU, ...CACHED_PLATFORMS], words: 'the ratings of MyAnimeList, AniList, Kitsu and the catalog' },
  GetStreamingInfo: { platforms: [Platform.MAL, Platform.ANILIST, Platform.KITSU], words: 'the streaming links of the catalog, MyAnimeList, AniList and Kitsu' },
  GetAnimeFromSource: { platforms: [Platform.MAL, Platform.ANILIST, Platform.KITSU, ...CACHED_PLATFORMS], words: 'the pinned source' },
  GetAnimeFromAnidb: { platforms: [Platform.ANIDB], words: "AniDB's record" },
  GetAnimeFromAnn: { platforms: [Platform.ANN], words: "Anime News Network's encyclopedia" },
  GetAnimeCharacters: { platforms: [Platform.MAL], words: "MyAnimeList's character list" },
  GetAnimeStaff: { platforms: [Platform.MAL], words: "MyAnimeList's staff list" },
  GetAnimeEpisodes: { platforms: [Platform.MAL], words: "MyAnimeList's episode list" },
  GetAnimeReviews: { platforms: [Platform.MAL], words: "MyAnimeList users' reviews" },
  AnimeNews: { platforms: [Platform.ANN], words: "Anime News Network's news feed" },
  LivechartSeason: { platforms: [Platform.LIVECHART], words: "LiveChart's season chart" },
  AiringSchedule: { platforms: [], words: "AnimeSchedule's timetable" },
  NextEpisode: { platforms: [Platform.ANILIST], words: "AnimeSchedule's and AniList's next episode" },
};

/** A platform named that the operation does not read: the answer says where it comes from instead. */
function sourceNotice(operation: OperationName, variables: Record<string, unknown>, slots: Slots): string | null {
  if (slots.unavailableSource) return unavailableNotice(slots.unavailableSource, SOURCES_OF[operation].words);
  const source = slots.source;
  if (!source || !isPinnable(source)) return null;
  const { platforms, words } = SOURCES_OF[operation];
  if (platforms.includes(source) || (variables.enhance === true && (source === Platform.MAL || source === Platform.ANILIST))) return null;
  return `${platformName(source)} is not what this operation reads: the answer is ${words}.`;
}

/**
 * The sources CompareRatings reads now: those named ("… including AniDB and ANN"), or all of them
 * when every platform is asked for. Otherwise they join with what is cached, which costs no call.
 */
function compareFlags(slots: Slots): Record<string, boolean> {
  const platforms = slots.everyPlatform ? CACHED_PLATFORMS : [...(slots.platforms ?? []), ...(slots.source ? [slots.source] : [])];
  return Object.fromEntries(platforms.flatMap((p) => (COMPARE_FLAG[p] ? [[COMPARE_FLAG[p]!, true]] : [])));
}

/** The similarity operations' filter (no tags there: genres stay in the description). */
function similarityFilter(slots: Slots): Record<string, unknown> | undefined {
  const filter = compact({ formats: slots.formats, statuses: slots.statuses, yearFrom: slots.yearFrom, yearTo: slots.yearTo });
  return Object.keys(filter).length ? filter : undefined;
}

/** The similarity operations answer 1–50 results. */
const listSize = (slots: Slots) => (slots.first != null ? Math.min(Math.max(slots.first, 1), 50) : undefined);

/** Questions about one anime that a platform named can pin to its own view. */
const PINNED_INTENTS = new Set<Intent>(['details', 'compare_ratings', 'streaming', 'search']);

/** Picks the operation for an intent and fills its variables from the slots. */
export function buildResult(intent: Intent, input: Slots, ctx: NlqContext, explicitId: IdSlot | null): NlqResult {
  const slots: Slots = compact(input);
  const zone = slots.regionZone as string | undefined;
  delete slots.regionZone;
  let operation: OperationName;
  let variables: Record<string, unknown>;
  const missing: string[] = [];
  const byId = () => (slots.id ? { id: slots.id } : (missing.push('anime'), {}));
  // One platform named about one anime ("what does Kitsu say about X", "AniList score of X"): the
  // merged fields pinned to it. Several platforms or a comparison keep their own operations.
  const pin = slots.source && isPinnable(slots.source) && slots.id && PINNED_INTENTS.has(intent) ? slots.source : undefined;
  // "X on Anime-Planet": one anime and a platform, so its entry (which lists its page there).
  if ((pin || slots.unavailableSource) && intent === 'search' && slots.id) intent = 'details';
  switch (pin ? 'pinned' : intent) {
    case 'pinned': {
      operation = 'GetAnimeFromSource';
      slots.region ??= ctx.region;
      // AniDB, ANN and the scraped sites join the pinned fields only from the cache: read it now.
      const flag = READ_NOW_FLAG[pin!];
      variables = compact({ ...byId(), source: pin, region: slots.region, ...(flag ? { [flag]: true } : {}) });
      break;
    }
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
      variables = { ...byId(), ...compareFlags(slots) };
      break;
    case 'characters':
    case 'staff':
      // ANN lists cast and staff with their roles (English dub included): its own record, when named.
      if (slots.source === Platform.ANN) {
        operation = 'GetAnimeFromAnn';
        variables = byId();
      } else if (intent === 'staff' && slots.source === Platform.ANIDB) {
        operation = 'GetAnimeFromAnidb';
        variables = byId();
      } else {
        operation = intent === 'characters' ? 'GetAnimeCharacters' : 'GetAnimeStaff';
        variables = intent === 'characters' ? compact({ ...byId(), first: slots.first }) : byId();
      }
      break;
    case 'episodes':
      if (slots.source === Platform.ANIDB) {
        operation = 'GetAnimeFromAnidb';
        variables = byId();
      } else {
        operation = 'GetAnimeEpisodes';
        variables = compact({ ...byId(), page: slots.page });
      }
      break;
    case 'reviews':
      operation = 'GetAnimeReviews';
      variables = compact({ ...byId(), page: slots.page });
      break;
    case 'news':
      // "latest news": the feed is the latest by itself; the word is no year range.
      delete slots.yearFrom;
      delete slots.yearTo;
      operation = 'AnimeNews';
      variables = compact({ animeId: slots.id, first: slots.first != null ? Math.min(Math.max(slots.first, 1), 100) : undefined });
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
      // "the spring 2025 chart on LiveChart": LiveChart's own chart, with premiere precision and
      // broadcast times; otherwise the offline catalog's season.
      if ((slots.source === Platform.LIVECHART || slots.platforms?.includes(Platform.LIVECHART)) && slots.year != null && slots.season) {
        operation = 'LivechartSeason';
        variables = { year: slots.year, season: slots.season };
        break;
      }
      operation = 'GetSeasonalAnime';
      variables = compact({ year: slots.year, season: slots.season, first: slots.first });
      break;
    case 'next_episode':
      operation = 'NextEpisode';
      slots.timezone ??= zone ?? ctx.timezone ?? 'UTC';
      variables = compact({ ...byId(), timezone: slots.timezone });
      break;
    case 'top':
      if (browses(slots)) {
        operation = 'BrowseAnime';
        slots.sort = 'SCORE';
        variables = compact({ filter: catalogFilter(slots), sort: slots.sort, first: slots.first });
      } else if (slots.genres?.length || slots.yearFrom != null || slots.yearTo != null || (slots.formats?.length ?? 0) > 1) {
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
      if (browses(slots) && !slots.id) {
        operation = 'BrowseAnime';
        variables = compact({ filter: catalogFilter(slots), sort: slots.sort, first: slots.first });
      } else {
        operation = 'SearchAnime';
        variables = searchVariables(slots);
      }
  }
  const notice = sourceNotice(operation, variables, slots);
  const explanation = explain(intent, operation, variables, slots, missing);
  return { intent, operation, variables, slots, explanation: notice ? `${notice} ${explanation}` : explanation, suggestions: suggest(intent, missing, !!notice), via: 'parser' };
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
  next_episode: 'when the next episode airs',
  characters: 'the characters and their voice actors',
  staff: 'the staff',
  episodes: 'the episode list',
  reviews: "users' reviews",
  news: 'anime news',
};

function explain(intent: Intent, operation: OperationName, variables: Record<string, unknown>, s: Slots, missing: string[]): string {
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
  if (s.source) parts.push(operation === 'GetAnimeFromSource' ? `pinned to ${s.source}` : `source ${s.source}`);
  const readNow = CACHED_PLATFORMS.filter((p) => variables[(operation === 'CompareRatings' ? COMPARE_FLAG : READ_NOW_FLAG)[p]!] === true);
  if (readNow.length) parts.push(`reading ${readNow.map((p) => `${platformName(p)} (rated ${RATING_SCALE[p]})`).join(', ')} now`);
  if (s.studios?.length) parts.push(`studios ${s.studios.join(', ')}`);
  if (s.episodesMin != null || s.episodesMax != null) parts.push(s.episodesMin === s.episodesMax ? `${s.episodesMin} episodes` : `episodes ${s.episodesMin ?? 0}–${s.episodesMax ?? '…'}`);
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

function suggest(intent: Intent, missing: string[], sourceMissing = false): string[] {
  if (missing.length) return ['Name the anime, e.g. “shows like Death Note” or “watch order of Monogatari”.'];
  if (sourceMissing) return ['what does MyAnimeList say about it?', 'what does Kitsu say about it?', 'compare its ratings across platforms'];
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
    case 'next_episode':
      return ['where can I watch it?', 'what airs today?'];
    case 'characters':
    case 'staff':
    case 'episodes':
    case 'reviews':
      return ['tell me more about it', 'compare its ratings across platforms', 'where can I watch it?'];
    case 'news':
      return ['tell me about the first one', 'what airs today?'];
    default:
      return ['more like that', 'tell me about it'];
  }
}
