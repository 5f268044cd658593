// Reading scraped pages: cheerio for the HTML, the page's JSON-LD (schema.org) where it has one,
// and one error for a layout that no longer has what a parser expects.
import type { CheerioAPI } from 'cheerio';

export type { CheerioAPI };

let cheerio: typeof import('cheerio') | undefined;

/**
 * Loads cheerio, the first time a page is to be read: it and its parsers are ~100 modules, ~0.2 s
 * of every start, and most starts never scrape. ScrapedSite awaits it before any page.
 */
export async function loadParser(): Promise<void> {
  cheerio ??= await import('cheerio');
}

function parser(): typeof import('cheerio') {
  if (!cheerio) throw new Error('a page read before loadParser(): await loadParser() once first');
  return cheerio;
}

/** A page without an element a parser needs: the site changed its layout (site.ts → SOURCE_BAD_RESPONSE naming `field`). */
export class LayoutChanged extends Error {
  constructor(
    readonly field: string,
    readonly selector: string,
  ) {
    super(`${field} not found (${selector})`);
    this.name = 'LayoutChanged';
  }
}

/**
 * The page, with Cloudflare's e-mail obfuscation undone: titles containing "@" come as
 * `<a class="__cf_email__" data-cfemail="…">[email protected]</a>` (Anime-Planet's "GJ-bu@").
 */
export function loadPage(html: string): CheerioAPI {
  const $ = parser().load(html);
  $('.__cf_email__[data-cfemail]').each((_, el) => {
    const decoded = decodeCfEmail($(el).attr('data-cfemail') ?? '');
    if (decoded !== null) $(el).replaceWith(decoded);
  });
  return $;
}

/** Cloudflare's published scheme: hex bytes, the first is the key XORed with each of the rest. */
export function decodeCfEmail(hex: string): string | null {
  if (!/^(?:[0-9a-f]{2}){2,}$/i.test(hex)) return null;
  const bytes = hex.match(/../g)!.map((h) => parseInt(h, 16));
  const key = bytes[0]!;
  return Buffer.from(bytes.slice(1).map((b) => b ^ key)).toString('utf8');
}

/** Text with runs of white space collapsed; null when empty. */
export function clean(text: string | undefined | null): string | null {
  const value = (text ?? '').replace(/\s+/g, ' ').trim();
  return value === '' ? null : value;
}

/** The required element's text, or LayoutChanged naming the field. */
export function requiredText($: CheerioAPI, selector: string, field: string): string {
  const value = clean($(selector).first().text());
  if (value === null) throw new LayoutChanged(field, selector);
  return value;
}

/** Every JSON-LD object of the page (arrays and @graph flattened); blocks that do not parse are skipped. */
export function jsonLdObjects($: CheerioAPI): Record<string, unknown>[] {
  const objects: Record<string, unknown>[] = [];
  $('script[type="application/ld+json"]').each((_, el) => {
    try {
      const parsed: unknown = JSON.parse($(el).text());
      const items = Array.isArray(parsed) ? parsed : [parsed];
      for (const item of items) {
        if (!item || typeof item !== 'object') continue;
        const graph = (item as { '@graph'?: unknown })['@graph'];
        if (Array.isArray(graph)) objects.push(...graph.filter((g): g is Record<string, unknown> => Boolean(g) && typeof g === 'object'));
        else objects.push(item as Record<string, unknown>);
      }
    } catch {
      // One malformed block must not hide the others.
    }
  });
  return objects;
}

const WORK_TYPES = new Set(['TVSeries', 'Movie', 'CreativeWork', 'CreativeWorkSeries', 'TVSeason', 'VideoObject']);

/** The JSON-LD object describing the work itself (TVSeries, Movie…), or LayoutChanged. */
export function requiredWork($: CheerioAPI): Record<string, unknown> {
  const work = jsonLdObjects($).find((o) => {
    const type = o['@type'];
    return (Array.isArray(type) ? type : [type]).some((t) => typeof t === 'string' && WORK_TYPES.has(t));
  });
  if (!work) throw new LayoutChanged('jsonLd', 'script[type="application/ld+json"] with a TVSeries or Movie');
  return work;
}

// JSON-LD values come as strings or numbers, single or lists, and with HTML entities left in.
export function ldString(value: unknown): string | null {
  if (typeof value === 'number') return String(value);
  if (typeof value !== 'string') return null;
  return clean(parser().load(`<p>${value}</p>`)('p').text());
}

export function ldNumber(value: unknown): number | null {
  const n = typeof value === 'number' ? value : typeof value === 'string' && value.trim() !== '' ? Number(value) : NaN;
  return Number.isFinite(n) ? n : null;
}

export function ldStrings(value: unknown): string[] {
  const list = Array.isArray(value) ? value : value === undefined || value === null ? [] : [value];
  return list.map((v) => (v && typeof v === 'object' ? ldString((v as { name?: unknown }).name) : ldString(v))).filter((v): v is string => v !== null);
}

export function ldObject(value: unknown): Record<string, unknown> | null {
  return value && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : null;
}

/** schema.org AggregateRating → value, votes and the scale the site uses. */
export interface PageRating {
  value: number;
  votes: number | null;
  best: number;
  worst: number | null;
}

export function ldRating(work: Record<string, unknown>): PageRating | null {
  const rating = ldObject(work['aggregateRating']);
  const value = ldNumber(rating?.['ratingValue']);
  const best = ldNumber(rating?.['bestRating']);
  if (!rating || value === null || best === null || best <= 0) return null;
  return { value, votes: ldNumber(rating['ratingCount']), best, worst: ldNumber(rating['worstRating']) };
}

/** A rating on a 0–10 scale, for comparison with other sources (rounded to 2 decimals). */
export function toTenScale(rating: PageRating | null): number | null {
  return rating ? Math.round((rating.value / rating.best) * 1000) / 100 : null;
}

/** An absolute URL on `base` for a site-relative href. */
export function absolute(base: string, href: string | undefined | null): string | null {
  if (!href) return null;
  try {
    return new URL(href, base).toString();
  } catch {
    return null;
  }
}
