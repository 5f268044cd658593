// Provider for data/animestream-catalog-movies.json (MIT, from Zen0-99/animestream-addon):
// 1,643 anime films with MAL/AniList/Kitsu/AniDB/IMDb ids, English names, synonyms,
// descriptions, genres, ratings and runtimes.
import { readFile } from 'node:fs/promises';
import { z } from 'zod';
import { AnimeFormat, Platform, toUniversalSeason, toUniversalStatus } from '../../domain/index.js';
import { platformUrl } from '../../crosswalk/index.js';
import { emptyRecord, mapValidEntries, type ProviderResult, type SourceRecord } from './types.js';

export const MOVIES_PROVIDER = 'animestream-movies';
const LICENCE = 'MIT';

const optionalId = z.union([z.number().int().positive(), z.string().regex(/^\d+$/)]).nullish();
const movieSchema = z.object({
  // Some films carry a non-IMDb id here (e.g. a kitsu slug); it is ignored, not fatal.
  imdb_id: z.string().nullish(),
  kitsu_id: optionalId,
  mal_id: optionalId,
  anilist_id: optionalId,
  anidb_id: optionalId,
  name: z.string().trim().min(1),
  slug: z.string().nullish(),
  description: z.string().nullish(),
  year: z.number().int().min(1900).max(2100).nullish(),
  season: z.string().nullish(),
  status: z.string().nullish(),
  rating: z.number().min(0).max(10).nullish(),
  poster: z.string().nullish(),
  genres: z.array(z.string()).default([]),
  runtime: z.string().nullish(),
  synonyms: z.array(z.string()).default([]),
});
const fileSchema = z.object({ catalog: z.array(z.unknown()) });

export async function loadAnimestreamMovies(path: string): Promise<ProviderResult> {
  const file = fileSchema.parse(JSON.parse(await readFile(path, 'utf8')));
  return mapValidEntries(MOVIES_PROVIDER, LICENCE, file.catalog, movieSchema, 'film', toRecord);
}

function toRecord(movie: z.infer<typeof movieSchema>): SourceRecord {
  const record = emptyRecord(MOVIES_PROVIDER, movie.name);
  record.titleEnglish = movie.name;
  record.synonyms = [...new Set(movie.synonyms.map((s) => s.trim()).filter((s) => s && s !== movie.name))];
  record.format = AnimeFormat.MOVIE;
  record.episodes = 1;
  record.status = toUniversalStatus(movie.status);
  record.year = movie.year ?? null;
  record.season = toUniversalSeason(movie.season);
  record.synopsis = movie.description?.trim() || null;
  record.score = movie.rating ?? null;
  record.picture = movie.poster ?? null;
  record.tags = movie.genres.filter((g) => g !== 'Animation').map((g) => g.toLowerCase());
  const minutes = movie.runtime?.match(/^(\d+)\s*min/)?.[1];
  record.durationSeconds = minutes ? Number(minutes) * 60 : null;
  const ids: Array<[Platform, string | number | null | undefined]> = [
    [Platform.MAL, movie.mal_id],
    [Platform.ANILIST, movie.anilist_id],
    [Platform.KITSU, movie.kitsu_id],
    [Platform.ANIDB, movie.anidb_id],
    [Platform.IMDB, movie.imdb_id && /^tt\d+$/.test(movie.imdb_id) ? movie.imdb_id : null],
  ];
  for (const [platform, id] of ids) {
    if (id !== null && id !== undefined) record.platformIds.push({ platform, id: String(id), url: platformUrl(platform, String(id)) });
  }
  return record;
}
