// AniDB HTTP API answers (https://wiki.anidb.net/HTTP_API_Definition), read once at the edge: the XML
// is parsed with fast-xml-parser, then checked with zod. Written from real recordings
// (test/fixtures/upstream/anidb): attributes sit beside `#text`, lists may have one element, and an
// empty container (`<characters>\n</characters>`) parses as an empty string.
import { XMLValidator } from 'fast-xml-parser';
import { stringXmlParser } from '../../src/text/xml.js';
import { z } from 'zod';
import { AppError, ErrorCode } from '../../src/errors/index.js';

/** Elements that are lists even when AniDB sends one (paths as fast-xml-parser names them). */
const LISTS = new Set([
  'anime.titles.title',
  'anime.relatedanime.anime',
  'anime.creators.name',
  'anime.resources.resource',
  'anime.resources.resource.externalentity',
  'anime.resources.resource.externalentity.identifier',
  'anime.resources.resource.externalentity.url',
  'anime.tags.tag',
  'anime.episodes.episode',
  'anime.episodes.episode.title',
  'animetitles.anime',
  'animetitles.anime.title',
]);

export const anidbXmlParser = stringXmlParser(LISTS);

/** An element's text whether or not it has attributes. */
const text = z.union([z.string(), z.object({ '#text': z.union([z.string(), z.number()]).optional() }).passthrough()]).transform((v) =>
  typeof v === 'string' ? v : v['#text'] === undefined ? '' : String(v['#text']),
);

/** A container element: its items, or none when it is empty or absent. */
function container<K extends string, T extends z.ZodTypeAny>(key: K, item: T) {
  return z
    .union([z.literal(''), z.object({ [key]: z.array(item).optional() } as Record<K, z.ZodOptional<z.ZodArray<T>>>).passthrough()])
    .optional()
    .transform((value): Array<z.output<T>> => (value && typeof value === 'object' ? ((value as Record<K, Array<z.output<T>> | undefined>)[key] ?? []) : []));
}

const titleSchema = z.object({ '#text': z.string().optional(), 'xml:lang': z.string().optional(), type: z.string().optional() }).passthrough();
const ratingSchema = z.object({ '#text': z.string().optional(), count: z.string().optional(), votes: z.string().optional() }).passthrough();

const episodeSchema = z
  .object({
    id: z.string(),
    epno: z.object({ '#text': z.string().optional(), type: z.string().optional() }).passthrough(),
    length: text.optional(),
    airdate: text.optional(),
    rating: ratingSchema.optional(),
    title: z.array(titleSchema).optional(),
    summary: text.optional(),
  })
  .passthrough();

const tagSchema = z
  .object({
    id: z.string(),
    weight: z.string().optional(),
    localspoiler: z.string().optional(),
    globalspoiler: z.string().optional(),
    verified: z.string().optional(),
    name: text,
    description: text.optional(),
  })
  .passthrough();

const entitySchema = z
  .object({ identifier: z.array(text).optional(), url: z.array(text).optional() })
  .passthrough();

export const anidbAnimeSchema = z.object({
  anime: z
    .object({
      id: z.string().regex(/^\d+$/),
      restricted: z.string().optional(),
      type: text.optional(),
      episodecount: text.optional(),
      startdate: text.optional(),
      enddate: text.optional(),
      titles: container('title', titleSchema),
      relatedanime: container('anime', z.object({ id: z.string(), type: z.string().optional(), '#text': z.string().optional() }).passthrough()),
      url: text.optional(),
      creators: container('name', z.object({ id: z.string().optional(), type: z.string().optional(), '#text': z.string().optional() }).passthrough()),
      description: text.optional(),
      ratings: z
        .union([z.literal(''), z.object({ permanent: ratingSchema.optional(), temporary: ratingSchema.optional(), review: ratingSchema.optional() }).passthrough()])
        .optional(),
      picture: text.optional(),
      resources: container('resource', z.object({ type: z.string(), externalentity: z.array(entitySchema).optional() }).passthrough()),
      tags: container('tag', tagSchema),
      episodes: container('episode', episodeSchema),
    })
    .passthrough(),
});

export type UpstreamAnidbAnime = z.output<typeof anidbAnimeSchema>['anime'];
export type UpstreamEpisode = z.output<typeof episodeSchema>;
export type UpstreamTag = z.output<typeof tagSchema>;

/** The AniDB error answer's text and code (`<error code="302">…</error>`), or null for any other body. */
export function anidbErrorOf(body: string): { message: string; code: string | null } | null {
  const head = body.trimStart().slice(0, 200);
  if (!/^(<\?xml[^>]*>\s*)?<error[\s>]/i.test(head)) return null;
  try {
    const parsed = anidbXmlParser.parse(body) as { error?: unknown };
    const error = parsed.error;
    if (typeof error === 'string') return { message: error, code: null };
    if (error && typeof error === 'object') {
      const record = error as Record<string, unknown>;
      return { message: String(record['#text'] ?? ''), code: record['code'] === undefined ? null : String(record['code']) };
    }
  } catch {
    // fall through: a malformed error body is just malformed
  }
  return { message: body.trim().slice(0, 200), code: null };
}

/** An HTML page (AniDB's AntiLeech page, its nginx error pages) where XML was expected. */
export function isHtml(body: string, contentType: string | null): boolean {
  if (contentType && /text\/html/i.test(contentType)) return true;
  return /^\s*(<!doctype html|<html[\s>])/i.test(body);
}

/** Reads an AniDB XML answer into plain objects; HTML and malformed XML become SOURCE_BAD_RESPONSE. */
export function decodeAnidbXml(source: string, body: string, contentType: string | null, status: number): unknown {
  if (isHtml(body, contentType)) {
    const title = /<title>([^<]*)<\/title>/i.exec(body)?.[1]?.trim();
    throw new AppError(ErrorCode.SOURCE_BAD_RESPONSE, `${source} sent an HTML page where XML was expected${title ? ` ("${title}")` : ''}`, {
      source,
      status,
      reason: 'html',
    });
  }
  const valid = XMLValidator.validate(body);
  if (valid !== true) {
    throw new AppError(ErrorCode.SOURCE_BAD_RESPONSE, `${source} sent malformed XML (line ${valid.err.line}: ${valid.err.msg})`, {
      source,
      status,
      reason: 'malformed-xml',
    });
  }
  return anidbXmlParser.parse(body);
}
