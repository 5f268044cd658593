// One sentence that answers the question from what the operation returned: the source pinned with
// its rating on its own scale, the first few characters, staff or news titles. The operation's data
// stays the answer in full; this is the line a person reads first (`ask`'s callers append it).
import { Platform } from '../domain/index.js';
import { platformName, RATING_SCALE } from './sources.js';

type Data = Record<string, unknown> | null | undefined;
type Obj = Record<string, unknown>;

const obj = (v: unknown): Obj | null => (v && typeof v === 'object' && !Array.isArray(v) ? (v as Obj) : null);
const list = (v: unknown): Obj[] => (Array.isArray(v) ? v.filter((x): x is Obj => !!obj(x)) : []);
const str = (v: unknown): string | null => (typeof v === 'string' && v.trim() ? v.trim() : null);
const num = (v: unknown): number | null => (typeof v === 'number' && Number.isFinite(v) ? v : null);

/** How many names an answer lists before "and N more". */
const SHOWN = 3;

function names(items: string[], total = items.length): string {
  const shown = items.slice(0, SHOWN);
  const more = total - shown.length;
  return shown.join('; ') + (more > 0 ? ` and ${more} more` : '');
}

const votes = (n: number | null) => (n != null ? ` from ${n.toLocaleString('en-US')} votes` : '');
const round = (n: number) => String(Math.round(n * 100) / 100);

/** A platform's rating as `ratings.platforms` lists it: raw on its own scale, votes. */
function platformRating(anime: Obj, source: string): string | null {
  const row = list(obj(anime.ratings)?.platforms).find((p) => p.source === source);
  const raw = num(row?.raw);
  if (!row || raw == null) return null;
  const max = num(row.scaleMax);
  return `${round(raw)}${max != null ? `/${max}` : ''}${votes(num(row.votes))}`;
}

/** The pinned source's own field, read now on its `with…` flag. */
function ownRating(anime: Obj, source: string): string | null {
  switch (source) {
    case Platform.ANIDB: {
      const ratings = obj(obj(anime.anidb)?.ratings);
      const rating = obj(ratings?.permanent) ?? obj(ratings?.temporary);
      const value = num(rating?.value);
      return value != null ? `${round(value)}/10${votes(num(rating?.votes))}` : null;
    }
    case Platform.ANN: {
      const ratings = obj(obj(anime.ann)?.ratings);
      const value = num(ratings?.bayesianScore) ?? num(ratings?.weightedScore);
      return value != null ? `${round(value)}/10${votes(num(ratings?.votes))}` : null;
    }
    case Platform.ANIME_PLANET:
    case Platform.LIVECHART:
    case Platform.ANISEARCH: {
      const field = source === Platform.ANIME_PLANET ? 'animePlanet' : source === Platform.LIVECHART ? 'livechart' : 'anisearch';
      const rating = obj(obj(anime[field])?.rating);
      const value = num(rating?.value);
      const best = num(rating?.best);
      return value != null ? `${round(value)}${best != null ? `/${best}` : ''}${votes(num(rating?.votes))}` : null;
    }
    default:
      return null;
  }
}

function fromSource(anime: Obj, source: string): string {
  const name = platformName(source as Platform);
  const title = str(anime.title) ?? 'this anime';
  const rating = ownRating(anime, source) ?? platformRating(anime, source);
  const scale = RATING_SCALE[source as Platform];
  const parts = [rating ? `${name} rates ${title} ${rating}${scale ? ` (its scale: ${scale})` : ''}` : `${name} gave no rating for ${title}`];
  const synopsis = obj(anime.mergedSynopsis);
  if (synopsis?.source === source && str(synopsis.text)) parts.push(`its synopsis starts “${str(synopsis.text)!.slice(0, 120).replace(/\s+\S*$/, '')}…”`);
  const reconciled = obj(anime.reconciled);
  if (num(reconciled?.episodes) != null) parts.push(`${num(reconciled!.episodes)} episodes`);
  return parts.join('; ') + '.';
}

function compared(anime: Obj): string | null {
  const ratings = obj(anime.ratings);
  const rows = list(ratings?.platforms).filter((p) => num(p.normalized) != null);
  if (!rows.length) return null;
  const title = str(anime.title) ?? 'this anime';
  const each = rows.map((p) => `${platformName(p.source as Platform)} ${round(num(p.raw) ?? num(p.normalized)!)}${num(p.scaleMax) != null ? `/${num(p.scaleMax)}` : ''}`);
  const consensus = num(ratings?.consensus);
  return `${title}${consensus != null ? `: consensus ${round(consensus)}/10` : ''} across ${rows.length} platform${rows.length > 1 ? 's' : ''} (${each.join(', ')}).`;
}

/** The sentence for the operations that answer about one anime's lists, a source's view or the news. */
export function phraseAnswer(plan: { operation: string; variables: Record<string, unknown>; slots?: Record<string, unknown> }, data: Data): string | null {
  const anime = obj(data?.anime);
  const title = str(anime?.title) ?? 'this anime';
  switch (plan.operation) {
    case 'GetAnimeFromSource':
      return anime && typeof plan.variables.source === 'string' ? fromSource(anime, plan.variables.source) : null;
    case 'CompareRatings':
      return anime ? compared(anime) : null;
    case 'GetAnimeFromAnidb': {
      const anidb = obj(anime?.anidb);
      if (!anime || !anidb) return null;
      const rating = ownRating(anime, Platform.ANIDB);
      const creators = list(anidb.creators).map((c) => `${str(c.name)} (${str(c.role)})`);
      return `AniDB on ${title}: ${rating ? `rated ${rating} (its scale: 1–10)` : 'no rating'}${num(anidb.episodeCount) != null ? `, ${num(anidb.episodeCount)} episodes` : ''}${creators.length ? `; creators: ${names(creators)}` : ''}.`;
    }
    case 'GetAnimeFromAnn': {
      const ann = obj(anime?.ann);
      if (!anime || !ann) return null;
      const rating = ownRating(anime, Platform.ANN);
      const cast = list(ann.cast).map((c) => `${str(obj(c.person)?.name)} as ${str(c.role)}${str(c.language) ? ` (${str(c.language)})` : ''}`);
      return `Anime News Network on ${title}: ${rating ? `rated ${rating} (its scale: 0–10)` : 'no rating'}${cast.length ? `; cast: ${names(cast, cast.length)}` : ''}.`;
    }
    case 'GetAnimeCharacters': {
      const characters = list(obj(anime?.mal)?.characters);
      if (!anime) return null;
      if (!characters.length) return `MyAnimeList lists no characters for ${title}.`;
      const voiced = (c: Obj) => {
        const name = str(obj(c.character)?.name) ?? '?';
        const voices = list(c.voiceActors);
        const voice = voices.find((v) => v.language === 'Japanese') ?? voices[0];
        const actor = str(obj(voice?.person)?.name);
        return `${name}${actor ? `, voiced by ${actor}${voice?.language ? ` (${voice.language})` : ''}` : ''}`;
      };
      // "who voices Spike": MAL writes "Spiegel, Spike"; every word asked must be a word of the name.
      const asked = str(plan.slots?.character)?.toLowerCase().split(/\s+/);
      const named = asked ? characters.find((c) => { const words = (str(obj(c.character)?.name) ?? '').toLowerCase().split(/[\s,]+/); return asked.every((w) => words.includes(w)); }) : undefined;
      const first = named ? `${voiced(named)}. ` : '';
      return `${first}Characters of ${title} on MyAnimeList: ${names(characters.map(voiced), characters.length)}.`;
    }
    case 'GetAnimeStaff': {
      const staff = list(obj(anime?.mal)?.staff);
      if (!anime) return null;
      if (!staff.length) return `MyAnimeList lists no staff for ${title}.`;
      const shown = staff.map((s) => `${str(obj(s.person)?.name) ?? '?'} (${(Array.isArray(s.positions) ? s.positions : []).join(', ')})`);
      return `Staff of ${title} on MyAnimeList: ${names(shown, staff.length)}.`;
    }
    case 'GetAnimeEpisodes': {
      const page = obj(obj(anime?.mal)?.episodeList);
      const episodes = list(page?.nodes);
      if (!anime) return null;
      if (!episodes.length) return `MyAnimeList lists no episodes for ${title}.`;
      const shown = episodes.map((e) => `${num(e.number) ?? '?'}. ${str(e.title) ?? str(e.titleRomaji) ?? '?'}${e.filler === true ? ' (filler)' : ''}`);
      const fillers = episodes.filter((e) => e.filler === true).length;
      return `Episodes of ${title} on MyAnimeList: ${names(shown, episodes.length)}${fillers ? `; ${fillers} filler on this page` : ''}.`;
    }
    case 'GetAnimeReviews': {
      const reviews = list(obj(obj(anime?.mal)?.reviews)?.nodes);
      if (!anime) return null;
      if (!reviews.length) return `No MyAnimeList reviews of ${title} on this page (spoiler and preliminary reviews are left out unless asked for).`;
      const scores = reviews.map((r) => num(r.score)).filter((s): s is number => s != null);
      const mean = scores.length ? scores.reduce((a, b) => a + b, 0) / scores.length : null;
      return `${reviews.length} MyAnimeList review${reviews.length > 1 ? 's' : ''} of ${title}${mean != null ? `, reviewers' scores averaging ${round(mean)}/10 (scores ${scores.join(', ')})` : ''}.`;
    }
    case 'AnimeNews': {
      const items = list(data?.annNews);
      const about = typeof plan.variables.animeId === 'string' ? ' naming that anime' : '';
      if (!items.length) return `No news items${about} in Anime News Network's feed right now.`;
      const shown = items.map((i) => `“${str(i.title) ?? '?'}”${str(i.publishedAt) ? ` (${str(i.publishedAt)!.slice(0, 10)})` : ''}`);
      return `Latest news${about}: ${names(shown, items.length)}.`;
    }
    default:
      return null;
  }
}
