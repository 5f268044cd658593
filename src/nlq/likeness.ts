// "Anime like X": two operations answer it differently, and the words decide which.
//
// - FindSimilarAnime is content similarity computed from the catalog (tags, era, synopsis,
//   picture): it can keep to formats, statuses and years, but it knows only what the catalog
//   holds (most TV series there have neither tags nor a synopsis).
// - GetAnimeRecommendations is what MyAnimeList users recommend to fans of X: hand-picked and
//   good for series, but unfiltered and only for anime with a MAL id.
//
// The rule, first match wins:
//   1. a format, status or year range was asked ("movies like Akira from the 90s")  → similar,
//      because recommendations cannot keep to it and would answer something else;
//   2. people or a recommendation are asked for ("what do fans of X recommend", "recommend
//      something like X", "recs", "what should I watch after X", "people who loved X")
//                                                                               → recommendations;
//   3. likeness of content is asked for ("similar to X", "resembles", "in the vein of", "same
//      vibe/style/themes as", "like X in content/style", "X-like")               → similar;
//   4. the anime has no MAL id (recommendations would answer nothing)           → similar;
//   5. otherwise — plain "anime like X", "more like X", "if I liked X what else" → recommendations,
//      the everyday request for picks, which MAL users answer best for series.
import { GENRES } from './lexicon.js';
import type { Slots, TitleRef } from './types.js';

export type LikeIntent = 'similar' | 'recommendations';

/** Cue of the "like X" rule: either way of asking (the choice between them is `chooseLikeIntent`). */
// "finished romance anime" asks for a status; "finished Toradora" says what was watched.
const GENRE_WORDS = GENRES.map(([words]) => words).join('|');

export const LIKE_CUE = new RegExp(
  String.raw`\b(?:similar to|similar|like|same as|in the vein of|reminds? me of|(?:if )?i (?:really )?(?:liked|loved|enjoyed)|fans? of|recommend\w*(?: me)? (?:for|based on|after)|comparable to|what(?:'s| to| should i)? (?:watch )?next|i (?:just )?(?:finished|watched|binged|completed)|(?:watch|see) (?:next )?after|after (?:watching|finishing)|alternatives? to|resembl\w+|after finishing|because i (?:liked|loved|watched|enjoyed)|recommendations? for|(?:people|those|someone|anyone|fans|viewers|users) (?:who|that) (?:liked?|loved?|enjoy(?:ed)?|watched)|(?:the )?same (?:vibe|vibes|feel|feeling|atmosphere|mood|tone|style|art ?style|themes?|story|premise|setting|aesthetic) (?:as|to)|(?:thematically (?:close|similar)|closest) to|in terms of|fans (?:watch|like|love|recommend)|vibes?|what now|what else|after (?:just )?(?:finishing|watching))\b|^(?:just )?finished watching\b|^just (?:finished|watched|binged|completed)\b|-like\b|-?esque\b|^(?:just )?(?:finished|completed|binged)\b(?! (?:anime|shows?|series|movies?|films?|ones?|${GENRE_WORDS})\b)|^(?:i )?(?:really |absolutely )?(?:loved|liked|enjoyed|adored)\b|\bif you (?:liked|loved|enjoyed)\b|\bfill the void\b|\bthe same vein as\b|\bmy (?:all[- ]time )?favou?rites? (?:is|are|include|being)\b|\bbased on my\b`,
);

export const LIKE_NOISE =
  /\b(?:similar|to|like|same|as|in|the|vein|of|reminds?|me|if|i|really|liked|loved|enjoyed|binged|completed|fans?|recommend\w*|for|based|on|after|comparable|alternatives?|resembl\w+|finishing|because|watched|just|finished|what|should|watch|next|anime|shows?|something|stuff|else|more|other|give|some|any|people|those|someone|anyone|viewers|users|who|that|vibes?|feel(?:ing)?|atmosphere|mood|tone|style|art|themes?|thematically|story|premise|setting|aesthetic|close|closest|most|terms|content|with|a|now|esque|adored|absolutely|you|fill|void|my|all|time|favou?rites?|is|are|include|being|based)\b/g;

const PEOPLE =
  /\brecommend\w*|\brecs?\b|\bsuggest\w*|\bfans?\b|\b(?:people|those|someone|anyone|viewers|users|everyone|others)\b(?= (?:who|that)\b)|\bmal users?\b|\bwhat (?:should|do|can|would) (?:i|we) watch\b|\bwatch (?:next|after)\b|\bafter (?:watching|finishing)\b|\bi (?:just )?(?:finished|binged|completed)\b|^just (?:finished|watched|binged|completed)\b|^(?:just )?finished watching\b|\bafter (?:just )?(?:finishing|watching)\b|\bwhat (?:now|else)\b|\bbased on my\b|\bmy (?:all[- ]time )?favou?rites? (?:is|are|include)\b|\bfill the void\b/;

const CONTENT =
  /\bsimilar\b|\bresembl\w*|\bin the vein of\b|\breminds? (?:me )?of\b|\bcomparable\b|\bsame (?:vibe|vibes|feel|feeling|atmosphere|mood|tone|style|art ?style|themes?|story|premise|setting|aesthetic)\b|\bthematic\w*|\bin terms of\b|\bin (?:content|style|tone|themes?|story|plot|atmosphere|mood|feel|art style)\b|\bart ?style\b|\bvibes?\b|\bclosest to\b|-like\b/;

/** Which operation answers "like X" for this text; `reason` goes into the explanation. */
export function chooseLikeIntent(text: string, slots: Slots, title: TitleRef): { intent: LikeIntent; reason: string } {
  if (slots.formats?.length || slots.statuses?.length || slots.yearFrom != null || slots.yearTo != null) {
    return { intent: 'similar', reason: 'content similarity, since it keeps to the formats, statuses or years asked' };
  }
  if (PEOPLE.test(text)) return { intent: 'recommendations', reason: "MyAnimeList users' recommendations, since picks were asked for" };
  if (CONTENT.test(text)) return { intent: 'similar', reason: 'content similarity, since likeness of content was asked for' };
  if (title.malId == null) return { intent: 'similar', reason: 'content similarity, since the anime has no MyAnimeList id for recommendations' };
  return { intent: 'recommendations', reason: "MyAnimeList users' recommendations for a plain “like X”" };
}
