// Kitsu JSON:API payloads, parsed once at the edge. Kitsu leaves most attributes null when it does
// not know them (ratings of unrated entries, cover images, episode length…), so nearly every
// attribute is nullish; only ids and types are required.
import { z } from 'zod';

const identifier = z.object({ type: z.string(), id: z.string() });

/** A relationship carries linkage (`data`) only when it was included; otherwise just links. */
const relationship = z.object({ data: z.union([identifier, z.array(identifier), z.null()]).optional() });
const relationships = z.record(z.string(), relationship).optional();

const text = z.string().nullish();
const count = z.number().int().nullish();
const textList = z.array(z.string()).nullish();

const image = z
  .object({ tiny: text, small: text, medium: text, large: text, original: text })
  .nullish();

export const kitsuAnimeAttributes = z.object({
  slug: text,
  synopsis: text,
  description: text,
  titles: z.record(z.string(), z.string().nullable()).nullish(),
  canonicalTitle: text,
  abbreviatedTitles: z.array(z.string().nullable()).nullish(),
  /** 0–100 as a decimal string ("82.23"); null until enough users rated it. */
  averageRating: z.union([z.string(), z.number()]).nullish(),
  /** Rating (2–20, Kitsu's twentieths) → number of users, counts as strings. */
  ratingFrequencies: z.record(z.string(), z.union([z.string(), z.number()])).nullish(),
  userCount: count,
  favoritesCount: count,
  startDate: text,
  endDate: text,
  popularityRank: count,
  ratingRank: count,
  ageRating: text,
  ageRatingGuide: text,
  subtype: text,
  status: text,
  tba: text,
  posterImage: image,
  coverImage: image,
  episodeCount: count,
  episodeLength: count,
  totalLength: count,
  youtubeVideoId: text,
  nsfw: z.boolean().nullish(),
});

export const kitsuAnimeResource = z.object({
  id: z.string(),
  type: z.literal('anime'),
  attributes: kitsuAnimeAttributes,
  relationships,
});

const genre = z.object({ id: z.string(), type: z.literal('genres'), attributes: z.object({ name: text, slug: text }) });
const category = z.object({
  id: z.string(),
  type: z.literal('categories'),
  attributes: z.object({ title: text, slug: text, description: text, nsfw: z.boolean().nullish() }),
});
const streamingLink = z.object({
  id: z.string(),
  type: z.literal('streamingLinks'),
  attributes: z.object({ url: text, subs: textList, dubs: textList, regions: textList }),
  relationships,
});
const streamer = z.object({ id: z.string(), type: z.literal('streamers'), attributes: z.object({ siteName: text }) });
const mapping = z.object({
  id: z.string(),
  type: z.literal('mappings'),
  attributes: z.object({ externalSite: text, externalId: text }),
});

const INCLUDED_TYPES = new Set(['genres', 'categories', 'streamingLinks', 'streamers', 'mappings']);

/**
 * The included resources this subgraph asks for, validated; resources of other types (Kitsu adds
 * none unless asked) are dropped rather than failing the whole response.
 */
const included = z
  .preprocess(
    (value) => (Array.isArray(value) ? value.filter((r) => INCLUDED_TYPES.has((r as { type?: unknown } | null)?.type as string)) : value),
    z.array(z.discriminatedUnion('type', [genre, category, streamingLink, streamer, mapping])),
  )
  .optional();

/** `GET /anime/{id}` (with or without `include`). */
export const kitsuAnimeDocument = z.object({ data: kitsuAnimeResource, included });

/** `GET /anime?filter[…]&page[limit]&page[offset]`. */
export const kitsuAnimeCollection = z.object({
  data: z.array(kitsuAnimeResource),
  included,
  meta: z.object({ count: z.number().int().nullish() }).nullish(),
  links: z.object({ next: text, prev: text }).nullish(),
});

export type KitsuAnimeResource = z.infer<typeof kitsuAnimeResource>;
export type KitsuIncluded = NonNullable<z.infer<typeof included>>[number];
export type KitsuAnimeDocument = z.infer<typeof kitsuAnimeDocument>;
export type KitsuAnimeCollection = z.infer<typeof kitsuAnimeCollection>;
