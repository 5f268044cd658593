// The manami anime-offline-database (AOD) file format, validated with zod at the edge.
// Entries are validated one by one so a malformed entry is skipped and reported, not fatal.
import { z } from 'zod';

/** The outer file: the data array is checked entry by entry with `aodEntrySchema`. */
export const aodFileSchema = z.object({
  license: z.object({ name: z.string(), url: z.string() }).partial().passthrough().optional(),
  repository: z.string().optional(),
  lastUpdate: z.string().optional(),
  data: z.array(z.unknown()),
});

const season = z.enum(['SPRING', 'SUMMER', 'FALL', 'WINTER', 'UNDEFINED']);

export const aodEntrySchema = z.object({
  sources: z.array(z.string().url()).min(1),
  title: z.string().trim().min(1),
  // AOD uses TV, MOVIE, OVA, ONA, SPECIAL, UNKNOWN; derived dumps add e.g. "Music": kept as text and mapped later.
  type: z.string().default('UNKNOWN'),
  episodes: z.number().int().nonnegative().nullable().optional(),
  status: z.string().default('UNKNOWN'),
  animeSeason: z
    .object({ season: season.optional(), year: z.number().int().min(1900).max(2100).nullable().optional() })
    .optional(),
  picture: z.string().nullable().optional(),
  thumbnail: z.string().nullable().optional(),
  duration: z.object({ value: z.number().nonnegative(), unit: z.string() }).nullable().optional(),
  score: z
    .object({ arithmeticGeometricMean: z.number(), arithmeticMean: z.number(), median: z.number() })
    .partial()
    .nullable()
    .optional(),
  synonyms: z.array(z.string()).default([]),
  studios: z.array(z.string()).default([]),
  producers: z.array(z.string()).default([]),
  relatedAnime: z.array(z.string()).default([]),
  tags: z.array(z.string()).default([]),
});

export type AodFile = z.infer<typeof aodFileSchema>;
export type AodEntry = z.infer<typeof aodEntrySchema>;
