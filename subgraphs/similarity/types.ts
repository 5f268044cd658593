// GraphQL shape of the similarity subgraph: it extends the catalog's Anime by `id` with
// `similar`, and answers with references the gateway completes from the catalog.
import { Directive, Field, Float, ID, InputType, Int, ObjectType, registerEnumType } from 'type-graphql';
import { AnimeFormat, AnimeStatus, BaseAnimeFilter } from '../../src/graphql/index.js';
import { MatchReasonKind } from '../../src/similarity/index.js';

registerEnumType(MatchReasonKind, {
  name: 'MatchReasonKind',
  description: 'Why a result matched: metadata shared with the anime, the story, the words of the query, or the picture.',
});

@ObjectType({ description: 'One anime. The catalog owns it; the similarity subgraph adds `similar`.' })
@Directive('@key(fields: "id")')
export class Anime {
  @Field(() => ID)
  id!: string;
}

@ObjectType({ description: 'One reason a result matched.' })
export class MatchReason {
  @Field(() => MatchReasonKind)
  kind!: MatchReasonKind;
  @Field(() => String, { description: 'The reason in words ("shared tags: space, crime").' })
  detail!: string;
  @Field(() => [String], { description: 'What was shared or matched (tags, studios, words); empty for SIMILAR_SYNOPSIS and VISUAL.' })
  values!: string[];
}

@ObjectType({ description: 'A ranked result of a similarity search.' })
export class SimilarAnime {
  @Field(() => Anime)
  anime!: Anime;
  @Field(() => Float, { description: 'Fused score in (0, 1]: 1 = ranked first by every signal (reciprocal rank fusion); for images, the visual similarity.' })
  score!: number;
  @Field(() => [MatchReason])
  reasons!: MatchReason[];
}

@InputType({ description: 'Every condition must hold; lists inside a condition mean any of.' })
export class SimilarityFilter extends BaseAnimeFilter {
  @Field(() => Boolean, { nullable: true, description: 'Include adult (hentai) entries; left out by default.' })
  includeAdult?: boolean | null;
  @Field(() => Boolean, {
    nullable: true,
    defaultValue: false,
    description:
      "`similar` only: keep entries of the anime's own franchise (sequels, films, spin-offs: the catalog's relations, as `franchise` lists them, and entries whose title names the same series, e.g. \"Ghost in the Shell 2: Innocence\"). False by default, so `similar` discovers other works; ignored by `semanticSearch` and `searchByImage`.",
  })
  sameFranchise?: boolean | null;
}

export const MAX_RESULTS = 50;
export const DEFAULT_RESULTS = 10;
