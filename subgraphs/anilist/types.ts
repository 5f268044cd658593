// GraphQL shape of the anilist subgraph: the Anime entity by its AniList key, the namespaced
// AnilistMedia it adds, and the search page. Every type is prefixed Anilist* (one namespace per source).
import { Directive, Field, Float, Int, ObjectType, registerEnumType } from 'type-graphql';
import { AnimeFormat, AnimeStatus, PageInfo, RelationKind, Season } from '../../src/graphql/index.js';
import { DateTime, SourceOrigin } from '../../src/graphql/provenance.js';

/** AniList's own MediaSort values (passed through as is); the useful subset. */
export enum AnilistMediaSort {
  SEARCH_MATCH = 'SEARCH_MATCH',
  POPULARITY_DESC = 'POPULARITY_DESC',
  POPULARITY = 'POPULARITY',
  SCORE_DESC = 'SCORE_DESC',
  SCORE = 'SCORE',
  TRENDING_DESC = 'TRENDING_DESC',
  FAVOURITES_DESC = 'FAVOURITES_DESC',
  START_DATE_DESC = 'START_DATE_DESC',
  START_DATE = 'START_DATE',
  EPISODES_DESC = 'EPISODES_DESC',
  EPISODES = 'EPISODES',
  TITLE_ROMAJI = 'TITLE_ROMAJI',
  TITLE_ROMAJI_DESC = 'TITLE_ROMAJI_DESC',
  UPDATED_AT_DESC = 'UPDATED_AT_DESC',
  ID = 'ID',
  ID_DESC = 'ID_DESC',
}
registerEnumType(AnilistMediaSort, {
  name: 'AnilistMediaSort',
  description: "AniList's MediaSort. Default: SEARCH_MATCH with a search text, POPULARITY_DESC without.",
});

@ObjectType({ description: 'One anime, known here by its AniList id; the catalog owns the rest of it.' })
@Directive('@key(fields: "anilistId")')
export class Anime {
  @Field(() => Int, { nullable: true })
  anilistId!: number | null;
}

@ObjectType({ description: 'Titles as AniList lists them.' })
export class AnilistTitle {
  @Field(() => String, { nullable: true })
  romaji!: string | null;
  @Field(() => String, { nullable: true })
  english!: string | null;
  @Field(() => String, { nullable: true })
  native!: string | null;
}

@ObjectType({ description: 'An AniList tag with how strongly it applies.' })
export class AnilistTag {
  @Field(() => String)
  name!: string;
  @Field(() => Int, { nullable: true, description: 'How relevant the tag is to this anime, 0–100 (votes).' })
  rank!: number | null;
  @Field(() => String, { nullable: true, description: 'AniList tag category, e.g. `Theme-Drama`, `Cast-Main Cast`.' })
  category!: string | null;
  @Field(() => Boolean, { description: 'Naming the tag spoils this anime (or the tag spoils in general).' })
  isSpoiler!: boolean;
  @Field(() => Boolean)
  isAdult!: boolean;
}

@ObjectType({ description: 'Another AniList entry related to this one (anime, manga, light novel…).' })
export class AnilistRelation {
  @Field(() => String, { description: "AniList's MediaRelation as is: SEQUEL, ADAPTATION, SIDE_STORY, SOURCE, CHARACTER…" })
  relationType!: string;
  @Field(() => RelationKind, { description: 'The relation in the universal vocabulary (OTHER for the AniList-only kinds).' })
  kind!: RelationKind;
  @Field(() => Int)
  anilistId!: number;
  @Field(() => String, { nullable: true, description: 'ANIME or MANGA.' })
  mediaType!: string | null;
  @Field(() => String, { nullable: true, description: "AniList's MediaFormat as is (TV, MOVIE, MANGA, NOVEL…)." })
  format!: string | null;
  @Field(() => AnilistTitle, { nullable: true })
  title!: AnilistTitle | null;
  @Field(() => Anime, { nullable: true, description: 'The related anime as an entity; null when the relation is not an anime.' })
  anime!: Anime | null;
}

@ObjectType({ description: 'A studio credited on the anime.' })
export class AnilistStudio {
  @Field(() => Int)
  id!: number;
  @Field(() => String)
  name!: string;
  @Field(() => Boolean, { description: 'The main studio (animation), as opposed to producers and licensors.' })
  isMain!: boolean;
  @Field(() => Boolean, { nullable: true })
  isAnimationStudio!: boolean | null;
}

@ObjectType({ description: 'The next episode to air.' })
export class AnilistAiringEpisode {
  @Field(() => Int)
  episode!: number;
  @Field(() => Int, { description: 'Air time, Unix epoch seconds.' })
  airingAt!: number;
  @Field(() => String, { description: 'Air time, ISO 8601 (UTC).' })
  airingAtIso!: string;
  @Field(() => Int, { description: 'Seconds from now until it airs (negative once aired), computed when asked, not when fetched.' })
  timeUntilAiring!: number;
}

@ObjectType({ description: 'An episode on a streaming site, as AniList links it.' })
export class AnilistStreamingEpisode {
  @Field(() => String, { nullable: true })
  title!: string | null;
  @Field(() => String, { nullable: true })
  thumbnail!: string | null;
  @Field(() => String, { nullable: true })
  url!: string | null;
  @Field(() => String, { nullable: true })
  site!: string | null;
}

@ObjectType({ description: 'A link AniList lists for the anime: streaming services, official sites, socials.' })
export class AnilistExternalLink {
  @Field(() => String)
  site!: string;
  @Field(() => String, { nullable: true })
  url!: string | null;
  @Field(() => String, { nullable: true, description: 'INFO, STREAMING or SOCIAL.' })
  type!: string | null;
  @Field(() => String, { nullable: true })
  language!: string | null;
}

@ObjectType()
export class AnilistCoverImage {
  @Field(() => String, { nullable: true })
  extraLarge!: string | null;
  @Field(() => String, { nullable: true })
  large!: string | null;
  @Field(() => String, { nullable: true })
  medium!: string | null;
  @Field(() => String, { nullable: true, description: 'Average colour of the cover, `#rrggbb`.' })
  color!: string | null;
}

@ObjectType({ description: 'What AniList says about one anime.' })
export class AnilistMedia {
  @Field(() => Int, { description: 'AniList id.' })
  id!: number;
  @Field(() => Int, { nullable: true, description: 'MyAnimeList id, as AniList links it.' })
  idMal!: number | null;
  @Field(() => String)
  siteUrl!: string;
  @Field(() => AnilistTitle)
  title!: AnilistTitle;
  @Field(() => [String])
  synonyms!: string[];
  @Field(() => String, { nullable: true, description: 'Synopsis; AniList keeps light HTML in it (`<br>`, `<i>`).' })
  description!: string | null;
  @Field(() => AnimeFormat)
  format!: AnimeFormat;
  @Field(() => AnimeStatus)
  status!: AnimeStatus;
  @Field(() => Season, { nullable: true })
  season!: Season | null;
  @Field(() => Int, { nullable: true })
  seasonYear!: number | null;
  @Field(() => String, { nullable: true, description: 'First release, `YYYY`, `YYYY-MM` or `YYYY-MM-DD` as precise as AniList knows.' })
  startDate!: string | null;
  @Field(() => String, { nullable: true })
  endDate!: string | null;
  @Field(() => Int, { nullable: true })
  episodes!: number | null;
  @Field(() => Int, { nullable: true, description: 'Minutes per episode.' })
  duration!: number | null;
  @Field(() => Int, { nullable: true, description: 'Weighted average score, 0–100.' })
  averageScore!: number | null;
  @Field(() => Int, { nullable: true, description: 'Mean score, 0–100.' })
  meanScore!: number | null;
  @Field(() => Float, { nullable: true, description: 'averageScore normalised to 0–10.' })
  score!: number | null;
  @Field(() => Int, { nullable: true, description: 'Users who scored it: the sum of AniList\'s score distribution (null when AniList sent none).' })
  scoreVotes!: number | null;
  @Field(() => Int, { nullable: true, description: 'Users with the anime on a list.' })
  popularity!: number | null;
  @Field(() => Int, { nullable: true })
  favourites!: number | null;
  @Field(() => Int, { nullable: true, description: 'Recent activity on AniList.' })
  trending!: number | null;
  @Field(() => [String])
  genres!: string[];
  @Field(() => [AnilistTag], { description: 'Most relevant first.' })
  tags!: AnilistTag[];
  @Field(() => [AnilistRelation])
  relations!: AnilistRelation[];
  @Field(() => [AnilistStudio], { description: 'Main studios first.' })
  studios!: AnilistStudio[];
  @Field(() => AnilistAiringEpisode, { nullable: true })
  nextAiringEpisode!: AnilistAiringEpisode | null;
  @Field(() => [AnilistStreamingEpisode])
  streamingEpisodes!: AnilistStreamingEpisode[];
  @Field(() => [AnilistExternalLink])
  externalLinks!: AnilistExternalLink[];
  @Field(() => AnilistCoverImage, { nullable: true })
  coverImage!: AnilistCoverImage | null;
  @Field(() => String, { nullable: true })
  bannerImage!: string | null;
  @Field(() => Boolean)
  isAdult!: boolean;
  @Field(() => DateTime, { nullable: true, description: 'When AniList produced this record (cache entries keep the time of the original call); null for search hits.' })
  fetchedAt?: Date | null;
  @Field(() => SourceOrigin, { nullable: true, description: 'Whether this record came live, from the cache or stale; null for search hits.' })
  origin?: SourceOrigin | null;
}

@ObjectType({ description: 'One search hit: the anime entity and what AniList says about it.' })
export class AnilistSearchResult {
  @Field(() => Anime, { nullable: true, description: 'The entity (completed from the catalog by the gateway; null when the catalog lacks it).' })
  anime!: Anime | null;
  @Field(() => AnilistMedia)
  media!: AnilistMedia;
}

@ObjectType({ description: 'A page of AniList search results.' })
export class AnilistSearchPage {
  @Field(() => [AnilistSearchResult])
  results!: AnilistSearchResult[];
  @Field(() => PageInfo, { description: 'Cursors are page numbers; pass endCursor as `after` for the next page.' })
  pageInfo!: PageInfo;
  @Field(() => Int)
  currentPage!: number;
  @Field(() => Int)
  perPage!: number;
  @Field(() => Int, { nullable: true, description: 'Matches across pages as AniList counts them (it caps the count at 5000).' })
  total!: number | null;
  @Field(() => Int, { nullable: true })
  lastPage!: number | null;
}
