// LiveChart season chart (/<season>-<year>/all) → one record per anime card. The cards carry their
// data in attributes (id, titles, premiere as a unix time with a precision 1–4) and a few small
// blocks (release overlay, studios, tags, source, episodes × length, synopsis, poster, links).
// Only the chart container, a card's id and its title are required: a page without them changed
// its layout; any other part a card lacks is null or empty (LiveChart leaves much of an upcoming
// season unknown).
import { absolute, clean, LayoutChanged, type CheerioAPI } from '../../src/scrape/index.js';
import type { Season } from '../../src/domain/index.js';
import { LIVECHART_ORIGIN } from './parser.js';

/** How much of a premiere LiveChart knows: its `data-premiere-precision` 1–4. */
export enum LivechartDatePrecision {
  YEAR = 'YEAR',
  MONTH = 'MONTH',
  DAY = 'DAY',
  TIME = 'TIME',
}

const PRECISIONS: Record<string, LivechartDatePrecision> = {
  '1': LivechartDatePrecision.YEAR,
  '2': LivechartDatePrecision.MONTH,
  '3': LivechartDatePrecision.DAY,
  '4': LivechartDatePrecision.TIME,
};

export interface LivechartReleaseRecord {
  /** LiveChart's release-schedule id (the countdown links `/anime/<id>/schedules/<scheduleId>`). */
  scheduleId: number | null;
  url: string | null;
  /** As shown: "EP1 · TV (JP)", "THTR (JP)", "BD (JP)". */
  label: string;
  /** The episode the release starts with ("EP1" → 1); null for a film or disc release. */
  episode: number | null;
  /** The medium as LiveChart abbreviates it: "TV", "THTR" (cinema), "BD", "ONA"… */
  medium: string | null;
  /** The region code in parentheses ("JP"). */
  region: string | null;
}

export interface LivechartLinkRecord {
  /** The icon's name: "website", "anilist", "mal", "anidb", "crunchyroll", "twitter"… */
  site: string;
  url: string;
}

export interface LivechartSeasonEntryRecord {
  id: number;
  url: string;
  title: string;
  romajiTitle: string | null;
  englishTitle: string | null;
  nativeTitle: string | null;
  alternativeTitles: string[];
  premiere: Date | null;
  premierePrecision: LivechartDatePrecision | null;
  premiereDate: string | null;
  premiereLabel: string | null;
  airsAt: Date | null;
  release: LivechartReleaseRecord | null;
  tags: string[];
  studios: string[];
  source: string | null;
  episodes: number | null;
  minutes: number | null;
  synopsis: string | null;
  synopsisSource: string | null;
  poster: string | null;
  links: LivechartLinkRecord[];
}

export interface LivechartSeasonRecord {
  year: number;
  season: Season;
  url: string;
  /** The page's heading ("Spring 2025 Anime"). */
  title: string | null;
  entries: LivechartSeasonEntryRecord[];
}

/** LiveChart's path of a season chart: `/spring-2025/all` (every format). */
export function livechartSeasonPath(year: number, season: Season): string {
  return `/${season.toLowerCase()}-${year}/all`;
}

// LiveChart stores a premiere at 00:00 in Japan for day precision (every day-precision card of the
// recorded page is at 15:00 UTC), so the calendar date is read in Japan time (UTC+9, no DST).
const JST_OFFSET_MS = 9 * 3600 * 1000;

/** The premiere as a reduced-precision ISO 8601 date in Japan time: "2025", "2025-04", "2025-03-14". */
export function premiereDateOf(instant: Date, precision: LivechartDatePrecision): string {
  const japan = new Date(instant.getTime() + JST_OFFSET_MS).toISOString();
  if (precision === LivechartDatePrecision.YEAR) return japan.slice(0, 4);
  if (precision === LivechartDatePrecision.MONTH) return japan.slice(0, 7);
  return japan.slice(0, 10);
}

/** "EP1 · TV (JP)" → episode 1, medium TV, region JP; "THTR (JP)" → no episode. */
function releaseOf(label: string): Pick<LivechartReleaseRecord, 'episode' | 'medium' | 'region'> {
  const parts = label.split('·').map((p) => p.trim()).filter(Boolean);
  const episodePart = parts.find((p) => /^EP\s*\d+$/i.test(p));
  const kind = parts.filter((p) => p !== episodePart).join(' · ');
  const match = kind.match(/^(.*?)\s*\(([^)]+)\)$/);
  return {
    episode: episodePart ? Number(episodePart.replace(/\D/g, '')) : null,
    medium: clean(match ? match[1] : kind),
    region: match ? clean(match[2]) : null,
  };
}

/** "23m", "1h 30m", "? min" → minutes or null. */
function minutesOf(text: string): number | null {
  if (text.includes('?')) return null;
  const hours = text.match(/(\d+)\s*h/);
  const minutes = text.match(/(\d+)\s*m/);
  if (!hours && !minutes) return null;
  return Number(hours?.[1] ?? 0) * 60 + Number(minutes?.[1] ?? 0);
}

/** "? eps × ? min", "5 eps × ? min", "? eps × 23m", "? min" (a film) → counts or nulls. */
function episodesAndMinutes(text: string | null): { episodes: number | null; minutes: number | null } {
  let episodes: number | null = null;
  let minutes: number | null = null;
  for (const part of (text ?? '').split('×').map((p) => p.trim())) {
    if (/eps?$/.test(part)) {
      const count = part.match(/^(\d+)/);
      episodes = count ? Number(count[1]) : null;
    } else if (part) {
      minutes = minutesOf(part);
    }
  }
  return { episodes, minutes };
}

function alternativeTitles(raw: string | undefined): string[] {
  if (!raw) return [];
  try {
    const parsed: unknown = JSON.parse(raw);
    if (!Array.isArray(parsed)) throw new Error('not a list');
    return parsed.filter((t): t is string => typeof t === 'string').map((t) => t.trim()).filter(Boolean);
  } catch {
    throw new LayoutChanged('alternativeTitles', 'article.anime[data-alternate] (a JSON list)');
  }
}

export function parseLivechartSeason($: CheerioAPI, year: number, season: Season): LivechartSeasonRecord {
  const chart = $('main[data-controller="anime-card-list"]').first();
  if (chart.length === 0) throw new LayoutChanged('chart', 'main[data-controller="anime-card-list"]');
  const cards = chart.find('article.anime');
  // A season may be empty, but not while the list still holds cards of another shape.
  if (cards.length === 0 && chart.find('[data-controller~="anime-card"]').length > 0) throw new LayoutChanged('cards', 'article.anime');
  const entries = cards
    .map((_, el): LivechartSeasonEntryRecord => {
      const card = $(el);
      const idText = card.attr('data-anime-id') ?? '';
      if (!/^\d+$/.test(idText)) throw new LayoutChanged('card id', 'article.anime[data-anime-id]');
      const id = Number(idText);
      const romajiTitle = clean(card.attr('data-romaji'));
      const title = clean(card.find('.main-title').first().text()) ?? romajiTitle;
      if (!title) throw new LayoutChanged('title', 'article.anime .main-title');

      const unix = card.attr('data-premiere') ?? '';
      const precision = PRECISIONS[card.attr('data-premiere-precision') ?? ''] ?? null;
      // A premiere whose precision is unknown is not given: it could pass for a broadcast time.
      const premiere = /^\d+$/.test(unix) && precision ? new Date(Number(unix) * 1000) : null;

      const countdown = card.find('a.episode-countdown').first();
      const releaseLabel = clean(countdown.find('.release-schedule-info').first().text());
      const scheduleId = countdown.attr('data-schedule-id') ?? countdown.attr('href')?.match(/\/schedules\/(\d+)/)?.[1];
      // The overlay's words for an imprecise date ("Early Spring 2025"); a ticking countdown is script filler.
      const overlayDate = countdown.find('[data-anime-card-target="countdown"]').length ? null : clean(countdown.find('.text-bold').first().text());

      const synopsisBox = card.find('.anime-synopsis').first();
      const credit = synopsisBox.find('p.text-italic').last();
      const creditText = clean(credit.text());
      const synopsisSource = creditText?.match(/^\[Source:\s*(.+?)\]$/)?.[1] ?? null;
      if (synopsisSource) credit.remove();
      const paragraphs = synopsisBox.find('p').map((_, p) => clean($(p).text())).get().filter((p): p is string => p !== null);
      const synopsis = paragraphs.length ? paragraphs.join('\n\n') : clean(synopsisBox.text());

      const poster = card.find('img[data-anime-card-target="poster"]').first();
      const retina = (poster.attr('srcset') ?? '').split(',').map((s) => s.trim().split(/\s+/)).find(([, size]) => size === '2x')?.[0];

      return {
        id,
        url: `${LIVECHART_ORIGIN}/anime/${id}`,
        title,
        romajiTitle,
        englishTitle: clean(card.attr('data-english')),
        nativeTitle: clean(card.attr('data-native')),
        alternativeTitles: alternativeTitles(card.attr('data-alternate')),
        premiere,
        premierePrecision: premiere ? precision : null,
        premiereDate: premiere && precision ? premiereDateOf(premiere, precision) : null,
        premiereLabel: overlayDate,
        airsAt: premiere && precision === LivechartDatePrecision.TIME ? premiere : null,
        release: releaseLabel
          ? {
              scheduleId: scheduleId ? Number(scheduleId) : null,
              url: absolute(LIVECHART_ORIGIN, countdown.attr('href')),
              label: releaseLabel,
              ...releaseOf(releaseLabel),
            }
          : null,
        tags: card.find('ol.anime-tags a').map((_, a) => clean($(a).text())).get().filter((t): t is string => t !== null),
        studios: card.find('ul.anime-studios a').map((_, a) => clean($(a).text())).get().filter((t): t is string => t !== null),
        source: clean(card.find('.anime-source').first().text()),
        ...episodesAndMinutes(clean(card.find('.anime-episodes').first().text())),
        synopsis,
        synopsisSource,
        poster: retina ?? poster.attr('src') ?? null,
        // External links only (LiveChart's own videos and streams pages are relative).
        links: card
          .find('.related-links a[class$="-icon"]')
          .map((_, a) => {
            const href = $(a).attr('href') ?? '';
            const site = ($(a).attr('class') ?? '').split(/\s+/).find((c) => c.endsWith('-icon'))?.replace(/-icon$/, '');
            return /^https?:\/\//.test(href) && site ? { site, url: href } : null;
          })
          .get()
          .filter((l): l is LivechartLinkRecord => l !== null),
      };
    })
    .get();
  return {
    year,
    season,
    url: `${LIVECHART_ORIGIN}${livechartSeasonPath(year, season)}`,
    title: clean($('h1').first().text()),
    entries,
  };
}
