// Which question is being asked: ordered rules, each a cue in the words that remain once dates,
// places and counts are taken out. Rules that need an anime fall through when none is named.
import { LIKE_CUE, LIKE_NOISE } from './likeness.js';
import type { Intent } from './types.js';

export interface IntentRule {
  intent: Intent;
  cue: RegExp;
  /** Words the rule's cue leaves around the title, removed before the catalog lookup. */
  noise?: RegExp;
  needsTitle: boolean;
}

export const SCHEDULE_CUE =
  /\b(?:airing|airs?|on air|broadcast\w*|releasing|coming out|new episodes?|episodes?|on tv|schedule|what'?s on|out|dropping)\b.*\b(?:today|tonight|tomorrow|this week|next week|last week)\b|\b(?:today|tonight|tomorrow|this week|next week)'?s?\b.*\b(?:airing|airs?|episodes?|schedule|anime|releases?|on|out)\b|\b(?:schedule|timetable)\b|\bwhat'?s on\b|\b(?:airing|on) (?:today|tonight)\b/;

/**
 * One anime's lists (MyAnimeList's cast, staff, episodes and reviews) and ANN's news: before every
 * other rule, whose cues ("who directed", "worth watching", "next episode") they may hold. Each cue
 * asks for the list itself ("characters of X", "who voices Spike"), not content ("anime with great
 * characters", "brilliant music"): `ASKS_FOR_CONTENT` keeps those for the content rules.
 */
const LIST_RULES: readonly IntentRule[] = [
  {
    intent: 'characters',
    cue: /\bwho (?:voices|voiced|plays|played|is the voice of|was the voice of|does the voice (?:of|for))\b|\bvoice[sd]? (?:actors?|actress(?:es)?|cast)\b|\bvoiced by\b|\bseiyuus?\b|\b(?:english|japanese|dub|sub) (?:cast|voice actors?)\b|\bvas? (?:of|for|in)\b|\bcast (?:of|for|in|list)\b|\bcharacters (?:of|in|from)\b|\bcharacter list\b|\b(?:list|all) (?:of )?(?:the )?(?:main )?characters\b|\bwho are the (?:main )?characters\b|\bmain characters (?:of|in)\b/,
    noise: /\b(?:who|voices?|voiced|plays|played|is|was|does|the|voice|of|for|in|from|actors?|actress(?:es)?|cast|by|seiyuus?|english|japanese|dub|sub|vas?|characters?|list|all|main|are|anime)\b/g,
    needsTitle: true,
  },
  {
    intent: 'staff',
    cue: /\b(?:staff|crew|director|directors|composer|composers|screenwriter|scriptwriter|character designer|animation director|sound director)s? (?:of|for|on|in|behind|list)\b|\bwho (?:directed|directs|composed|composes|did the (?:music|soundtrack|ost|score|character designs?)|wrote the (?:music|soundtrack|ost|score|script|screenplay)|made the (?:music|soundtrack|ost|score)|wrote|writes|drew|draws|created|creates)\b|\bwho(?:'s| is| was) (?:the )?(?:director|composer|screenwriter|character designer|creator|original creator|author|mangaka)\b|\bstaff\b/,
    noise: /\b(?:staff|crew|directors?|composers?|screenwriters?|scriptwriter|character|designers?|designs?|animation|sound|of|for|on|in|behind|list|who|directed|directs|composed|composes|did|the|music|soundtrack|ost|score|wrote|writes|script|screenplay|made|drew|draws|created|creates|is|was|creator|original|author|mangaka|anime)\b/g,
    needsTitle: true,
  },
  {
    intent: 'episodes',
    cue: /\bepisode (?:list|guide|titles|names)\b|\blist (?:of |all )?(?:the )?episodes\b|\b(?:all|every) (?:the )?episodes (?:of|in)\b|\b(?:names|titles) of (?:the |all |each )?episodes\b|\b(?:which|what) episodes\b|\bfiller\b|\bfillers\b|\brecap episodes\b/,
    noise: /\b(?:episodes?|list|guide|titles?|names?|of|all|every|the|in|each|which|what|are|is|fillers?|recap|skip|can|i|to|anime)\b/g,
    needsTitle: true,
  },
  {
    intent: 'reviews',
    cue: /\breviews?\b|\breviewers?\b|\bcritics? (?:say|think)\b/,
    noise: /\b(?:reviews?|reviewers?|critics?|say|says|think|what|do|does|of|for|about|the|on|read|show|me|any|good|user|users|is|worth|watching|according|to|anime)\b/g,
    needsTitle: true,
  },
  // ANN's news feed, of one anime when one is named (parser: ASKS_ABOUT_ONE answers it without).
  {
    intent: 'news',
    cue: /\bnews\b(?! network)|\bheadlines?\b/,
    noise: /\b(?:news|headlines?|latest|recent|newest|any|anime|about|on|for|of|the|what|is|are|there|new|today|this week|show|me|give)\b/g,
    needsTitle: true,
  },
];

/** A request for content, whose "characters", "music" or "episodes" are no list asked for. */
export const ASKS_FOR_CONTENT = /\b(?:anime|animes|shows?|series|movies?|films?|something|anything|one)s? (?:with|about|where|that|in which|whose|like)\b|\blooking for\b|\bsuggest\w*|\brecommend\w*/;

export const LIST_INTENTS = new Set<Intent>(LIST_RULES.map((rule) => rule.intent));

export const INTENT_RULES: readonly IntentRule[] = [
  ...LIST_RULES,
  // Before the schedule: "when does the next episode of Frieren come out this week" names an anime.
  {
    intent: 'next_episode',
    cue: /\bnext (?:new )?(?:episodes?|eps?)\b|\bnew episode of\b|\b(?:airs?|airing|out|comes? out|released?|drops?|broadcasts?)(?: again)? next\b(?! (?:week|season|month|year|time|cour)\b)|\bwhen (?:does|will|is)\b(?=.+\b(?:air|airing|come out|coming out|release|released|out|drop|dropping|broadcast|back|return|returning)\b)|\bwhen(?:'s| is) (?:the )?next\b|\bhow long until\b|\bcountdown\b|\bepisode \d+ of\b|\bwhen (?:does|will|is)\b(?=.+\b(?:episode \d+|start|starts|starting|premieres?|premiering|releasing|end|ends|ending|finish|finishes)\b)|\bwhen(?:'s| is| will)\b(?=.+\b(?:season|part|sequel|movie|film|episode)s?\b)|\bwhat (?:day|days|time|date)\b(?=.+\b(?:air|airs|airing|aired|come out|comes out|coming out|release|releases|released|drop|drops|on)\b)|(?<!\b(?:did|was|were)\b.*)\b(?:release|air|airing|premiere) dates?\b|\b(?:(?:is|are) there (?:going|gonna) (?:to )?be|will there (?:ever )?be)(?= (?:a |an |any )?(?:new |another |next )?(?:season|sequel|part|movie|episodes?)\b)/,
    noise: /\b(?:next|new|episodes?|eps?|when|does|will|is|airs?|airing|come|comes|coming|out|released?|releasing|drops?|dropping|broadcasts?|back|return(?:ing)?|again|how|long|until|countdown|of|the|for|start|starts|starting|premieres?|premiering|be|\d+|end|ends|ending|finish|finishes|what|day|days|time|date|dates|release|air|premiere|there|going|gonna|to|a|an|any|another|season|seasons|part|sequel|on|ever|are)\b/g,
    needsTitle: true,
  },
  { intent: 'schedule', cue: SCHEDULE_CUE, needsTitle: false },
  {
    intent: 'franchise',
    cue: /\bwatch(?:ing)? order\b|\border (?:to|should i|do i|in which to) watch\b|\bwhat order\b|\bchronolog\w*\b|\bfranchise\b|\brelease order\b|\bhow (?:do|should) i watch\b|\bwhere (?:do|should) i start\b|\ball (?:the )?(?:seasons|entries|sequels|movies|parts) (?:of|in)\b|\bsequels?(?: and prequels?)? (?:of|to)\b|\bhow many (?:seasons|movies|parts|sequels|entries)\b|\bin order\b|\bsequels?\b|\bprequels?\b|\bwhat comes after\b|\bwatch\b(?=.*\bfirst\b)|\bor\b(?=.+\bfirst\b)|\bwhere (?:to|do i|should i) (?:start|begin)\b|\b(?:before|without) (?:watching|seeing)\b|\bfit in\b|\b(?:is|are) there (?:a |an |any )?(?:another |new |next |more |other )?(?:seasons?|parts?|movies?|films?|ovas?)\b/,
    noise: /\b(?:many|have|has|does|watch(?:ing)?|order|to|should|do|in|which|what|chronolog\w*|franchise|release|how|where|start|all|the|seasons|entries|sequels?|prequels?|parts|series|whole|entire|complete|full|i|comes|after|is|there|any|first|begin|before|without|seeing|can|or|fit|planning|want|a|an|another|new|next|more|other|season|part|movies?|films?|ovas?|of|for)\b/g,
    needsTitle: true,
  },
  {
    intent: 'compare_ratings',
    cue: /\b(?:is|are)\b(?=.+\b(?:good|any good|worth (?:watching|it|the time)|overrated|underrated|bad)(?: (?:anime|show|series|one|watch))?\W*$)|\bworth (?:watching|it|seeing)\b|(?:^|, )should i (?:watch|bother with)\b(?! (?:after|next|something|anything)\b)|\bcompare\b|\b(?:ratings?|scores?)\b|\b(?:vs|versus)\b|\bhow (?:is|was|well is|well was)\b(?=.+\b(?:rated|scored)\b)|\bhow good is\b|\brated (?:on|across|everywhere)\b|\brated\b|\brate\b/,
    noise: /\b(?:vs|versus|compare|comparing|comparison|ratings?|scores?|rated|rate|scored|across|between|on|all|every|each|different|the|platforms|sites|databases|services|everywhere|how|is|was|well|good|what|are|show|me|give|any|worth|watching|it|a|an|overrated|underrated|bad|should|i|watch|bother|seeing|the|time|new)\b/g,
    needsTitle: true,
  },
  {
    intent: 'streaming',
    cue: /\bwhere (?:can|do|could|should|to|would)(?: i| we| you)? (?:watch|stream|find|see)\b|\bstream(?:ing|ed|able|s)?\b|\bwatch .+ (?:online|legally)\b|\blegally\b|\bavailable\b|\bcan i watch\b|\b(?:which|what) (?:services?|platforms?|sites?|apps?)\b|\bwhere to watch\b|\bwhere is .+ (?:on|available)\b|\bsites? (?:to|where|for)\b|\bwhere (?:to|can i|do i|could i) (?:buy|get|download)\b|\b(?:anywhere|somewhere|places?|ways?|websites?|sites?|apps?|services?) (?:to|where i can|i can|that (?:has|have|streams?|carr(?:y|ies)))(?: legally)? (?:watch|stream|download|buy|get|see)\b|\blegal(?:ly)?\b|\bwhat (?:channel|network|tv station)\b|\bwhich (?:channel|network)\b|\bwhere (?:i|we|one) (?:can|could|should|might) (?:watch|stream|find|see|buy|get|download)\b|\bwhere (?:did|do) (?:you|y'all|you guys|people|everyone|others) (?:watch|stream|get|find|buy)\b|\blink me\b|\blinks? (?:to|for)\b|\bsites? (?:with|that)\b/,
    noise: /\b(?:where|can|do|could|should|to|would|i|we|you|watch|stream\w*|find|see|online|legally|available|which|services?|platforms?|sites?|has|have|is|it|on|carry|carries|the|need|a|buy|get|in|hd|download|anywhere|somewhere|places?|ways?|websites?|apps?|legal|channel|network|tv|station|any|there|what|good|best|dubbed|subbed|dubs?|subs?|english|dvds?|blu[- ]?rays?|box(?: set)?|physical|cop(?:y|ies)|free|episodes?|links?|with|did|guys|people|everyone|others|know|anyone|someone|does)\b/g,
    needsTitle: true,
  },
  // "like X": recommendations or content similarity, chosen afterwards by likeness.ts.
  { intent: 'recommendations', cue: LIKE_CUE, noise: LIKE_NOISE, needsTitle: true },
  {
    intent: 'top',
    cue: /\b(?<!over the )(?:top|best|greatest|highest[- ]rated|top[- ]rated|highest[- ]scor\w+|most popular|popular|all[- ]time|must[- ]watch\w*|goat|most (?:favou?rited|loved)|favou?rites?|masterpieces?|acclaimed|ranking|ranked|underrated|overrated|underappreciated|hidden gems?|must[- ]sees?|essentials?|classics?|\w{2,}(?<!pr)iest|saddest|darkest|weirdest|strangest|coolest|cutest|hardest|strongest|finest|deepest|sweetest)\b|\b(?:everyone|everybody|every(?: anime)? fan) (?:should|must|needs? to|has to) (?:watch|see)\b|\bmost (?!of\b|people\b|anime\b|shows?\b|series\b|likely\b|episodes\b)\w{4,}(?= (?:anime|shows?|series|movies?|films?|ones?)\b|\W*$)/,
    needsTitle: false,
  },
  {
    intent: 'details',
    cue: /\btell me (?:more )?about\b|\bwhat(?:'s| is| was| are)\b|\binfo(?:rmation)?\b|\bdetails?\b|\blook ?up\b|\bwho (?:made|makes|created|creates|wrote|writes|directed|animated|animates|produced|produces|drew|draws|voices|owns)\b|\bhow many episodes\b|\b(?:number of|count of) episodes\b|\bepisode count\b|\b(?:what|which) year\b|\bhow long is\b|\bwhen (?:did|was|does)\b|\bsynopsis\b|\bplot\b|\bsummary\b|\bis\b(?=.+\b(?:finished|over|completed|still airing|currently airing|done|ongoing)\b)|\bsays? about\b|\bthinks? (?:of|about)\b|\b(?:finished|completed|still airing|done|ongoing)$|\bstudio\b|\boverview\b|\bexplain\b|^get\b|(?<!\blove )\bstory\b/,
    noise: /\b(?:tell|me|more|about|what'?s|what|is|was|are|info(?:rmation)?|details?|look ?up|who|made|directed|animated|produced|how|many|episodes|when|did|does|air|come out|synopsis|plot|summary|finished|over|completed|still|currently|airing|studio|overview|explain|get|the|of|on|for|it|anime|says?|thinks?|makes|created|creates|wrote|writes|animates|produces|drew|draws|voices|owns|number|count|episode|year|which|long|in|there)\b/g,
    needsTitle: true,
  },
];

/**
 * A description said outright ("the anime where …", "a film about a girl who …", "what's that
 * show in which …"): checked before the other rules, whose cues ("what's", "top") it may hold.
 */
export const STORY_CUE =
  /\b(?:anime|show|series|movie|film|one|cartoon|ova|story)s? (?:where|in which|whose)\b|\b(?:about|featuring|involving) (?:a|an|two|three|some|the|this|his|her) (?:\w+ ){0,3}(?:who|that|whose|which|where)\b/;

/** Words that carry a description rather than a title ("an anime where a boy …"). */
export const NARRATIVE_CUE = /\b(?:about|where|with|in which|who|that|featuring|involving|whose|set in|takes place)\b/;

/** A reply that only narrows the previous answer ("only movies", "what about in Japan?"). */
export const REFINEMENT_WORDS = new Set(
  'only just and but now then what how about instead in the ones those them please show me from for of also same one set'.split(' '),
);

/** A pronoun pointing back at the anime of the previous answer. */
export const BACK_REFERENCE = /\b(?:it|its|it's|that|this|that one|this one|them|the show|the anime|the movie|the series|the same)\b/;
