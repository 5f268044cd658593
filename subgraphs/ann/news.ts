// ANN's news feed as items, each linked to the catalog anime it names. Linking is deliberately
// conservative (a wrong link is worse than none): a name links only when its normalised form
// equals exactly one catalog entry's title or synonym, and is long enough not to be an ordinary
// phrase. Names ANN marks as titles (`<cite>…</cite>`) may be shorter.
import type { AnimeRecord } from '../../src/domain/index.js';
import { titleKey } from '../../src/catalog/search/normalize.js';
import { plainText } from './mapper.js';
import type { UpstreamRss } from './upstream.js';

/** Free text: at least two words and this many normalised characters ("Attack on Titan" = 13). */
export const MIN_FREE_KEY_LENGTH = 8;
/** A `<cite>`-marked name: this many normalised characters ("Naruto" = 6). */
export const MIN_CITED_KEY_LENGTH = 4;
/** Longest name tried, in words. */
const MAX_NAME_WORDS = 12;

export interface NewsLink {
  record: AnimeRecord;
  /** The words of the item that named it. */
  name: string;
}

export interface NewsItem {
  title: string;
  url: string | null;
  guid: string | null;
  description: string | null;
  publishedAt: Date | null;
  categories: string[];
  links: NewsLink[];
}

/** Normalised title → the one catalog entry it names; null marks a name two entries share. */
export type TitleKeys = Map<string, AnimeRecord | null>;

const indexes = new WeakMap<readonly AnimeRecord[], TitleKeys>();

/** Every title and synonym of the catalog by its normalised key (built once per catalog, ~1 s). */
export function titleKeysOf(records: readonly AnimeRecord[]): TitleKeys {
  let keys = indexes.get(records);
  if (keys) return keys;
  // Titles first, synonyms after: a name that is one entry's title and only another's synonym is
  // the titled entry's ("Strike Witches" is the TV series; AniDB also lists it for the pilot OVA).
  // A name shared within one tier links nothing.
  const titles = tierKeys(records, (r) => [r.title, r.titleEnglish, r.titleRomaji]);
  const synonyms = tierKeys(records, (r) => r.synonyms);
  keys = new Map([...synonyms, ...titles]);
  indexes.set(records, keys);
  return keys;
}

function tierKeys(records: readonly AnimeRecord[], namesOf: (record: AnimeRecord) => ReadonlyArray<string | null>): TitleKeys {
  const keys: TitleKeys = new Map();
  for (const record of records) {
    const own = new Set(namesOf(record).filter((n): n is string => Boolean(n)).map(titleKey).filter((k) => k.length >= MIN_CITED_KEY_LENGTH));
    for (const key of own) {
      const known = keys.get(key);
      if (known === undefined) keys.set(key, record);
      else if (known !== record) keys.set(key, null);
    }
  }
  return keys;
}

/** `<cite>` spans of a feed text (escaped or not, as the feed wraps titles). */
function citedNames(raw: string): string[] {
  return [...raw.matchAll(/<cite>([\s\S]*?)<\/cite>/gi)].map((m) => plainText(m[1]!)).filter(Boolean);
}

/** The words of a text, each without a trailing possessive ("Frieren's" → "Frieren"). */
function wordsOf(text: string): string[] {
  return text
    .split(/\s+/)
    .map((w) => w.replace(/['’]s$/i, ''))
    .filter(Boolean);
}

/**
 * The catalog anime a headline (and its description's cited titles) names. Longer names win over
 * the shorter names inside them ("Attack on Titan Final Season" over "Attack on Titan").
 */
export function linkAnime(rawTitle: string, rawDescription: string | null, keys: TitleKeys): NewsLink[] {
  const links: NewsLink[] = [];
  const seen = new Set<AnimeRecord>();
  const add = (record: AnimeRecord | null | undefined, name: string) => {
    if (!record || seen.has(record)) return;
    seen.add(record);
    links.push({ record, name });
  };
  for (const name of [...citedNames(rawTitle), ...citedNames(rawDescription ?? '')]) {
    const key = titleKey(name);
    if (key.length >= MIN_CITED_KEY_LENGTH) add(keys.get(key), name);
  }
  const words = wordsOf(plainText(rawTitle));
  const taken = new Array<boolean>(words.length).fill(false);
  for (let size = Math.min(MAX_NAME_WORDS, words.length); size >= 2; size -= 1) {
    for (let start = 0; start + size <= words.length; start += 1) {
      if (taken.slice(start, start + size).some(Boolean)) continue;
      // The span's own words, without the punctuation that joins it to the headline ("Witches,").
      const name = words.slice(start, start + size).join(' ').replace(/^[^\p{L}\p{N}]+|[^\p{L}\p{N}!?)]+$/gu, '');
      const key = titleKey(name);
      if (key.length < MIN_FREE_KEY_LENGTH) continue;
      const record = keys.get(key);
      if (!record) continue;
      add(record, name);
      taken.fill(true, start, start + size);
    }
  }
  return links;
}

const textOf = (node: { '#text'?: string } | undefined) => node?.['#text']?.trim() || null;

function dateOf(text: string | null): Date | null {
  if (!text) return null;
  const at = new Date(text);
  return Number.isNaN(at.getTime()) ? null : at;
}

/** The feed's items in feed order (newest first on ANN), each with its linked anime. */
export function toNewsItems(feed: UpstreamRss, keys: TitleKeys): NewsItem[] {
  return feed.items.map((item) => {
    const rawTitle = textOf(item.title) ?? '';
    const rawDescription = textOf(item.description);
    return {
      title: plainText(rawTitle),
      url: textOf(item.link),
      guid: textOf(item.guid),
      description: rawDescription === null ? null : plainText(rawDescription),
      publishedAt: dateOf(textOf(item.pubDate)),
      categories: item.category.map((c) => textOf(c)).filter((c): c is string => c !== null),
      links: linkAnime(rawTitle, rawDescription, keys),
    };
  });
}
