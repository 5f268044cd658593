// What every catalog provider yields: records in the universal shape, plus a load report.
import type { z } from 'zod';
import type { AnimeRecord } from '../../domain/index.js';

/** One provider's view of one anime; merged with others that share a platform id. */
export type SourceRecord = Omit<AnimeRecord, 'id' | 'providers'> & { provider: string };

export interface ProviderReport {
  provider: string;
  licence: string;
  loaded: number;
  /** Entries that failed validation: counted, reported and skipped. */
  skipped: number;
  /** A few examples of why entries were skipped (bounded, for logs and /health). */
  problems: string[];
}

export interface ProviderResult {
  records: SourceRecord[];
  report: ProviderReport;
}

export const MAX_REPORTED_PROBLEMS = 10;

/** Collects validation failures without letting one bad entry stop a load. */
export class SkipLog {
  skipped = 0;
  readonly problems: string[] = [];
  add(where: string, why: string): void {
    this.skipped += 1;
    if (this.problems.length < MAX_REPORTED_PROBLEMS) this.problems.push(`${where}: ${why}`);
  }
}

/**
 * Validates a provider's entries one by one: valid ones are mapped, invalid ones counted and
 * reported with where and why, so one bad entry never stops a load.
 */
export function mapValidEntries<S extends z.ZodType>(
  provider: string,
  licence: string,
  entries: readonly unknown[],
  schema: S,
  label: string,
  toRecord: (entry: z.infer<S>) => SourceRecord,
): ProviderResult {
  const skips = new SkipLog();
  const records: SourceRecord[] = [];
  entries.forEach((raw, index) => {
    const entry = schema.safeParse(raw);
    if (entry.success) {
      records.push(toRecord(entry.data));
      return;
    }
    const issue = entry.error.issues[0];
    skips.add(`${label} ${index}`, issue ? `${issue.path.join('.') || label}: ${issue.message}` : 'invalid');
  });
  return { records, report: { provider, licence, loaded: records.length, skipped: skips.skipped, problems: skips.problems } };
}

export function emptyRecord(provider: string, title: string): SourceRecord {
  return {
    provider,
    title,
    titleEnglish: null,
    titleJapanese: null,
    titleRomaji: null,
    synonyms: [],
    format: 'UNKNOWN' as SourceRecord['format'],
    episodes: null,
    status: 'UNKNOWN' as SourceRecord['status'],
    season: null,
    year: null,
    startDate: null,
    endDate: null,
    durationSeconds: null,
    picture: null,
    thumbnail: null,
    synopsis: null,
    tags: [],
    studios: [],
    producers: [],
    score: null,
    popularity: null,
    platformIds: [],
    relations: [],
    streaming: [],
    officialSite: null,
  };
}
