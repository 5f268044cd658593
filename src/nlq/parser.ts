// The deterministic parser: slots out of the text, the intent from what remains, the title
// resolved against the catalog, then one persisted operation with its variables.
import type { Catalog } from '../catalog/index.js';
import { parseSequelQuery } from '../catalog/search/sequel.js';
import type { AnimeRecord } from '../domain/index.js';
import { ASKS_FOR_CONTENT, BACK_REFERENCE, INTENT_RULES, LIST_INTENTS, NARRATIVE_CUE, REFINEMENT_WORDS, STORY_CUE, type IntentRule } from './intent.js';
import { chooseLikeIntent, LIKE_CUE } from './likeness.js';
import { normalizeQuestion, Phrase } from './phrase.js';
import { pictureIn } from './picture.js';
import { buildResult } from './result.js';
import { extractEpisodes } from './episodes.js';
import { FORMATS, GENRES } from './lexicon.js';
import { franchiseMain, sameFranchise } from './main-series.js';
import { extractIds, extractKinds, extractNumbers, extractPlaces, extractTimes } from './slots.js';
import { EVERY_PLATFORM, isPinnable, PLATFORM_WORDS, pinnedPlatform, platformsNamed } from './sources.js';
import { extractStudios } from './studios.js';
import { MAX_NAME_WORDS, namesInText, resolveTitleScored, stripFiller, titleMatch, toTitleRef, type NamedTitle } from './titles.js';
import type { Intent, NlqContext, NlqResult, Slots, TitleRef } from './types.js';

export interface ParseOptions {
  /** The anime the conversation is about, for "it", "that one", "more like that". */
  focus?: TitleRef | null;
  /** An anime the text pointed at by position ("the second one"). */
  picked?: TitleRef | null;
}

export interface Parsed {
  result: NlqResult;
  /** Nothing but refinements was said: no intent cue, no title, no description. */
  refinementOnly: boolean;
}

const DESCRIPTION_STOP = new Set(
  ('a an the anime show series with and of in on to is are was that where who which about from around some any one i me find looking for want there it its ' +
    'have has theme themes set setting world worlds elements less than episodes episode under over minimal lot lots kind type style list like need something them they their')
    .split(' '),
);

export function parseQuestion(catalog: Catalog, text: string, ctx: NlqContext, options: ParseOptions = {}): Parsed {
  // A picture is found in the text as typed; the rest is read for the other slots ("top 3").
  const picture = pictureIn(text);
  const norm = splitSlashes(normalizeQuestion(picture?.rest ?? text));
  const p = new Phrase(norm);
  const slots: Slots = {};
  const now = ctx.now ?? new Date();
  const id = extractIds(p);
  extractPlaces(p, slots, text);
  choosePlatform(norm, slots);
  // Before numbers and years: "100+ episodes" is no score, "by 8bit" no count.
  extractEpisodes(p, slots);
  extractStudios(p, slots);
  extractNumbers(p, slots);
  extractTimes(p, slots, now);
  const done = (intent: Intent, title: TitleRef | null, extra: Slots = {}): Parsed => ({
    result: buildResult(intent, { ...slots, ...extra, ...(title ? { title: title.title, id: title.id, ...(title.malId != null ? { malId: title.malId } : {}) } : {}) }, ctx, id),
    refinementOnly: false,
  });
  // "like X": the formats and statuses said beside the title decide between the two operations.
  const likeX = (rest: string, words: string, title: TitleRef, extra: Slots): Parsed => {
    const kinds: Slots = {};
    // Neither the title nor the cue's own words ("i just finished") count as a filter.
    // "finished X, what now": the first word is what the asker did, not the status asked.
    const said = rest.replace(new RegExp(LIKE_CUE.source, 'g'), ' ').replace(/^\s*(?:just )?(?:finished|completed)\b/, ' ');
    extractKinds(new Phrase(words && said.includes(words) ? said.replace(words, ' ') : said), kinds);
    const filters = compact({ formats: kinds.formats, statuses: kinds.statuses });
    const like = chooseLikeIntent(norm, { ...slots, ...filters }, title);
    const parsed = done(like.intent, title, like.intent === 'similar' ? { ...extra, ...filters } : extra);
    parsed.result.explanation = parsed.result.explanation.replace(/\.$/, `; ${like.reason}.`);
    return parsed;
  };
  if (picture) return done('image', null, { image: picture.image });
  if (id) return done('details', null);

  const rest = p.remaining;
  // "what's that film where …" is a description, though "what's" would ask for details.
  const story = (): Parsed => {
    extractKinds(p, slots);
    return done('semantic', null, { description: describe(text) });
  };
  if (STORY_CUE.test(rest) && !LIKE_CUE.test(rest)) return story();
  let serviceAsked = false;
  for (const rule of INTENT_RULES) {
    if (!rule.cue.test(rest) && !(rule.intent === 'streaming' && slots.service)) continue;
    // "anime with great characters", "looking for brilliant music": content, not one anime's list.
    if (LIST_INTENTS.has(rule.intent) && ASKS_FOR_CONTENT.test(rest)) continue;
    if (!rule.needsTitle) {
      const extra: Slots = {};
      if (rule.intent === 'schedule') extra.week = weekOf(norm);
      else {
        const kinds = new Phrase(rest);
        extractKinds(kinds, extra);
        // "best of Bocchi the Rock" names an anime: not a top list.
        // A lower-case word in mid-sentence is no name there ("which anime has the best animation").
        const named = rule.intent === 'top' ? bestTitle(catalog, titleWords(kinds.remaining, rule)) : null;
        if (named && named.score >= 0.95 && (named.words.includes(' ') || writtenAsName(text, named.words))) continue;
      }
      if (rule.intent === 'top') {
        extra.topFilter = topFilterOf(norm);
        if (extra.topFilter === 'AIRING') {
          delete slots.season;
          delete slots.year;
        }
      }
      return done(rule.intent, null, extra);
    }
    const candidates = titleWords(rest, rule);
    let best = options.picked ? null : bestTitle(catalog, candidates, rest, namesInText(catalog, rest).filter((name) => name.words.includes(' ') || writtenAsName(text, name.words)));
    // "FMA:B", "FMAB", "SnK": a short form in capitals is the catalog search's to read (acronyms,
    // clipped names), which the name comparison here cannot check. It beats a loose match only.
    if (!options.picked && (!best || best.score < 1)) {
      const short = shortFormIn(catalog, text, !best);
      // Not a word of a longer name matched ("Gundam AGE").
      const inLonger = !!best && best.words !== short?.words && ` ${best.words} `.includes(` ${short?.words} `);
      if (short && !inLonger) best = { title: short.title, words: short.words, score: 1 };
    }
    // "an anime with a complex plot": a request for content, whose words match names only loosely.
    if (best && best.score < 1 && rule.intent === 'details' && DESCRIBING.test(norm)) best = null;
    // "latest anime news": the feed's words match names only loosely; news of one anime needs its name.
    if (best && best.score < 0.95 && rule.intent === 'news') best = null;
    let title = options.picked ?? best?.title ?? null;
    const words = best?.words ?? '';
    const usesFocus = !title && !!options.focus && (candidates.length === 0 || BACK_REFERENCE.test(rest));
    if (usesFocus) title = options.focus ?? null;
    // "where can I watch <a title the catalog lacks>": still that question, which names no anime we
    // know; but a service named without a question about watching ("best anime on Netflix") and
    // without an anime is for the other rules.
    const serviceOnly = rule.intent === 'streaming' && !rule.cue.test(rest);
    if (!title && ASKS_ABOUT_ONE.has(rule.intent) && !serviceOnly) return done(rule.intent, null);
    if (!title && serviceOnly) serviceAsked = true;
    // "when is the next episode" of no anime: the timetable of what airs next.
    if (!title && rule.intent === 'next_episode') return done('schedule', null, { week: weekOf(norm) });
    if (!title) continue;
    // "watch order for X", "X sequels": the franchise of the main series, not the film the words matched best.
    if (rule.intent === 'franchise') {
      const record = catalog.byId(title.id);
      if (record) title = toTitleRef(franchiseMain(catalog, record, (member) => !!words && titleMatch(words, member) === 1));
    }
    const extra: Slots = words ? { titleText: words } : usesFocus || options.picked ? { followUp: true } : {};
    if (rule.intent === 'recommendations') return likeX(rest, words, title, extra);
    // "who voices Spike in Cowboy Bebop": the character asked about, for the answer to name first.
    const character = rule.intent === 'characters' ? /\bwho (?:voices|voiced|plays|played|is the voice of|was the voice of|does the voice (?:of|for)) (.+?) (?:in|from|on|of)\b/.exec(rest)?.[1] : undefined;
    if (character && character !== words) extra.character = character;
    return done(rule.intent, title, extra);
  }

  if (options.picked) return done('details', options.picked, { followUp: true });
  // "Netflix anime?": no other rule took it; where to stream, once the anime is named.
  if (serviceAsked) return done('streaming', null);
  if (slots.season) return done('seasonal', null);
  // A question that is one name and nothing else ("samurai champloo", "vampire knight", "space
  // dandy") is that anime, though a word of it is a genre: read as a genre, "samurai" would leave
  // "champloo" to a description. A name of genre words only ("horror") stays a genre.
  const whole = wholeName(catalog, p.remaining);
  if (whole) return done('search', whole.title, { titleText: whole.words });
  extractKinds(p, slots);
  const residual = stripFiller(p.remaining.replace(/\b(?:search(?: for)?|find(?: me)?|looking for|look for|show me|list|give me|recommend(?: me)?|suggest|i want|i'm|im|some|any|good|great|cool|fun)\b/g, ' ').replace(/\s+/g, ' ').trim());
  const refinementOnly = !residual || residual.split(' ').every((w) => REFINEMENT_WORDS.has(w));
  if (residual) {
    // "need more harem in my life": beside a genre, one lower-case word is a word, not "Life!".
    const wordBesideGenre = !!slots.genres?.length && !residual.includes(' ') && !writtenAsName(text, residual);
    const hit = wordBesideGenre ? null : resolveTitleScored(catalog, residual, undefined, residual === norm.trim());
    // "looking for a darker anime": around a request for content only an exact name is a title.
    if (hit && (hit.score >= 1 || !DESCRIBING.test(norm))) return done('search', hit.title, { titleText: residual });
    const content = residual.split(' ').filter((w) => !DESCRIPTION_STOP.has(w) && !/^\d+$/.test(w));
    if (content.length >= 2 && (NARRATIVE_CUE.test(norm) || STORY_CUE.test(norm))) return done('semantic', null, { description: describe(text) });
    if (options.focus && BACK_REFERENCE.test(norm)) return done('details', options.focus, { followUp: true });
    // "search for <a title the catalog lacks>": still a title search, which may well answer nothing.
    if (/\b(?:search(?: for)?|find|look up|called|named|titled)\b/.test(norm) && content.length > 0 && !NARRATIVE_CUE.test(norm)) return done('search', null, { titleText: residual, query: residual });
    // Words that are no genre, mood, format, date or title ("anime about surfing", "something
    // depressing"): content said in plain words, which semantic search reads.
    if (!refinementOnly && content.some((w) => /\p{L}/u.test(w) && w.split('-').some((part) => !SEARCH_WORDS.has(part)))) return done('semantic', null, { description: describe(text) });
  }
  return { result: buildResult('search', slots, ctx, null), refinementOnly };
}

/**
 * One platform named and no comparison asked: `source` pins it. A platform without a subgraph is
 * kept as `unavailableSource`, so the answer says it cannot come from there.
 */
function choosePlatform(text: string, slots: Slots): void {
  const named = platformsNamed(text);
  if (named.length) slots.platforms = named;
  if (EVERY_PLATFORM.test(text)) slots.everyPlatform = true;
  const unavailable = named.find((platform) => !isPinnable(platform));
  if (unavailable) slots.unavailableSource = unavailable;
  if (slots.source && !pinnedPlatform(text, slots.source)) delete slots.source;
}

/**
 * The anime `remaining` names when, filler aside ("anime", "the"), it is exactly one of the
 * catalog's names of two or more words that are not genre and format phrases alone.
 */
function wholeName(catalog: Catalog, remaining: string): NamedTitle | null {
  const text = remaining.replace(/\s+/g, ' ').trim();
  // "demon slayer 2nd season": the name and a season of it (read before filler goes: "season" is
  // filler), which the title search resolves within the name's franchise.
  const sequel = parseSequelQuery(text);
  const base = stripFiller(sequel ? sequel.base.replace(/\s+/g, ' ').trim() : text);
  const count = base.split(' ').length;
  // A description runs longer than any name: no lookups of its every run of words.
  if (count < 2 || count > MAX_NAME_WORDS || LEXICON_PHRASES.test(base)) return null;
  const name = namesInText(catalog, base).find((found) => found.at === 0 && found.words === base);
  if (!name || !sequel) return name ?? null;
  const named = catalog.byId(name.title.id);
  const season = catalog.search({ query: text.slice(0, 200), first: 1 }).nodes[0];
  if (!season) return null;
  // Its own name starts with the name said, or the relations say it is of that franchise.
  const ofName = titleMatch(base, season) >= 0.9 || (!!named && sameFranchise(catalog, named, season));
  return ofName ? { title: toTitleRef(season), words: text, at: 0 } : null;
}

// Fans' words for kinds of characters, appeal and works, which the catalog has no tag for: inside a
// sentence they describe, they do not name ("any moe anime with writing like Tatami Galaxy" is no
// question about "MoE", Master of Epic, nor "stand alone anime films" about Stand Alone Complex or
// Stand My Heroes). Said alone they may still be a title.
const FANDOM = 'stand[- ]?alone|moe|tsunderes?|yanderes?|kuuderes?|danderes?|waifus?|husbandos?|fan ?service|chibi|kawaii|otakus?|senpai|bishou?nen|bishou?jo';
const FANDOM_WORDS = new RegExp(`^(?:(?:${FANDOM})(?: |$))+$`);

/** The genre and format phrases the parser knows, as one regex alternation. */
const LEXICON = [...GENRES, ...FORMATS].map(([words]) => words).join('|');
const LEXICON_PHRASE_IN_TEXT = new RegExp(`(?<![\\p{L}\\p{N}])(?:${LEXICON}|${FANDOM})(?![\\p{L}\\p{N}])`, 'gu');

/** The genre, format and fans' phrases of two or more words said in `text`, each padded with spaces. */
function multiWordPhrases(text: string): string[] {
  return [...text.matchAll(LEXICON_PHRASE_IN_TEXT)].map((match) => match[0]).filter((phrase) => phrase.includes(' ')).map((phrase) => ` ${phrase} `);
}

const LEXICON_WORD = new RegExp(`^(?:${LEXICON})$`);
/** Words that are genre and format phrases and nothing else ("another world", "slice of life", "horror movie"). */
const LEXICON_PHRASES = new RegExp(`^(?:(?:${LEXICON})(?: |$))+$`);

/**
 * A one-word name said inside a sentence counts only when it is written as a name: capitalised
 * away from a sentence's start, in capitals, or quoted ("like in Kashimashi", "Trigun and/or FMA"),
 * and is no genre or format word. Lower-case words in mid-sentence are words ("real life problems",
 * "a major plot point", "dark anime"), even when some anime is called that.
 */
function writtenAsName(original: string, word: string): boolean {
  if (LEXICON_WORD.test(word)) return false;
  const escaped = word.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  const shouting = (original.match(/\p{Lu}/gu)?.length ?? 0) > (original.match(/\p{Ll}/gu)?.length ?? 0);
  for (const m of original.matchAll(new RegExp(`(^|[^\\p{L}\\p{N}])(${escaped})(?![\\p{L}\\p{N}])`, 'giu'))) {
    const typed = m[2]!;
    const before = original.slice(0, m.index + m[1]!.length);
    if (/["'“‘*]$/.test(before)) return true;
    if (!/\p{Lu}/u.test(typed[0]!)) continue;
    if (typed.length >= 2 && typed === typed.toUpperCase() && !shouting) return true;
    // A capital that grammar put there says nothing.
    if (before.trim() === '' || /[.!?:]\s*$/.test(before)) continue;
    if (!shouting) return true;
  }
  return false;
}

// Capitals that are no anime's short form: formats, sources, places, chat.
const NOT_SHORT_FORMS = new Set(
  'tv ova oav ona mal ann hd dvd bd usa uk us eu pc ps psa lol omg tbh imo imho btw til fyi pls plz wtf idk irl op ed ost cgi dub sub eng jp jst est pst'.split(' '),
);

/**
 * The first short form in capitals ("FMA:B", "FMAB", "SnK") the catalog's search resolves; when
 * `clipped` (no other name was found), also a capitalised word written as a name that the search
 * reads as a clipped title ("Oreimo", "Watamote"), if a name of the entry starts as the word does.
 */
function shortFormIn(catalog: Catalog, original: string, clipped = false): { title: TitleRef; words: string } | null {
  const shouting = (original.match(/\p{Lu}/gu)?.length ?? 0) > (original.match(/\p{Ll}/gu)?.length ?? 0);
  if (shouting) return null;
  for (const m of original.matchAll(/(?<![\p{L}\p{N}])(\p{L}[\p{L}\p{N}]*(?::\p{L}[\p{L}\p{N}]*)?)(?![\p{L}\p{N}])/gu)) {
    const token = m[1]!;
    const capitals = token.match(/\p{Lu}/gu)?.length ?? 0;
    const letters = token.replace(/[^\p{L}]/gu, '');
    const acronym = capitals >= 2 && letters.length >= 3 && letters.length <= 6 && !NOT_SHORT_FORMS.has(letters.toLowerCase().replace(/s$/, ''));
    const clippedName = clipped && capitals === 1 && letters.length >= 5 && /^\p{Lu}\p{Ll}+$/u.test(token) && writtenAsName(original, token.toLowerCase());
    if ((!acronym && !clippedName) || PLATFORM_WORDS.has(letters.toLowerCase())) continue;
    let hit: AnimeRecord | undefined;
    try {
      hit = catalog.search({ query: token, first: 1 }).nodes[0];
    } catch {
      continue;
    }
    const start = token.slice(0, 2).toLowerCase();
    if (hit && clippedName && ![hit.title, hit.titleRomaji, hit.titleEnglish, ...hit.synonyms].some((name) => !!name && name.toLowerCase().startsWith(start))) continue;
    if (hit) return { title: toTitleRef(hit), words: token.toLowerCase() };
  }
  return null;
}

/** Intents whose cue alone says the question is about one anime, named or not (news: of any anime when none is named). */
const ASKS_ABOUT_ONE = new Set<Intent>(['streaming', 'franchise', 'news']);

/** A request for content, around which a loosely matching name is no title ("looking for a darker anime"). */
const DESCRIBING = /\b(?:looking for|anime (?:with|about|where|that|for)|something|anything|any|need|want|suggest\w*|recommend\w*|show me|find me|an? \w+(?: \w+)? (?:anime|show|series))\b/;

/** Words of a plain genre or mood request ("something funny, cute and light-hearted", "dark and violent anime"). */
const SEARCH_WORDS = new Set(
  ('suggestions suggestion recommendations recommendation request need want really please help kind type sort genre genres ' +
    'funny cute light hearted lighthearted dark violent feels good great cool fun nice best new well very really should be watching watch out there ' +
    'what which how you your we us my mood')
    .split(' '),
);

const compact = (o: Slots): Slots => Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined));

/** The longest question `ask` takes: room for a pasted "what anime is this where…" paragraph. */
export const MAX_QUESTION_LENGTH = 2000;
const MAX_TEXT_LENGTH = MAX_QUESTION_LENGTH; // semanticSearch accepts as much (src/similarity MAX_TEXT_LENGTH)

/** "drama/comedy/romance", "toradora/clannad": a slash between words parts them (not in links or zones). */
function splitSlashes(text: string): string {
  return text
    .split(' ')
    .map((word) => (word.includes('://') || /^(?:africa|america|asia|atlantic|australia|europe|pacific)\//.test(word) ? word : word.replace(/\//g, ' / ')))
    .join(' ')
    .replace(/\s+/g, ' ')
    .trim();
}

/** The description semantic search gets: the question as typed, within the length it accepts. */
function describe(text: string): string {
  const trimmed = text.replace(/\s+/g, ' ').trim();
  return trimmed.length <= MAX_TEXT_LENGTH ? trimmed : trimmed.slice(0, MAX_TEXT_LENGTH).replace(/\s+\S*$/, '');
}

function weekOf(text: string): string | undefined {
  if (/\bnext week\b/.test(text)) return 'next';
  if (/\b(?:last|previous) week\b/.test(text)) return 'previous';
  if (/\bthis week\b/.test(text)) return 'current';
  return undefined;
}

function topFilterOf(text: string): string | undefined {
  if (/\bairing\b/.test(text)) return 'AIRING';
  if (/\b(?:upcoming|not yet aired|anticipated)\b/.test(text)) return 'UPCOMING';
  if (/\bpopular\b/.test(text)) return 'BY_POPULARITY';
  if (/\bfavou?rite/.test(text)) return 'FAVORITE';
  return undefined;
}

// A lone "I'm", "I'd", "don't" is a word of the sentence, never a title, though it folds to a
// catalog synonym ("IM" is Ichigo Mashimaro: "I'm looking for something like Angel's Egg" asked for
// recommendations like it).
const CONTRACTION = /^[a-z]+['’](?:m|re|ve|ll|d|t)$/;

/** Word sets that may be the title, most literal first, each with the match it needs. */
function titleWords(rest: string, rule: IntentRule): [string, number][] {
  const squeeze = (text: string) => stripFiller(text.replace(/\s+/g, ' ').trim());
  const literal = squeeze(rest.replace(new RegExp(rule.cue.source, 'g'), ' '));
  // "frieren's score": the possessive is not part of the title.
  const cueless = squeeze(literal.replace(/'s\b/g, ''));
  const quiet = rule.noise ? squeeze(cueless.replace(rule.noise, ' ')) : cueless;
  const seen = new Set<string>();
  const out: [string, number][] = [];
  const add = (words: string, minimum: number) => {
    if (!words || seen.has(words) || CONTRACTION.test(words)) return;
    seen.add(words);
    out.push([words, minimum]);
  };
  add(literal, 0.6);
  add(cueless, 0.6);
  add(quiet, 0.6);
  for (const part of [...clauses(literal), ...clauses(cueless)]) {
    add(part, 0.6);
    // "looking for an anime like toradora or clannad": the title ends the clause.
    const partWords = part.split(' ');
    for (let n = Math.min(partWords.length - 1, 6); n >= 1; n--) add(stripFiller(partWords.slice(-n).join(' ')), 0.9);
  }
  // "does toradora have": shorter and shorter heads and tails, which must match a name closely.
  const words = cueless.split(' ');
  for (let n = Math.min(words.length - 1, 6); n >= 1; n--) {
    add(stripFiller(words.slice(0, n).join(' ')), 0.9);
    add(stripFiller(words.slice(-n).join(' ')), 0.9);
  }
  return out;
}

const CUT = /^(?:but|with|without|except|and|that|which|who|where|because|though|although|only|if|plus|or|in|from|for|on|across|between|vs|versus|would|should|\/|\+)$/;

/** "naruto but with a darker tone" → "naruto", "options for bocchi" → "bocchi": words on either side of a clause word. */
function clauses(text: string): string[] {
  const words = text.split(' ');
  const out: string[] = [];
  for (let i = words.length - 1; i > 0; i--) {
    if (!CUT.test(words[i]!)) continue;
    out.push(stripFiller(words.slice(0, i).join(' ')), stripFiller(words.slice(i + 1).join(' ')));
  }
  return out;
}

/**
 * The best-matching title over every candidate word set (the earlier set wins a tie) and every name
 * said word for word (`named`, exact by construction).
 */
function bestTitle(catalog: Catalog, candidates: [string, number][], text = '', named: NamedTitle[] = []): { title: TitleRef; words: string; score: number } | null {
  let best: { title: TitleRef; words: string; score: number; at: number } | null = null;
  const consider = (title: TitleRef, words: string, score: number, at: number) => {
    // An exact name wins; of two exact names the one named first ("like Toradora or Clannad"), then
    // the longer ("ghost in the shell", not "ghost").
    const better = !best || score > best.score || (score === 1 && (at >= 0 && best.at >= 0 && at !== best.at ? at < best.at : words.length > best.words.length));
    if (better) best = { title, words, score, at };
  };
  // Read once for all candidates: the text is the same for each.
  const phrases = multiWordPhrases(text);
  for (const [words, minimum] of candidates) {
    // "a love story like Toradora": genre words are no title, nor is a word of a genre phrase
    // ("love" is a 1963 short), nor a fans' word inside a sentence.
    if (LEXICON_PHRASES.test(words) || phrases.some((phrase) => phrase.includes(` ${words} `)) || (FANDOM_WORDS.test(words) && words !== text.trim())) continue;
    const hit = resolveTitleScored(catalog, words, minimum, words === text.trim());
    if (hit) consider(hit.title, words, hit.score, text.indexOf(words));
  }
  for (const name of named) consider(name.title, name.words, 1, name.at);
  const found = best as { title: TitleRef; words: string; score: number } | null;
  return found && { title: found.title, words: found.words, score: found.score };
}
