// GraphQL shape of the catalog's Anime entity (one @key per identity) and its search types.
import { Directive, Field, Float, ID, InputType, Int, ObjectType } from 'type-graphql';
import { AnimeFormat, AnimeSort, AnimeStatus, BaseAnimeFilter, PageInfo, Platform, RelationKind, Season } from '../../src/graphql/index.js';

/** Platform keys exposed as fields and @key: the GraphQL name and the platform it reads. */
export const KEY_FIELDS = {
  malId: Platform.MAL,
  anilistId: Platform.ANILIST,
  kitsuId: Platform.KITSU,
  anidbId: Platform.ANIDB,
  annId: Platform.ANN,
  livechartId: Platform.LIVECHART,
  anisearchId: Platform.ANISEARCH,
  animecountdownId: Platform.ANIMECOUNTDOWN,
} as const;
export const SLUG_KEY_FIELDS = { animePlanetId: Platform.ANIME_PLANET } as const;

@ObjectType({ description: 'An id of this anime on one platform, with its page.' })
export class PlatformLink {
  @Field(() => Platform)
  platform!: Platform;
  @Field(() => String, { description: 'The id or slug as the platform writes it (for OTHER: the URL).' })
  id!: string;
  @Field(() => String)
  url!: string;
}

@ObjectType({ description: 'A regional streaming or broadcast offer known to the catalog (bangumi-data).' })
export class StreamingOffer {
  @Field(() => String)
  service!: string;
  @Field(() => String, { nullable: true })
  url!: string | null;
  @Field(() => [String], { description: 'ISO 3166 region codes; empty when the source says nothing about regions.' })
  regions!: string[];
  @Field(() => String, { nullable: true, description: 'When the offer started (ISO 8601).' })
  since!: string | null;
}

@ObjectType({ description: 'A data source the entry was merged from, with its licence.' })
export class CatalogProvider {
  @Field(() => String)
  provider!: string;
  @Field(() => String)
  licence!: string;
}

@ObjectType({ description: 'One anime. The catalog owns the entity and the cross-platform id crosswalk.' })
@Directive('@key(fields: "id")')
@Directive('@key(fields: "malId")')
@Directive('@key(fields: "anilistId")')
@Directive('@key(fields: "kitsuId")')
// Only the ids a source subgraph joins by are keys. AniDB, ANN and the scraped sites join by `id`
// and `@requires` their own id from here: a catalog key on each of those ids made the planner try
// every path through them for universal's @requires (planning `ratings` 0.26 s → 7–170 s).
export class Anime {
  @Field(() => ID, { description: 'Stable canonical id `<platform>:<id>`; any other `<platform>:<id>` of the entry is an alias.' })
  id!: string;
  @Field(() => String, {
    description:
      "Display title: MyAnimeList's main title, else the anime-offline-database title, else English, else a romanisation of the Japanese title; never an ALL-CAPS or decorated styling (kept in synonyms).",
  })
  title!: string;
  @Field(() => String, { nullable: true })
  titleEnglish!: string | null;
  @Field(() => String, { nullable: true })
  titleJapanese!: string | null;
  @Field(() => String, { nullable: true, description: 'Romaji reading; derived from the Japanese title when no source lists one.' })
  titleRomaji!: string | null;
  @Field(() => [String])
  synonyms!: string[];
  @Field(() => AnimeFormat)
  format!: AnimeFormat;
  @Field(() => Int, { nullable: true })
  episodes!: number | null;
  @Field(() => AnimeStatus)
  status!: AnimeStatus;
  @Field(() => Season, { nullable: true })
  season!: Season | null;
  @Field(() => Int, { nullable: true })
  year!: number | null;
  @Field(() => String, { nullable: true, description: 'First broadcast or release day (YYYY-MM-DD, JST).' })
  startDate!: string | null;
  @Field(() => String, { nullable: true })
  endDate!: string | null;
  @Field(() => Int, { nullable: true, description: 'Length of one episode in seconds.' })
  durationSeconds!: number | null;
  @Field(() => String, { nullable: true })
  picture!: string | null;
  @Field(() => String, { nullable: true })
  thumbnail!: string | null;
  @Field(() => String, { nullable: true })
  synopsis!: string | null;
  @Field(() => [String], { description: 'Tags and genres of every source in one lower-case vocabulary ("sci-fi", "shounen", "slice of life").' })
  tags!: string[];
  @Field(() => [String])
  studios!: string[];
  @Field(() => [String])
  producers!: string[];
  @Field(() => Float, { nullable: true, description: "Catalog score normalised to 0–10 (the AOD's, else the films catalog's, else MyAnimeList's 2016 average)." })
  score!: number | null;
  @Field(() => Int, { nullable: true, description: 'MyAnimeList members (users with the anime on their list, 2016 snapshot): how popular it is.' })
  popularity!: number | null;
  @Field(() => String, { nullable: true })
  officialSite!: string | null;
  @Field(() => [CatalogProvider])
  providers!: CatalogProvider[];
}

@ObjectType({ description: 'A related entry and how it relates.' })
export class RelatedAnime {
  @Field(() => RelationKind)
  kind!: RelationKind;
  @Field(() => Anime)
  anime!: Anime;
}

@ObjectType({ description: 'A page of anime.' })
export class AnimeConnection {
  @Field(() => [Anime])
  nodes!: Anime[];
  @Field(() => PageInfo)
  pageInfo!: PageInfo;
  @Field(() => Int, { description: 'All matches, across pages.' })
  totalCount!: number;
}

@InputType({ description: 'Every condition must hold; lists inside a condition mean any of.' })
export class AnimeFilter extends BaseAnimeFilter {
  @Field(() => Season, { nullable: true })
  season?: Season | null;
  @Field(() => [String], { nullable: true, description: 'All of these tags (case-insensitive).' })
  tagsInclude?: string[] | null;
  @Field(() => [String], { nullable: true, description: 'None of these tags.' })
  tagsExclude?: string[] | null;
  @Field(() => Int, { nullable: true })
  episodesMin?: number | null;
  @Field(() => Int, { nullable: true })
  episodesMax?: number | null;
  @Field(() => Float, { nullable: true, description: '0–10.' })
  minScore?: number | null;
  @Field(() => [String], { nullable: true, description: 'Any of these studios; case, punctuation and company forms are ignored ("Kyoto Animation" matches "Kyoto Animation Co., Ltd.", "Toei" matches "Toei Animation").' })
  studios?: string[] | null;
}

@ObjectType({ description: 'One catalog provider and what its last load found.' })
export class CatalogSourceReport {
  @Field(() => String)
  provider!: string;
  @Field(() => String)
  licence!: string;
  @Field(() => Int)
  loaded!: number;
  @Field(() => Int, { description: 'Malformed entries counted and skipped.' })
  skipped!: number;
  @Field(() => [String])
  problems!: string[];
}

@ObjectType()
export class CatalogInfo {
  @Field(() => Int)
  entries!: number;
  @Field(() => [CatalogSourceReport])
  sources!: CatalogSourceReport[];
}

export { AnimeSort };
