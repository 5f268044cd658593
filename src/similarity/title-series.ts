// Entries of one title series: sequels, films and spin-offs name their series first ("Ghost in
// the Shell 2: Innocence", "Ghost in the Shell: Arise - Border 1"). The catalog's relation graph
// knows a franchise only where an anime-offline-database entry lists relations (~125 of ~9,200
// entries without `npm run catalog:update`); the films catalog and bangumi-data list none, so
// `similar` also treats entries whose main title has the same series stem as one franchise.
import type { AnimeRecord } from '../domain/index.js';

// Subtitle separators: what follows names the instalment, not the series.
const SUBTITLE = /\s*[:：(（[「『~～]\s*|\s+[-–—]\s+/;
// Instalment words at the end of the series part ("Movie 2", "2nd Season", "Part II", "OVA").
// Single-letter numerals (i, v, x) are left alone: "Samurai X" is not "Samurai 7".
const INSTALMENT = /(\s+(the\s+)?(movie|film|gekijouban|ova|oad|ona|specials?|season|part|final|tv|series|\d+(st|nd|rd|th)?|ii|iii|iv|vi|vii|viii|ix))+$/;
const LEADING = /^(gekijouban|劇場版|the movie)\s*/;
/** Shorter stems ("K", "Air", "Eve") are too likely to be different works sharing a word. */
const MIN_STEM_LENGTH = 4;

/** The series part of a title, normalised ("Ghost in the Shell 2: Innocence" → "ghost in the shell"), or null. */
export function seriesStem(title: string | null | undefined): string | null {
  if (!title) return null;
  let stem = title.normalize('NFKC').toLowerCase().split(SUBTITLE)[0]!;
  stem = stem.replace(LEADING, '').replace(/[!?.,'’]+/g, '').replace(/\s+/g, ' ').trim();
  for (let previous = ''; previous !== stem; ) {
    previous = stem;
    stem = stem.replace(INSTALMENT, '').trim();
  }
  return stem.length >= MIN_STEM_LENGTH ? stem : null;
}

/** Groups catalog entries by the series stems of their main and English titles. */
export class TitleSeriesIndex {
  private readonly byStem = new Map<string, AnimeRecord[]>();

  constructor(records: readonly AnimeRecord[]) {
    for (const record of records) {
      for (const stem of stemsOf(record)) {
        const members = this.byStem.get(stem) ?? [];
        members.push(record);
        this.byStem.set(stem, members);
      }
    }
  }

  /** Ids of the entries sharing a series stem with this one (itself included). */
  seriesOf(record: AnimeRecord): string[] {
    const ids = new Set([record.id]);
    for (const stem of stemsOf(record)) {
      for (const other of this.byStem.get(stem) ?? []) if (!isOneWord(stem) || mayShareSeries(record, other)) ids.add(other.id);
    }
    return [...ids];
  }
}

// A one-word stem can be a dictionary word that unrelated works share (the romance film "Samurai"
// vs "Samurai 7"): those must also share a genre when both have any.
const isOneWord = (stem: string) => !stem.includes(' ');
const mayShareSeries = (a: AnimeRecord, b: AnimeRecord) => a.tags.length === 0 || b.tags.length === 0 || a.tags.some((tag) => b.tags.includes(tag));

function stemsOf(record: AnimeRecord): Set<string> {
  const stems = new Set<string>();
  for (const title of [record.title, record.titleEnglish]) {
    const stem = seriesStem(title);
    if (stem) stems.add(stem);
  }
  return stems;
}
