// Provider for data/mal-anime-2016.csv (CC0, the Kaggle "Anime Recommendations Database",
// CooperUnion 2016, scraped from myanimelist.net): 12,297 MyAnimeList entries with MAL's main
// title, genres, type, episodes, average rating and members. It gives the display title most
// people know an anime by (see display-title.ts), a popularity signal (members) and tags, score and
// format where the other providers have none; MAL entries no other provider knows become entries.
import { readFile } from 'node:fs/promises';
import { decodeHTML } from 'entities';
import { z } from 'zod';
import { canonicalTags, Platform, toUniversalFormat } from '../../domain/index.js';
import { platformUrl } from '../../crosswalk/index.js';
import { CatalogFileError } from './aod.js';
import { CsvSyntaxError, parseCsv } from './csv.js';
import { emptyRecord, SkipLog, type ProviderResult, type SourceRecord } from './types.js';

export const MAL_2016_PROVIDER = 'mal-anime-2016';
const LICENCE = 'CC0-1.0';
const COLUMNS = ['anime_id', 'name', 'genre', 'type', 'episodes', 'rating', 'members'] as const;

const count = z.string().regex(/^\d+$/, 'expected a whole number').transform(Number);
const rowSchema = z.object({
  anime_id: z.string().regex(/^[1-9]\d*$/, 'expected a MAL id'),
  // The scrape kept MAL's HTML escaping in names ("Gintama&#039;", "Girls &amp; Panzer").
  name: z
    .string()
    .transform((name) => decodeHTML(name).trim())
    .pipe(z.string().min(1, 'empty name')),
  genre: z.string().transform((genres) => genres.split(',').map((g) => g.trim()).filter(Boolean)),
  // Empty for a few entries announced but not yet typed.
  type: z.enum(['TV', 'OVA', 'Movie', 'Special', 'ONA', 'Music', '']),
  // "Unknown" while a series was airing with no announced length.
  episodes: z.union([z.literal('Unknown').transform(() => null), count.pipe(z.number().int().positive())]),
  // Empty for entries nobody had scored yet.
  rating: z.union([z.literal('').transform(() => null), z.string().regex(/^\d+(\.\d+)?$/, 'expected a rating').transform(Number).pipe(z.number().min(1).max(10))]),
  members: z.union([z.literal('').transform(() => null), count]),
});
type MalRow = z.infer<typeof rowSchema>;

export async function loadMal2016(path: string): Promise<ProviderResult> {
  let rows;
  try {
    rows = parseCsv(await readFile(path, 'utf8'));
  } catch (error) {
    throw new CatalogFileError(path, error instanceof CsvSyntaxError ? `not valid CSV (${error.message})` : (error as Error).message);
  }
  const [header, ...data] = rows;
  if (!header || header.fields.join(',') !== COLUMNS.join(',')) {
    throw new CatalogFileError(path, `expected the columns ${COLUMNS.join(',')}, found ${header?.fields.join(',') ?? 'nothing'}`);
  }
  const skips = new SkipLog();
  const records: SourceRecord[] = [];
  for (const { line, fields } of data) {
    if (fields.length !== COLUMNS.length) {
      skips.add(`line ${line}`, `expected ${COLUMNS.length} fields, found ${fields.length}`);
      continue;
    }
    const row = rowSchema.safeParse(Object.fromEntries(COLUMNS.map((column, i) => [column, fields[i]])));
    if (row.success) {
      records.push(toRecord(row.data));
      continue;
    }
    const issue = row.error.issues[0];
    skips.add(`line ${line}`, issue ? `${issue.path.join('.') || 'row'}: ${issue.message}` : 'invalid');
  }
  return {
    records,
    report: { provider: MAL_2016_PROVIDER, licence: LICENCE, loaded: records.length, skipped: skips.skipped, problems: skips.problems },
  };
}

function toRecord(row: MalRow): SourceRecord {
  const record = emptyRecord(MAL_2016_PROVIDER, row.name);
  record.format = toUniversalFormat(row.type);
  record.episodes = row.episodes;
  record.score = row.rating;
  record.popularity = row.members;
  record.tags = canonicalTags(row.genre);
  record.platformIds = [{ platform: Platform.MAL, id: row.anime_id, url: platformUrl(Platform.MAL, row.anime_id) }];
  return record;
}
