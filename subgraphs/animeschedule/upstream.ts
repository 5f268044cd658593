// Shapes of AnimeSchedule v3 responses, parsed once at the edge (zod). Written from real recordings
// (test/fixtures/upstream/animeschedule): timestamps are ISO 8601 with `0001-01-01T00:00:00Z` for
// "not set"; stream links appear as an array (`streams: [{ platform, url, name }]`, current API) or
// as one key per platform (older responses), so both are accepted.
import { z } from 'zod';

const named = z.object({ name: z.string(), route: z.string().optional() });

/** Either `[{ platform, url, name }]` or `{ platform: url }`; normalized to the array form. */
const streamList = z
  .union([
    z.array(z.object({ platform: z.string(), url: z.string(), name: z.string().optional() })),
    z.record(z.string(), z.string()),
  ])
  .nullish()
  .transform((value) => {
    if (!value) return [];
    if (Array.isArray(value)) return value.map((s) => ({ platform: s.platform, url: s.url, name: s.name ?? null }));
    return Object.entries(value).map(([platform, url]) => ({ platform, url, name: null }));
  });

export type UpstreamStream = { platform: string; url: string; name: string | null };

const timestamp = z.string();

const episodeOverride = z
  .object({ overrideDate: timestamp.optional(), overrideEpisode: z.number().optional(), episodesAired: z.number().optional() })
  .passthrough()
  .optional();

export const animeSchema = z
  .object({
    id: z.string(),
    title: z.string(),
    route: z.string(),
    premier: timestamp.optional(),
    subPremier: timestamp.optional(),
    dubPremier: timestamp.optional(),
    month: z.string().optional(),
    year: z.number().optional(),
    season: z.object({ title: z.string().optional(), year: z.string().optional(), season: z.string().optional(), route: z.string().optional() }).optional(),
    episodeOverride,
    subEpisodeOverride: episodeOverride,
    dubEpisodeOverride: episodeOverride,
    delayedFrom: timestamp.optional(),
    delayedUntil: timestamp.optional(),
    subDelayedFrom: timestamp.optional(),
    subDelayedUntil: timestamp.optional(),
    dubDelayedFrom: timestamp.optional(),
    dubDelayedUntil: timestamp.optional(),
    jpnTime: timestamp.optional(),
    subTime: timestamp.optional(),
    dubTime: timestamp.optional(),
    description: z.string().optional(),
    genres: z.array(named).optional(),
    studios: z.array(named).optional(),
    sources: z.array(named).optional(),
    mediaTypes: z.array(named).optional(),
    episodes: z.number().optional(),
    lengthMin: z.number().optional(),
    status: z.string().optional(),
    imageVersionRoute: z.string().optional(),
    names: z
      .object({ romaji: z.string().optional(), english: z.string().optional(), native: z.string().optional(), synonyms: z.array(z.string()).optional() })
      .passthrough()
      .optional(),
    // Site links without a scheme (`myanimelist.net/anime/1`); stream sites are extra keys in older responses.
    websites: z.record(z.string(), z.unknown()).optional(),
  })
  .passthrough();

export type UpstreamAnime = z.infer<typeof animeSchema>;

/** `GET /anime?mal-ids=…`: one page of matches. */
export const animePageSchema = z.object({
  page: z.number().optional(),
  totalAmount: z.number().optional(),
  anime: z.array(animeSchema).nullish().transform((list) => list ?? []),
});

export const timetableEntrySchema = z
  .object({
    title: z.string(),
    route: z.string(),
    romaji: z.string().optional(),
    english: z.string().optional(),
    native: z.string().optional(),
    delayedText: z.string().optional(),
    delayedFrom: timestamp.optional(),
    delayedUntil: timestamp.optional(),
    status: z.string().optional(),
    episodeDate: timestamp,
    episodeNumber: z.number(),
    subtractedEpisodeNumber: z.number().optional(),
    episodes: z.number().optional(),
    lengthMin: z.number().optional(),
    donghua: z.boolean().optional(),
    airType: z.string(),
    mediaTypes: z.array(named).optional(),
    imageVersionRoute: z.string().optional(),
    streams: streamList,
    airingStatus: z.string().optional(),
  })
  .passthrough();

export type UpstreamTimetableEntry = z.infer<typeof timetableEntrySchema>;

/** `GET /timetables/{airType}`: a bare array of the week's episodes. */
export const timetableSchema = z.array(timetableEntrySchema);

export { streamList as streamListSchema };
