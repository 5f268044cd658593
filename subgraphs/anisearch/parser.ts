// aniSearch anime page (/anime/<id>,<slug>) → record: JSON-LD (TVSeries/Movie) for rating, dates,
// episodes and genres; the information block for titles, type, status, studios; the English
// description; the genre/tag cloud; the relations list. A page without its information block
// is a layout change (LayoutChanged → SOURCE_BAD_RESPONSE).
import { absolute, clean, ldNumber, ldRating, ldString, ldStrings, requiredWork, toTenScale, LayoutChanged, type CheerioAPI, type PageRating } from '../../src/scrape/index.js';

export const ANISEARCH_ORIGIN = 'https://www.anisearch.com';

export interface AnisearchTitleRecord {
  /** The language of the title block (ja, en, de…), as the page marks it. */
  language: string;
  title: string;
  /** The title in its own script, when the page gives it ("デスノート"). */
  native: string | null;
}

export interface AnisearchRelationRecord {
  /** "anime", "manga", "movie"… (the path the page links). */
  kind: string;
  id: number;
  title: string;
  /** aniSearch's label ("Anime: Summary", "Manga: Original Work"). */
  relation: string | null;
  url: string;
}

export interface AnisearchTagRecord {
  name: string;
  /** MAIN_GENRE, SUBGENRE or TAG (the cloud's three colours). */
  kind: 'MAIN_GENRE' | 'SUBGENRE' | 'TAG';
}

export interface AnisearchAnimeRecord {
  id: number;
  url: string;
  title: string;
  titles: AnisearchTitleRecord[];
  /** aniSearch's type ("TV-Series", "Movie"…). */
  type: string | null;
  episodes: number | null;
  /** Minutes per episode as the type line gives it. */
  episodeMinutes: number | null;
  /** aniSearch's status of the Japanese release ("Completed", "Ongoing"…). */
  status: string | null;
  startDate: string | null;
  endDate: string | null;
  studios: string[];
  adaptedFrom: string | null;
  targetGroup: string | null;
  synopsis: string | null;
  rating: PageRating | null;
  score: number | null;
  genres: string[];
  tags: AnisearchTagRecord[];
  image: string | null;
  relations: AnisearchRelationRecord[];
}

const KINDS: Record<string, AnisearchTagRecord['kind']> = { gg: 'MAIN_GENRE', gc: 'SUBGENRE', gt: 'TAG' };

/** A labelled line of the information block without its "Header:" span. */
function infoLine($: CheerioAPI, block: ReturnType<CheerioAPI>, cls: string): string | null {
  const line = block.find(`div.${cls}`).first().clone();
  line.find('span.header').remove();
  return clean(line.text());
}

export function parseAnisearchAnime($: CheerioAPI): AnisearchAnimeRecord {
  const work = requiredWork($);
  // The first info block is the Japanese original; later blocks are foreign releases.
  const info = $('#information ul.infoblock > li').first();
  if (info.length === 0) throw new LayoutChanged('information', '#information ul.infoblock > li');
  const url = ldString(work['url']) ?? absolute(ANISEARCH_ORIGIN, $('link[rel="canonical"]').attr('href')) ?? '';
  const id = Number(url.match(/\/anime\/(\d+)/)?.[1] ?? $('#content-outer').attr('data-id'));
  const title = ldString(work['name']) ?? clean(info.find('.title strong').first().text());
  if (!title) throw new LayoutChanged('title', '.title strong');
  const titles = $('#information ul.infoblock > li .title[lang]')
    .map((_, el) => {
      const block = $(el);
      const main = clean(block.find('strong').first().text());
      return main ? { language: block.attr('lang') ?? '', title: main, native: clean(block.find('.grey').first().text()) } : null;
    })
    .get() as AnisearchTitleRecord[];
  const type = infoLine($, info, 'type');
  const released = infoLine($, info, 'released');
  const rating = ldRating(work);
  const description = $('#description .textblock[lang="en"]').first().clone();
  description.find('i.hidden').remove();
  return {
    id,
    url,
    title,
    titles,
    type: type?.split(',')[0]?.trim() ?? null,
    episodes: ldNumber(work['numberOfEpisodes']) ?? (Number(type?.match(/,\s*(\d+)/)?.[1]) || null),
    episodeMinutes: Number(type?.match(/(\d+)\s*min/)?.[1]) || null,
    status: infoLine($, info, 'status'),
    startDate: ldString(work['startDate']) ?? ldString(work['datePublished']) ?? (released ? isoOf(released.split(/\s*[‑-]\s*/)[0] ?? '') : null),
    endDate: ldString(work['endDate']),
    studios: info.find('div.company').filter((_, el) => /Studio/i.test($(el).find('span.header').text())).find('a').map((_, a) => clean($(a).text())).get().filter((s): s is string => s !== null),
    adaptedFrom: infoLine($, info, 'adapted'),
    targetGroup: infoLine($, info, 'targets'),
    synopsis: clean(description.text()),
    rating,
    score: toTenScale(rating),
    genres: ldStrings(work['genre']),
    tags: $('#description ul.cloud a, ul.cloud a')
      .map((_, a) => {
        const name = clean($(a).text());
        const kind = KINDS[($(a).attr('class') ?? '').split(/\s+/).find((c) => c in KINDS) ?? ''];
        return name && kind ? { name, kind } : null;
      })
      .get()
      .filter((t, i, all): t is AnisearchTagRecord => t !== null && all.findIndex((o) => o?.name === t.name) === i),
    image: ldString(work['image']),
    relations: $('#relations2 ul.xlist > li')
      .map((_, li) => {
        const link = $(li).find('a').first();
        const href = link.attr('href') ?? '';
        const match = href.match(/^\/?([a-z]+)\/(\d+)/);
        const relTitle = clean(link.text());
        if (!match || !relTitle) return null;
        return { kind: match[1]!, id: Number(match[2]), title: relTitle, relation: clean($(li).children('span').first().text()), url: absolute(`${ANISEARCH_ORIGIN}/`, href) ?? href };
      })
      .get()
      .filter((r): r is AnisearchRelationRecord => r !== null),
  };
}

// "04.10.2006" → "2006-10-04".
function isoOf(date: string): string | null {
  const m = date.trim().match(/^(\d{2})\.(\d{2})\.(\d{4})$/);
  return m ? `${m[3]}-${m[2]}-${m[1]}` : null;
}
