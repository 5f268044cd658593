// Anime News Network answers read once at the edge: the encyclopedia API (`api.xml`) and the news
// feed (RSS 2.0), parsed with fast-xml-parser and checked with zod. Written from real recordings
// (test/fixtures/upstream/ann, rss): attributes sit beside `#text`, an element without attributes
// is a bare string, and any list may hold one element.
import { XMLValidator } from 'fast-xml-parser';
import { stringXmlParser } from '../../src/text/xml.js';
import { z } from 'zod';
import { AppError, ErrorCode } from '../../src/errors/index.js';

/** Elements that are lists even when ANN sends one (paths as fast-xml-parser names them). */
const LISTS = new Set([
  'ann.anime',
  'ann.warning',
  'ann.anime.info',
  'ann.anime.related-prev',
  'ann.anime.related-next',
  'ann.anime.episode',
  'ann.anime.episode.title',
  'ann.anime.review',
  'ann.anime.release',
  'ann.anime.news',
  'ann.anime.staff',
  'ann.anime.cast',
  'ann.anime.credit',
  'rss.channel.item',
  'rss.channel.item.category',
]);

const parser = stringXmlParser(LISTS);

/** Looks like a web page (an error or block page), not the XML we asked for. */
export function isHtml(body: string, contentType: string | null): boolean {
  if (contentType && /text\/html/i.test(contentType)) return true;
  return /^\s*(<\?xml[^>]*>\s*)?(<!--[\s\S]*?-->\s*)*<(!doctype\s+html|html)[\s>]/i.test(body);
}

/**
 * A document type declaration is dropped before parsing: neither answer needs one, and its
 * entities are how XML bombs work. Real feeds carry them (the recorded RSS documents declare a
 * parameter entity fast-xml-parser rejects), so dropping is better than refusing.
 */
const withoutDoctype = (body: string) => body.replace(/<!DOCTYPE[^[>]*(\[[\s\S]*?\])?\s*>/i, '');

/** Parses an XML body; HTML or malformed XML is SOURCE_BAD_RESPONSE with the reason. */
export function decodeXml(source: string, body: string, contentType: string | null, status: number): unknown {
  const bad = (message: string, extra: Record<string, unknown> = {}) => new AppError(ErrorCode.SOURCE_BAD_RESPONSE, message, { source, status, ...extra });
  if (isHtml(body, contentType)) throw bad(`${source} answered with an HTML page where XML was expected`, { reason: 'html' });
  const xml = withoutDoctype(body);
  const valid = XMLValidator.validate(xml);
  if (valid !== true) {
    throw bad(`${source} sent malformed XML (line ${valid.err.line}: ${valid.err.msg})`, { reason: 'malformed-xml' });
  }
  try {
    return parser.parse(xml);
  } catch (error) {
    throw bad(`${source} sent XML it could not read (${error instanceof Error ? error.message : String(error)})`, { reason: 'malformed-xml' });
  }
}

/** An element read as an object whether or not it had attributes (`<task>Director</task>` is a bare string). */
function element<T extends z.ZodRawShape>(shape: T) {
  return z.preprocess(
    (value) => (typeof value === 'string' ? { '#text': value } : value),
    z.object({ ...shape, '#text': z.string().optional() }).passthrough(),
  );
}

const attr = z.string().optional();

const infoSchema = element({ type: attr, lang: attr, href: attr, src: attr, gid: attr });
const titleSchema = element({ lang: attr, gid: attr });
const linkSchema = element({ href: attr, date: attr, datetime: attr });
const personSchema = element({ id: attr });
const relatedSchema = element({ rel: attr, id: attr });
const list = <T extends z.ZodTypeAny>(item: T) => z.array(item).default([]);

export const annAnimeSchema = element({
  id: z.string().regex(/^\d+$/, 'ANN anime ids are digits'),
  gid: attr,
  type: attr,
  name: attr,
  precision: attr,
  'generated-on': attr,
  'related-prev': list(relatedSchema),
  'related-next': list(relatedSchema),
  info: list(infoSchema),
  ratings: element({ nb_votes: attr, weighted_score: attr, bayesian_score: attr }).optional(),
  episode: list(element({ num: attr, title: list(titleSchema) })),
  review: list(linkSchema),
  release: list(linkSchema),
  news: list(linkSchema),
  staff: list(element({ gid: attr, task: element({}).optional(), person: personSchema.optional() })),
  cast: list(element({ gid: attr, lang: attr, role: element({}).optional(), person: personSchema.optional() })),
  credit: list(element({ gid: attr, task: element({}).optional(), company: personSchema.optional() })),
});
export type UpstreamAnnAnime = z.output<typeof annAnimeSchema>;

/** `<ann>`: the anime found, and a `<warning>no result for anime=…</warning>` per id ANN does not know. */
export const annAnswerSchema = z
  .object({
    ann: z.union([
      z.literal(''),
      z.object({ anime: list(annAnimeSchema), warning: list(element({})) }).passthrough(),
    ]),
  })
  .passthrough()
  .transform(({ ann }) => (typeof ann === 'string' ? { anime: [], warning: [] } : ann));
export type UpstreamAnnAnswer = z.output<typeof annAnswerSchema>;

const rssItemSchema = element({
  title: element({}).optional(),
  link: element({}).optional(),
  guid: element({ isPermaLink: attr }).optional(),
  description: element({}).optional(),
  pubDate: element({}).optional(),
  category: list(element({ domain: attr })),
});
export type UpstreamRssItem = z.output<typeof rssItemSchema>;

/** An RSS 2.0 document (`<rss><channel><item>…`); an empty channel has no items. */
export const rssSchema = z
  .object({
    rss: z.object({
      channel: z.union([z.literal(''), element({ title: element({}).optional(), item: list(rssItemSchema) })]),
    }).passthrough(),
  })
  .passthrough()
  .transform(({ rss }) => (typeof rss.channel === 'string' ? { title: null, items: [] } : { title: rss.channel.title?.['#text'] ?? null, items: rss.channel.item }));
export type UpstreamRss = z.output<typeof rssSchema>;
