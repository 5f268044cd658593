// LiveChart anime page (/anime/<id>) → record: JSON-LD (TVSeries/Movie) for name, description,
// premiere, episodes, studios, genres and rating; the details column for status, season, format,
// source, run time and tags. A page without its details block is a layout change.
import { clean, ldNumber, ldObject, ldRating, ldString, ldStrings, requiredWork, toTenScale, LayoutChanged, type CheerioAPI, type PageRating } from '../../src/scrape/index.js';

export const LIVECHART_ORIGIN = 'https://www.livechart.me';

export interface LivechartAnimeRecord {
  id: number;
  url: string;
  title: string;
  romajiTitle: string | null;
  englishTitle: string | null;
  alternativeTitles: string[];
  synopsis: string | null;
  /** LiveChart's format ("TV", "Movie"…). */
  format: string | null;
  /** The original work ("Manga", "Original"…). */
  source: string | null;
  episodes: number | null;
  /** Run time as shown ("23m", "2h 10m"). */
  runTime: string | null;
  /** LiveChart's status ("Finished", "Releasing", "Not yet released"). */
  status: string | null;
  /** "Fall 2006" as linked from the page. */
  season: string | null;
  premiere: string | null;
  studios: string[];
  genres: string[];
  tags: string[];
  rating: PageRating | null;
  score: number | null;
  image: string | null;
  website: string | null;
}

/** The value under a bold label in the details column ("Status", "Season"…). */
function labelled($: CheerioAPI, label: string): string | null {
  const head = $('div.font-bold')
    .filter((_, el) => clean($(el).text()) === label)
    .first();
  if (head.length === 0) return null;
  const box = head.parent().clone();
  box.children('div.font-bold').remove();
  return clean(box.text());
}

/** The value under a small heading of the format strip ("Format", "Source", "Run time"). */
function stripValue($: CheerioAPI, label: string): string | null {
  const head = $('div.text-xs')
    .filter((_, el) => clean($(el).text()) === label)
    .first();
  if (head.length === 0) return null;
  const box = head.parent().clone();
  box.children('div.text-xs').remove();
  return clean(box.text());
}

export function parseLivechartAnime($: CheerioAPI): LivechartAnimeRecord {
  const work = requiredWork($);
  const details = $('[data-controller="anime-details"]').first();
  if (details.length === 0) throw new LayoutChanged('details', '[data-controller="anime-details"]');
  const title = ldString(work['name']);
  if (!title) throw new LayoutChanged('title', 'JSON-LD name');
  const url = ldString(work['url']) ?? '';
  const rating = ldRating(work);
  const companies = Array.isArray(work['productionCompany']) ? work['productionCompany'] : [work['productionCompany']];
  return {
    id: Number(details.attr('data-anime-details-id') ?? url.match(/\/anime\/(\d+)/)?.[1]),
    url,
    title,
    romajiTitle: clean(details.attr('data-anime-details-romaji-title')),
    englishTitle: clean(details.attr('data-anime-details-english-title')),
    alternativeTitles: ldStrings(work['alternateName']),
    synopsis: ldString(work['description']),
    format: stripValue($, 'Format'),
    source: stripValue($, 'Source'),
    episodes: ldNumber(work['numberOfEpisodes']),
    runTime: stripValue($, 'Run time'),
    status: labelled($, 'Status'),
    season: labelled($, 'Season'),
    premiere: ldString(work['datePublished']),
    studios: companies.map((c) => ldString(ldObject(c)?.['name'])).filter((s): s is string => s !== null),
    genres: ldStrings(work['genre']),
    // Every tag chip, the ones behind "Show All" included.
    tags: $('a[data-anime-details-target="tagChip"]').map((_, a) => clean($(a).text())).get().filter((t): t is string => t !== null),
    rating,
    score: toTenScale(rating),
    image: ldString(work['image']),
    website: $('a.lc-btn').filter((_, a) => clean($(a).text()) === 'Website').first().attr('href') ?? null,
  };
}
