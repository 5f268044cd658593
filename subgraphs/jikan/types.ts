// GraphQL shape of the jikan subgraph: the Anime entity by its MAL key with one namespaced field
// (`mal`), and Mal* types for everything MyAnimeList says. Names carry the Mal prefix so they never
// clash with other subgraphs.
import { Directive, Field, Int, ObjectType, registerEnumType } from 'type-graphql';

export enum MalTopFilter {
  AIRING = 'airing',
  UPCOMING = 'upcoming',
  BY_POPULARITY = 'bypopularity',
  FAVORITE = 'favorite',
}
registerEnumType(MalTopFilter, { name: 'MalTopFilter', description: 'Which MAL top list: by score (no filter), airing, upcoming, popularity, favourites.' });

export enum MalTopType {
  TV = 'tv',
  MOVIE = 'movie',
  OVA = 'ova',
  SPECIAL = 'special',
  ONA = 'ona',
  MUSIC = 'music',
  CM = 'cm',
  PV = 'pv',
  TV_SPECIAL = 'tv_special',
}
registerEnumType(MalTopType, { name: 'MalTopType', description: 'MAL type filter of the top list.' });

export enum MalWeekday {
  MONDAY = 'monday',
  TUESDAY = 'tuesday',
  WEDNESDAY = 'wednesday',
  THURSDAY = 'thursday',
  FRIDAY = 'friday',
  SATURDAY = 'saturday',
  SUNDAY = 'sunday',
  UNKNOWN = 'unknown',
  OTHER = 'other',
}
registerEnumType(MalWeekday, { name: 'MalWeekday', description: 'Broadcast day (JST) of the MAL schedule; UNKNOWN and OTHER are MAL buckets.' });

export enum MalGenreKind {
  GENRES = 'genres',
  EXPLICIT_GENRES = 'explicit_genres',
  THEMES = 'themes',
  DEMOGRAPHICS = 'demographics',
}
registerEnumType(MalGenreKind, { name: 'MalGenreKind' });

@ObjectType({ description: 'One anime. The catalog owns it; the jikan subgraph adds what MyAnimeList says under `mal`.' })
@Directive('@key(fields: "malId")')
export class Anime {
  @Field(() => Int, { nullable: true })
  malId!: number | null;
}

@ObjectType()
export class MalImageSet {
  @Field(() => String, { nullable: true }) imageUrl!: string | null;
  @Field(() => String, { nullable: true }) smallImageUrl!: string | null;
  @Field(() => String, { nullable: true }) largeImageUrl!: string | null;
}

@ObjectType({ description: 'Picture URLs on the MAL CDN.' })
export class MalImages {
  @Field(() => MalImageSet, { nullable: true }) jpg!: MalImageSet | null;
  @Field(() => MalImageSet, { nullable: true }) webp!: MalImageSet | null;
}

@ObjectType()
export class MalTitle {
  @Field(() => String, { description: 'Default, Synonym, Japanese, English, German, …' }) type!: string;
  @Field(() => String) title!: string;
}

@ObjectType()
export class MalTrailer {
  @Field(() => String, { nullable: true }) youtubeId!: string | null;
  @Field(() => String, { nullable: true }) url!: string | null;
  @Field(() => String, { nullable: true }) embedUrl!: string | null;
}

@ObjectType({ description: 'A date range as MAL writes it; dates are ISO 8601.' })
export class MalDateRange {
  @Field(() => String, { nullable: true }) from!: string | null;
  @Field(() => String, { nullable: true }) to!: string | null;
  @Field(() => String, { nullable: true, description: 'Human form, e.g. "Apr 3, 1998 to Apr 24, 1999".' }) string!: string | null;
}

@ObjectType({ description: 'Weekly broadcast slot in Japan.' })
export class MalBroadcast {
  @Field(() => String, { nullable: true }) day!: string | null;
  @Field(() => String, { nullable: true }) time!: string | null;
  @Field(() => String, { nullable: true }) timezone!: string | null;
  @Field(() => String, { nullable: true }) string!: string | null;
}

@ObjectType({ description: 'A MAL entity: genre, theme, demographic, studio, producer or licensor.' })
export class MalEntity {
  @Field(() => Int) malId!: number;
  @Field(() => String) name!: string;
  @Field(() => String, { nullable: true }) type!: string | null;
  @Field(() => String, { nullable: true }) url!: string | null;
}

@ObjectType({ description: 'A related MAL entry (anime or manga).' })
export class MalRelatedEntry extends MalEntity {
  @Field(() => Anime, { nullable: true, description: 'The entry as an Anime, when it is an anime.' })
  anime!: Anime | null;
}

@ObjectType()
export class MalRelation {
  @Field(() => String, { description: 'Sequel, Prequel, Side Story, Adaptation, Summary, …' }) relation!: string;
  @Field(() => [MalRelatedEntry]) entries!: MalRelatedEntry[];
}

@ObjectType()
export class MalThemeSongs {
  @Field(() => [String]) openings!: string[];
  @Field(() => [String]) endings!: string[];
}

@ObjectType({ description: 'A named link (streaming service, external site).' })
export class MalLink {
  @Field(() => String) name!: string;
  @Field(() => String) url!: string;
}
