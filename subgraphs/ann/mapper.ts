// Turns ANN encyclopedia XML (as upstream.ts reads it) into the AnnAnime record the GraphQL types
// expose. Pure. ANN writes every fact as an `<info type="…">` element; the kinds we name here are
// the ones its recorded answers use, the rest are kept as `otherInfo`.
import { AnimeFormat } from '../../src/domain/index.js';
import type { SourceOrigin } from '../../src/graphql/provenance.js';
import type { UpstreamAnnAnime } from './upstream.js';

export const ANN_ENCYCLOPEDIA_URL = 'https://www.animenewsnetwork.com/encyclopedia/anime.php';

export type AnnTitleKind = 'MAIN' | 'ALTERNATIVE';

export interface AnnTitleRecord {
  title: string;
  /** ANN's language code as sent (EN, JA, IT…); null when it sends none. */
  language: string | null;
  kind: AnnTitleKind;
}

export interface AnnRatingsRecord {
  votes: number;
  weightedScore: number | null;
  bayesianScore: number | null;
}

export interface AnnLinkRecord {
  title: string;
  url: string | null;
  language: string | null;
}

export interface AnnDatedLinkRecord {
  title: string;
  url: string | null;
  date: string | null;
}

export interface AnnEpisodeRecord {
  /** The `num` attribute as sent ("1", "1.5"); null when the answer has none. */
  num: string | null;
  number: number | null;
  titles: Array<{ title: string; language: string | null }>;
}

export interface AnnPersonRecord {
  id: number | null;
  name: string;
}

export interface AnnStaffRecord {
  task: string;
  person: AnnPersonRecord;
}

export interface AnnCastRecord {
  role: string;
  language: string | null;
  person: AnnPersonRecord;
}

export interface AnnCompanyRecord {
  task: string;
  company: AnnPersonRecord;
}

export interface AnnRelationRecord {
  relation: string;
  annId: number;
  /** PREVIOUS: this entry follows that one (`related-prev`); NEXT: that one follows this. */
  direction: 'PREVIOUS' | 'NEXT';
}

export interface AnnInfoRecord {
  type: string;
  value: string;
  language: string | null;
}

export interface AnnAnimeRecord {
  id: number;
  url: string;
  name: string | null;
  /** ANN's own type (TV, movie, OAV, ONA, special…). */
  type: string | null;
  format: AnimeFormat;
  precision: string | null;
  mainTitle: string | null;
  titles: AnnTitleRecord[];
  genres: string[];
  themes: string[];
  objectionableContent: string | null;
  plotSummary: string | null;
  episodeCount: number | null;
  runningTime: string | null;
  vintage: string[];
  openingThemes: string[];
  endingThemes: string[];
  officialWebsites: AnnLinkRecord[];
  picture: string | null;
  ratings: AnnRatingsRecord | null;
  episodes: AnnEpisodeRecord[];
  staff: AnnStaffRecord[];
  cast: AnnCastRecord[];
  companies: AnnCompanyRecord[];
  news: AnnDatedLinkRecord[];
  reviews: AnnDatedLinkRecord[];
  releases: AnnDatedLinkRecord[];
  related: AnnRelationRecord[];
  otherInfo: AnnInfoRecord[];
  generatedOn: Date | null;
  fetchedAt?: Date | null;
  origin?: SourceOrigin | null;
}

/** Info kinds mapped to their own fields; any other kind lands in otherInfo. */
const NAMED_INFO = new Set([
  'Main title',
  'Alternative title',
  'Genres',
  'Themes',
  'Objectionable content',
  'Plot Summary',
  'Number of episodes',
  'Running time',
  'Vintage',
  'Opening Theme',
  'Ending Theme',
  'Official website',
  'Picture',
]);

// ANN's types (encyclopedia "type" attribute) on the shared format scale.
const FORMATS: Record<string, AnimeFormat> = {
  tv: AnimeFormat.TV,
  movie: AnimeFormat.MOVIE,
  oav: AnimeFormat.OVA,
  ova: AnimeFormat.OVA,
  ona: AnimeFormat.ONA,
  special: AnimeFormat.SPECIAL,
  'music video': AnimeFormat.MUSIC,
};

const textOf = (node: { '#text'?: string } | undefined | null): string => (node?.['#text'] ?? '').trim();
const orNull = (s: string | null | undefined) => (s && s.trim() ? s.trim() : null);
const intOrNull = (s: string | null | undefined) => (s && /^\d+$/.test(s.trim()) ? Number(s.trim()) : null);
const numberOrNull = (s: string | null | undefined) => {
  const n = s === undefined || s === null || s.trim() === '' ? Number.NaN : Number(s);
  return Number.isFinite(n) ? n : null;
};
/** ANN titles of news and releases keep light markup (`<cite>Title</cite>`); fields are plain text. */
export const plainText = (s: string) => s.replace(/<[^>]+>/g, '').replace(/\s+/g, ' ').trim();

function dateOrNull(iso: string | undefined): Date | null {
  if (!iso) return null;
  const at = new Date(iso);
  return Number.isNaN(at.getTime()) ? null : at;
}

export function toAnnAnime(raw: UpstreamAnnAnime): AnnAnimeRecord {
  const id = Number(raw.id);
  const infos = raw.info.map((info) => ({ type: info.type ?? '', value: textOf(info), language: orNull(info.lang), info }));
  const values = (type: string) => infos.filter((i) => i.type === type && i.value).map((i) => i.value);
  const first = (type: string) => values(type)[0] ?? null;
  const titles: AnnTitleRecord[] = infos
    .filter((i) => (i.type === 'Main title' || i.type === 'Alternative title') && i.value)
    .map((i) => ({ title: i.value, language: i.language, kind: i.type === 'Main title' ? 'MAIN' : 'ALTERNATIVE' }));
  const picture = infos.find((i) => i.type === 'Picture');
  const ratings = raw.ratings;
  const votes = intOrNull(ratings?.nb_votes);
  const person = (node: { id?: string; '#text'?: string } | undefined): AnnPersonRecord => ({ id: intOrNull(node?.id), name: textOf(node) });
  const dated = (node: { href?: string; date?: string; datetime?: string; '#text'?: string }): AnnDatedLinkRecord => ({
    title: plainText(textOf(node)),
    url: orNull(node.href),
    date: orNull(node.datetime ?? node.date),
  });
  const type = orNull(raw.type);
  return {
    id,
    url: `${ANN_ENCYCLOPEDIA_URL}?id=${id}`,
    name: orNull(raw.name) ?? titles.find((t) => t.kind === 'MAIN')?.title ?? null,
    type,
    format: (type ? FORMATS[type.toLowerCase()] : undefined) ?? AnimeFormat.UNKNOWN,
    precision: orNull(raw.precision),
    mainTitle: titles.find((t) => t.kind === 'MAIN')?.title ?? null,
    titles,
    genres: values('Genres'),
    themes: values('Themes'),
    objectionableContent: first('Objectionable content'),
    plotSummary: first('Plot Summary'),
    episodeCount: intOrNull(first('Number of episodes')),
    runningTime: first('Running time'),
    vintage: values('Vintage'),
    openingThemes: values('Opening Theme').map(plainText),
    endingThemes: values('Ending Theme').map(plainText),
    officialWebsites: infos
      .filter((i) => i.type === 'Official website')
      .map((i) => ({ title: plainText(i.value), url: orNull(i.info.href), language: i.language })),
    picture: orNull(picture?.info.src),
    // A <ratings> element without a vote count is no rating.
    ratings: votes === null ? null : { votes, weightedScore: numberOrNull(ratings?.weighted_score), bayesianScore: numberOrNull(ratings?.bayesian_score) },
    episodes: raw.episode.map((episode) => ({
      num: orNull(episode.num),
      number: numberOrNull(episode.num),
      titles: episode.title.map((title) => ({ title: textOf(title), language: orNull(title.lang) })).filter((t) => t.title),
    })),
    staff: raw.staff.filter((s) => s.person).map((s) => ({ task: textOf(s.task), person: person(s.person) })),
    cast: raw.cast.filter((c) => c.person).map((c) => ({ role: textOf(c.role), language: orNull(c.lang), person: person(c.person) })),
    companies: raw.credit.filter((c) => c.company).map((c) => ({ task: textOf(c.task), company: person(c.company) })),
    news: raw.news.map(dated),
    reviews: raw.review.map(dated),
    releases: raw.release.map(dated),
    related: [
      ...raw['related-prev'].map((r) => ({ r, direction: 'PREVIOUS' as const })),
      ...raw['related-next'].map((r) => ({ r, direction: 'NEXT' as const })),
    ].flatMap(({ r, direction }) => {
      const annId = intOrNull(r.id);
      return annId === null ? [] : [{ relation: r.rel ?? '', annId, direction }];
    }),
    otherInfo: infos.filter((i) => !NAMED_INFO.has(i.type) && i.value).map((i) => ({ type: i.type, value: i.value, language: i.language })),
    generatedOn: dateOrNull(raw['generated-on']),
  };
}

/** The ids ANN answered `<warning>no result for anime=…</warning>` for (absent, not failed). */
export function missingIdsOf(warnings: ReadonlyArray<{ '#text'?: string }>): number[] {
  return warnings.flatMap((w) => [...textOf(w).matchAll(/anime=(\d+)/g)].map((m) => Number(m[1])));
}
