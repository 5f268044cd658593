// GraphQL shape of the users subgraph: the signed-in user's `viewer` (preferences, watchlist), its
// mutations, and `Anime.viewer`, added to the catalog's Anime by `id` so any query can show the
// user's state of an anime. Nothing here takes a user id: the user is the one of the request's key.
import { Directive, Field, Float, ID, InputType, Int, ObjectType, registerEnumType } from 'type-graphql';
import { Platform } from '../../src/graphql/index.js';
import { TitleLanguage, WatchStatus } from '../../src/users/index.js';

registerEnumType(WatchStatus, { name: 'WatchStatus', description: "Where an anime is on the user's list." });
registerEnumType(TitleLanguage, { name: 'TitleLanguage', description: "Which title to show: DEFAULT is the catalog's display title." });

@ObjectType({ description: "The signed-in user's state of one anime on their list." })
export class AnimeViewerState {
  @Field(() => WatchStatus)
  status!: WatchStatus;
  @Field(() => Float, { nullable: true, description: '0–10; null when not scored.' })
  score!: number | null;
  @Field(() => Int, { nullable: true, description: 'Episodes watched; null when not recorded.' })
  progress!: number | null;
  @Field(() => String, { description: 'When the entry last changed (ISO 8601).' })
  updatedAt!: string;
}

@ObjectType({ description: 'One anime. The catalog owns it; the users subgraph adds `viewer`.' })
@Directive('@key(fields: "id")')
export class Anime {
  @Field(() => ID)
  id!: string;
}

@ObjectType({ description: "One anime on the signed-in user's list." })
export class WatchlistEntry extends AnimeViewerState {
  @Field(() => String, { description: 'When the anime was first put on the list (ISO 8601).' })
  createdAt!: string;
  @Field(() => Anime, { nullable: true, description: 'The anime; null when the catalog no longer lists it (the entry can still be removed by its `animeId`).' })
  anime!: Anime | null;
  @Field(() => ID, { description: 'The catalog id the entry was stored under.' })
  animeId!: string;
}

@ObjectType({ description: "The signed-in user's preferences. Stored and returned; applying them to search, `similar`, schedules and titles is a later step." })
export class Preferences {
  @Field(() => Boolean, { description: 'Adult entries may be shown. Default false.' })
  nsfwAllowed!: boolean;
  @Field(() => String, { nullable: true, description: 'ISO 3166-1 alpha-2 country, upper case (streaming offers).' })
  region!: string | null;
  @Field(() => String, { nullable: true, description: 'IANA time zone (schedules).' })
  timeZone!: string | null;
  @Field(() => TitleLanguage)
  titleLanguage!: TitleLanguage;
  @Field(() => [Platform], { description: 'Sources to prefer, in order.' })
  preferredSources!: Platform[];
  @Field(() => [String], { description: "Genres and tags liked, in the catalog's vocabulary." })
  genresLiked!: string[];
  @Field(() => [String], { description: 'Genres and tags to avoid.' })
  genresAvoided!: string[];
  @Field(() => String, { nullable: true, description: 'When they were last changed (ISO 8601); null while they are the defaults.' })
  updatedAt!: string | null;
}

@ObjectType({ description: 'The signed-in user: the owner of the API key the request was sent with.' })
export class Viewer {
  @Field(() => ID)
  id!: string;
  @Field(() => String, { description: 'When the account was created (ISO 8601).' })
  createdAt!: string;
}

@InputType({ description: 'Fields to change; an absent field keeps its value, null puts it back to its default.' })
export class PreferencesInput {
  @Field(() => Boolean, { nullable: true })
  nsfwAllowed?: boolean | null;
  @Field(() => String, { nullable: true, description: 'ISO 3166-1 alpha-2 country code, e.g. "JP".' })
  region?: string | null;
  @Field(() => String, { nullable: true, description: 'IANA time zone, e.g. "Europe/Berlin".' })
  timeZone?: string | null;
  @Field(() => TitleLanguage, { nullable: true })
  titleLanguage?: TitleLanguage | null;
  @Field(() => [Platform], { nullable: true, description: 'Any platform but OTHER.' })
  preferredSources?: Platform[] | null;
  @Field(() => [String], { nullable: true, description: "At most 50, each a genre or tag of the catalog (spellings are normalised: \"Sci-Fi\" is \"science fiction\")." })
  genresLiked?: string[] | null;
  @Field(() => [String], { nullable: true, description: 'At most 50; none may also be liked.' })
  genresAvoided?: string[] | null;
}
