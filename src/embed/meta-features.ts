// What the metadata embedder reads from a record: named features in groups (tags, studios,
// format, era, length, title words), each group weighted by how much it says about "similar".
import { AnimeFormat, canonicalTag, type AnimeRecord } from '../domain/index.js';
import { cjkBigrams, words } from './tokens.js';

export type FeatureGroup = 'tag' | 'studio' | 'format' | 'era' | 'length' | 'title';

/**
 * Group weights after each group is normalised on its own: tags carry the meaning; studio is a
 * strong but rare signal; format, era and length shape "the same kind of show"; title words
 * (franchise) are weighted low so a sequel does not crowd out genuinely similar anime.
 */
export const GROUP_WEIGHTS: Readonly<Record<FeatureGroup, number>> = {
  tag: 1,
  studio: 0.6,
  format: 0.35,
  era: 0.4,
  length: 0.2,
  title: 0.3,
};

// Title words that name the release, not the story.
const TITLE_STOPWORDS = new Set([
  'the', 'and', 'for', 'with', 'from', 'season', 'movie', 'film', 'ova', 'ona', 'special', 'specials', 'part',
  'episode', 'edition', 'gekijouban', 'gekijoban', 'shin', 'new', 'final', 'chapter', 'series', 'anime',
]);

/** Sources spell some genres differently; one vocabulary for all (domain/genres.ts). */
export function normalizeTag(tag: string): string {
  return canonicalTag(tag);
}

/** Five-year era plus decade, so 1998 and 2001 share the "2000s-ish" signal only partly. */
function eraFeatures(year: number): string[] {
  return [`era5:${Math.floor(year / 5) * 5}`, `era10:${Math.floor((year + 5) / 10) * 10}`];
}

function lengthBucket(episodes: number): string {
  if (episodes <= 1) return '1';
  if (episodes <= 6) return '2-6';
  if (episodes <= 16) return '7-16';
  if (episodes <= 30) return '17-30';
  if (episodes <= 70) return '31-70';
  return '71+';
}

function titleTokens(record: AnimeRecord): string[] {
  const texts = [record.title, record.titleEnglish, record.titleRomaji].filter((t): t is string => !!t);
  const tokens = new Set<string>();
  for (const text of texts) {
    for (const word of words(text)) if (word.length >= 3 && !/^\d+$/.test(word) && !TITLE_STOPWORDS.has(word)) tokens.add(word);
    for (const gram of cjkBigrams(text)) tokens.add(gram);
  }
  return [...tokens];
}

/** The record's features by group (each feature name is unique across groups). */
export function recordFeatures(record: AnimeRecord): Map<FeatureGroup, string[]> {
  const groups = new Map<FeatureGroup, string[]>();
  const put = (group: FeatureGroup, values: string[]) => {
    const unique = [...new Set(values)];
    if (unique.length) groups.set(group, unique.map((v) => `${group}:${v}`));
  };
  put('tag', record.tags.map(normalizeTag).filter(Boolean));
  put('studio', record.studios.map((s) => s.trim().toLowerCase()).filter(Boolean));
  put('format', record.format === AnimeFormat.UNKNOWN ? [] : [record.format]);
  put('era', record.year ? eraFeatures(record.year) : []);
  put('length', record.episodes ? [lengthBucket(record.episodes)] : []);
  put('title', titleTokens(record));
  return groups;
}
