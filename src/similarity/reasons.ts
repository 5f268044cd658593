// The "why" of each result, in words a user can check: what metadata two anime share, whether
// the story (synopsis vectors) or the picture matched, which words of a query were found, and
// whether MyAnimeList users recommend the two together.
import type { MetadataOverlap } from '../embed/index.js';

export enum MatchReasonKind {
  SHARED_TAGS = 'SHARED_TAGS',
  SHARED_STUDIOS = 'SHARED_STUDIOS',
  SAME_ERA = 'SAME_ERA',
  SAME_FORMAT = 'SAME_FORMAT',
  SHARED_TITLE_WORDS = 'SHARED_TITLE_WORDS',
  SIMILAR_SYNOPSIS = 'SIMILAR_SYNOPSIS',
  MATCHED_WORDS = 'MATCHED_WORDS',
  VISUAL = 'VISUAL',
  RECOMMENDED_BY_FANS = 'RECOMMENDED_BY_FANS',
}

export interface MatchReason {
  kind: MatchReasonKind;
  detail: string;
  values: string[];
}

/** What the metadata embedder says two records share (src/embed explainOverlap). */
export type { MetadataOverlap } from '../embed/index.js';

const MAX_VALUES = 8;

export function overlapReasons(overlap: MetadataOverlap): MatchReason[] {
  const reasons: MatchReason[] = [];
  const list = (kind: MatchReasonKind, label: string, values: string[]) => {
    if (values.length) reasons.push({ kind, detail: `${label}: ${values.slice(0, MAX_VALUES).join(', ')}`, values: values.slice(0, MAX_VALUES) });
  };
  list(MatchReasonKind.SHARED_TAGS, 'shared tags', overlap.tags);
  list(MatchReasonKind.SHARED_STUDIOS, 'same studio', overlap.studios);
  if (overlap.era) reasons.push({ kind: MatchReasonKind.SAME_ERA, detail: `same era: ${overlap.era}`, values: [overlap.era] });
  if (overlap.format) reasons.push({ kind: MatchReasonKind.SAME_FORMAT, detail: `same format: ${overlap.format}`, values: [overlap.format] });
  list(MatchReasonKind.SHARED_TITLE_WORDS, 'shared title words', overlap.titleWords);
  return reasons;
}

export const synopsisReason = (): MatchReason => ({ kind: MatchReasonKind.SIMILAR_SYNOPSIS, detail: 'similar synopsis', values: [] });

export const wordsReason = (terms: string[]): MatchReason => ({
  kind: MatchReasonKind.MATCHED_WORDS,
  detail: `matched words: ${terms.slice(0, MAX_VALUES).join(', ')}`,
  values: terms.slice(0, MAX_VALUES),
});

export const visualReason = (similarity: number): MatchReason => ({
  kind: MatchReasonKind.VISUAL,
  detail: `looks alike (picture similarity ${similarity.toFixed(2)})`,
  values: [],
});

export const similarPictureReason = (): MatchReason => ({ kind: MatchReasonKind.VISUAL, detail: 'similar picture', values: [] });

/** Recommended for the anime by `count` MyAnimeList users. */
export const fansReason = (count: number): MatchReason => ({
  kind: MatchReasonKind.RECOMMENDED_BY_FANS,
  detail: `recommended together by MyAnimeList users (${count})`,
  values: [],
});

/** Not recommended for the anime itself, but together with anime that are (their titles). */
export const fansOfNeighboursReason = (titles: string[]): MatchReason => ({
  kind: MatchReasonKind.RECOMMENDED_BY_FANS,
  detail: `MyAnimeList users recommend it together with ${titles.slice(0, MAX_VALUES).join(', ')}, which they recommend for this one`,
  values: titles.slice(0, MAX_VALUES),
});

/** Reached only through a longer chain of co-recommendations. */
export const fansChainReason = (): MatchReason => ({
  kind: MatchReasonKind.RECOMMENDED_BY_FANS,
  detail: "linked to this one by a chain of MyAnimeList users' recommendations",
  values: [],
});
