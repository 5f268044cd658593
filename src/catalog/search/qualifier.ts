// A year or a format a query gives in passing, as people label entries that share a name:
// "JoJo's Bizarre Adventure (2012)", "Fate/stay night: Unlimited Blade Works (TV)", "Big Order OVA".
// Title search ranks the entries that have them first among equal matches.
import { AnimeFormat } from '../../domain/index.js';
import { foldText } from './normalize.js';

export interface Qualifiers {
  year?: number;
  format?: AnimeFormat;
}

const FORMAT_WORDS: Record<string, AnimeFormat> = {
  tv: AnimeFormat.TV,
  ova: AnimeFormat.OVA,
  oav: AnimeFormat.OVA,
  ona: AnimeFormat.ONA,
  web: AnimeFormat.ONA,
  movie: AnimeFormat.MOVIE,
  film: AnimeFormat.MOVIE,
  special: AnimeFormat.SPECIAL,
  specials: AnimeFormat.SPECIAL,
};
const YEAR = /(?<![\p{L}\p{N}])(19[4-9]\d|20[0-4]\d)(?![\p{L}\p{N}])/u;
// In brackets anywhere, or as the last word (where "TV" or "OVA" is a label, not a title word).
const FORMAT = /[([]\s*(tv|ova|oav|ona|web|movie|film|specials?)\s*[)\]]|(?<![\p{L}\p{N}])(tv|ova|oav|ona)\s*$/u;

export function qualifiersOf(query: string): Qualifiers {
  const folded = foldText(query);
  const qualifiers: Qualifiers = {};
  const year = folded.match(YEAR);
  if (year) qualifiers.year = Number(year[1]);
  const format = folded.match(FORMAT);
  const word = format?.[1] ?? format?.[2];
  if (word) qualifiers.format = FORMAT_WORDS[word];
  return qualifiers;
}

// The same qualifiers as they can be cut from the query: in brackets anywhere, or as its last word.
const CUT = /\s*[([]\s*(?:19[4-9]\d|20[0-4]\d|tv|ova|oav|ona|web|movie|film|specials?)\s*[)\]]|\s+(?:19[4-9]\d|20[0-4]\d|tv|ova|oav|ona)\s*$/giu;

/**
 * The query without the year and format it gives in passing ("Mirai Nikki (2011)" → "Mirai
 * Nikki"), for matching the name it qualifies; the query itself when there is nothing to cut or
 * nothing would be left.
 */
export function withoutQualifiers(query: string): string {
  const cut = query.replace(CUT, ' ').replace(/\s+/g, ' ').trim();
  return /[\p{L}\p{N}]/u.test(cut) ? cut : query;
}

// One word, then a colon, then a name of three words or more.
const LEADING_SHORT_NAME = /^\s*[^\s:：]{2,15}\s*[:：]\s*(\S+(?:\s+\S+){2,})\s*$/u;

/**
 * The name after a short name given in passing before a colon ("Danmachi: Is It Wrong to Try to
 * Pick Up Girls in a Dungeon?" → the English title), or null when the query is not of that shape.
 */
export function afterLeadingShortName(query: string): string | null {
  return LEADING_SHORT_NAME.exec(query)?.[1] ?? null;
}
