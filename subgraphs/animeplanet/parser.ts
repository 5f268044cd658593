// Anime-Planet anime page (/anime/<slug>) → record: JSON-LD (TVSeries/Movie) for the description,
// dates, episodes, rating and genres; the entry bar, tag lists and related cards for the rest.
// A missing title or entry bar is a layout change (LayoutChanged → SOURCE_BAD_RESPONSE).
import { absolute, clean, ldNumber, ldRating, ldString, requiredText, requiredWork, toTenScale, LayoutChanged, type CheerioAPI, type PageRating } from '../../src/scrape/index.js';

export const ANIMEPLANET_ORIGIN = 'https://www.anime-planet.com';

export interface AnimePlanetRelationRecord {
  slug: string;
  title: string;
  /** Anime-Planet's relation label ("Side Story", "Sequel"…); null when the card has none. */
  relation: string | null;
  startDate: string | null;
}

export interface AnimePlanetAnimeRecord {
  slug: string;
  url: string;
  title: string;
  alternativeTitles: string[];
  synopsis: string | null;
  /** Anime-Planet's type ("TV", "Movie", "OVA"…). */
  type: string | null;
  episodes: number | null;
  studios: string[];
  /** "Winter 2019" as the entry bar links it; null for TBA. */
  season: string | null;
  year: number | null;
  startDate: string | null;
  endDate: string | null;
  rating: PageRating | null;
  /** rating on 0–10. */
  score: number | null;
  rank: number | null;
  tags: string[];
  contentWarnings: string[];
  image: string | null;
  relations: AnimePlanetRelationRecord[];
}

/** Anime-Planet answers a removed entry with a search-results page (200), not a 404. */
export function isAnimePlanetMissing($: CheerioAPI): boolean {
  return /^Search Results for /i.test(clean($('title').text()) ?? '');
}

const slugOf = (href: string | undefined) => href?.match(/^\/anime\/([^/?#]+)/)?.[1] ?? null;

// The JSON-LD image is the site's origin glued to the CDN URL ("https://www.anime-planet.comhttps://cdn…").
function imageOf(value: unknown): string | null {
  const raw = ldString(value);
  if (!raw) return null;
  const last = raw.lastIndexOf('http');
  return last > 0 ? raw.slice(last) : raw;
}

export function parseAnimePlanetAnime($: CheerioAPI): AnimePlanetAnimeRecord {
  const work = requiredWork($);
  const title = requiredText($, 'h1[itemprop="name"], h1', 'title');
  const bar = $('section.entryBar').first();
  if (bar.length === 0) throw new LayoutChanged('entryBar', 'section.entryBar');
  const url = ldString(work['url']) ?? absolute(ANIMEPLANET_ORIGIN, $('link[rel="canonical"]').attr('href')) ?? '';
  const slug = slugOf(new URL(url, ANIMEPLANET_ORIGIN).pathname) ?? '';
  const aka = clean($('h2.aka').first().text());
  const seasonLink = clean(bar.find('a[href^="/anime/seasons/"]').first().text());
  const yearText = clean(bar.find('.iconYear').first().text());
  const rating = ldRating(work);
  const rank = clean(bar.text())?.match(/Rank #([\d,]+)/)?.[1];
  const tagNames = (selector: string) =>
    bar.length ? $(selector).find('a[href^="/anime/tags/"]').map((_, a) => clean($(a).text())).get().filter((t): t is string => t !== null) : [];
  return {
    slug,
    url,
    title,
    // "Alt title: X" or "Alt titles: X, Y".
    alternativeTitles: aka ? aka.replace(/^Alt titles?:\s*/i, '').split(/,\s+/).filter(Boolean) : [],
    synopsis: ldString(work['description']),
    type: clean(bar.find('.type').first().text())?.replace(/\s*\(.*$/, '') ?? null,
    episodes: ldNumber(work['numberOfEpisodes']),
    studios: bar.find('a[href^="/anime/studios/"]').map((_, a) => clean($(a).text())).get().filter((s): s is string => s !== null),
    season: seasonLink,
    year: yearText && /^\d{4}/.test(yearText) ? Number(yearText.slice(0, 4)) : null,
    startDate: ldString(work['startDate']),
    endDate: ldString(work['endDate']),
    rating,
    score: toTenScale(rating),
    rank: rank ? Number(rank.replace(/,/g, '')) : null,
    tags: tagNames('.tags:not(.tags--plain)'),
    contentWarnings: tagNames('.tags.tags--plain').map((t) => t.replace(/,$/, '')),
    image: imageOf(work['image']),
    relations: $('a.RelatedEntry')
      .map((_, a) => {
        const card = $(a);
        const relSlug = slugOf(card.attr('href'));
        const relTitle = clean(card.find('.RelatedEntry__name').text());
        if (!relSlug || !relTitle) return null;
        return { slug: relSlug, title: relTitle, relation: clean(card.find('.RelatedEntry__subtitle').first().text()), startDate: card.find('[data-start-date]').attr('data-start-date') ?? null };
      })
      .get()
      .filter((r): r is AnimePlanetRelationRecord => r !== null),
  };
}
