// Provider for the npm package `bangumi-data` (CC-BY-4.0): ~8.5k real anime with Japanese and
// translated titles, dates, platform ids and regional streaming offers. It installs with
// `npm ci`, so a fresh clone serves a real catalog with no download.
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { decodeHTML } from 'entities';
import { z } from 'zod';
import { AnimeStatus, Platform, seasonOfMonth, toUniversalFormat, type StreamingOffer } from '../../domain/index.js';
import { platformUrl } from '../../crosswalk/index.js';
import { emptyRecord, mapValidEntries, type ProviderResult, type SourceRecord } from './types.js';

export const BANGUMI_DATA_PROVIDER = 'bangumi-data';
const LICENCE = 'CC-BY-4.0';

const siteSchema = z.object({
  site: z.string(),
  id: z.string().optional(),
  url: z.string().optional(),
  begin: z.string().optional(),
  regions: z.array(z.string()).optional(),
});

// A few bangumi-data titles keep HTML escaping ("TIGER &amp; BUNNY 2", "ODD&amp;EVEN NUMBERS").
const name = z.string().transform((text) => decodeHTML(text).trim());

const itemSchema = z.object({
  title: name.pipe(z.string().min(1)),
  titleTranslate: z.record(z.string(), z.array(name)).default({}),
  type: z.string(),
  lang: z.string().optional(),
  officialSite: z.string().optional(),
  begin: z.string().optional(),
  end: z.string().optional(),
  sites: z.array(siteSchema).default([]),
});

const siteMetaSchema = z.record(
  z.string(),
  z.object({ title: z.string(), urlTemplate: z.string(), type: z.string(), regions: z.array(z.string()).optional() }),
);

const fileSchema = z.object({ siteMeta: siteMetaSchema, items: z.array(z.unknown()) });

type Item = z.infer<typeof itemSchema>;
type SiteMeta = z.infer<typeof siteMetaSchema>;

/** bangumi-data site keys that are platform ids (the rest with type onair are streaming offers). */
const ID_SITES: Record<string, Platform> = {
  mal: Platform.MAL,
  aniList: Platform.ANILIST,
  anidb: Platform.ANIDB,
  bangumi: Platform.BANGUMI,
};

export function bangumiDataPath(): string {
  return createRequire(import.meta.url).resolve('bangumi-data');
}

export async function loadBangumiData(path = bangumiDataPath(), now = new Date()): Promise<ProviderResult> {
  const file = fileSchema.parse(JSON.parse(await readFile(path, 'utf8')));
  const result = mapValidEntries(BANGUMI_DATA_PROVIDER, LICENCE, file.items, itemSchema, 'item', (item) => toRecord(item, file.siteMeta, now));
  const records = foldRelistings(result.records);
  return { records, report: { ...result.report, loaded: records.length } };
}

/**
 * bangumi-data lists a few anime twice: once under the Japanese title and once under a Chinese
 * one with other streaming sites ("シュタインズ・ゲート ゼロ" and "命运石之门 0", both bangumi
 * 129807, both starting 2018-04-11). Two items with one bangumi.tv subject, one format and one
 * first day are one anime: the later one's names, ids and offers join the first, and its titles
 * fill what the first lacks. Items of one subject starting on other days stay apart (a listing
 * per part, a re-run).
 */
export function foldRelistings(records: SourceRecord[]): SourceRecord[] {
  const firstOf = new Map<string, SourceRecord>();
  const kept: SourceRecord[] = [];
  for (const record of records) {
    const subject = record.platformIds.find((p) => p.platform === Platform.BANGUMI)?.id;
    const key = subject && record.startDate ? `${subject} ${record.format} ${record.startDate}` : null;
    const first = key ? firstOf.get(key) : undefined;
    if (!first) {
      if (key) firstOf.set(key, record);
      kept.push(record);
      continue;
    }
    first.titleEnglish ??= record.titleEnglish;
    first.titleJapanese ??= record.titleJapanese;
    first.officialSite ??= record.officialSite;
    first.endDate ??= record.endDate;
    first.synonyms = unique([...first.synonyms, record.title, ...record.synonyms]).filter((t) => t !== first.title);
    for (const pid of record.platformIds) if (!first.platformIds.some((p) => p.platform === pid.platform && p.id === pid.id)) first.platformIds.push(pid);
    for (const offer of record.streaming) if (!first.streaming.some((o) => o.service === offer.service && o.url === offer.url)) first.streaming.push(offer);
  }
  return kept;
}

function toRecord(item: Item, siteMeta: SiteMeta, now: Date): SourceRecord {
  const english = item.titleTranslate['en'] ?? [];
  const record = emptyRecord(BANGUMI_DATA_PROVIDER, english[0] ?? item.title);
  record.titleJapanese = item.lang === 'ja' || item.lang === undefined ? item.title : null;
  record.titleEnglish = english[0] ?? null;
  record.synonyms = unique([item.title, ...Object.values(item.titleTranslate).flat()]).filter((t) => t !== record.title);
  record.format = toUniversalFormat(item.type);
  record.officialSite = item.officialSite || null;
  const begin = parseDate(item.begin);
  const end = parseDate(item.end);
  record.startDate = begin ? jstDay(begin) : null;
  record.endDate = end ? jstDay(end) : null;
  if (begin) {
    const jst = new Date(begin.getTime() + 9 * 3600_000);
    record.year = jst.getUTCFullYear();
    record.season = seasonOfMonth(jst.getUTCMonth() + 1);
  }
  record.status = statusFromDates(begin, end, record.format, now);
  for (const site of item.sites) {
    const platform = ID_SITES[site.site];
    if (platform && site.id) {
      record.platformIds.push({ platform, id: site.id, url: platformUrl(platform, site.id) });
      continue;
    }
    const meta = siteMeta[site.site];
    if (meta?.type === 'onair') record.streaming.push(toOffer(site, meta));
  }
  return record;
}

function toOffer(site: z.infer<typeof siteSchema>, meta: SiteMeta[string]): StreamingOffer {
  const url = site.url ?? (site.id ? meta.urlTemplate.replace('{{id}}', site.id) : null);
  return { service: site.site, url, regions: site.regions ?? meta.regions ?? [], since: parseDate(site.begin)?.toISOString() ?? null };
}

// Dates in bangumi-data are UTC instants of the JST broadcast; a season is a JST notion.
function jstDay(date: Date): string {
  return new Date(date.getTime() + 9 * 3600_000).toISOString().slice(0, 10);
}

function parseDate(value: string | undefined): Date | null {
  if (!value) return null;
  const date = new Date(value);
  return Number.isNaN(date.getTime()) ? null : date;
}

const LONG_AGO_MS = 2 * 365 * 24 * 3600_000;

function statusFromDates(begin: Date | null, end: Date | null, format: string, now: Date): AnimeStatus {
  if (!begin) return AnimeStatus.UNKNOWN;
  if (begin > now) return AnimeStatus.UPCOMING;
  if (end) return end <= now ? AnimeStatus.COMPLETED : AnimeStatus.AIRING;
  // A one-off release with no end date is complete once it is out; a series is only known
  // to be airing while its start is recent.
  if (format === 'MOVIE' || format === 'OVA') return AnimeStatus.COMPLETED;
  return now.getTime() - begin.getTime() < LONG_AGO_MS ? AnimeStatus.AIRING : AnimeStatus.UNKNOWN;
}

function unique(values: string[]): string[] {
  return [...new Set(values.map((v) => v.trim()).filter(Boolean))];
}
