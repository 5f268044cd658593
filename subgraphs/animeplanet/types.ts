// GraphQL shape of the animeplanet subgraph: the Anime entity by its Anime-Planet slug, extended
// with the namespaced `animePlanet` field (what the entry's page shows).
import { Directive, Field, Float, Int, ObjectType } from 'type-graphql';
import { DateTime, SourceOrigin } from '../../src/graphql/provenance.js';
import type { AnimePlanetAnimeRecord, AnimePlanetRelationRecord } from './parser.js';

// The entity (with the three sites' keys) is shared: the three sites form one subgraph (scraped/).
export { Anime } from '../scraped/anime.js';

@ObjectType({ description: 'A rating as a scraped page states it (schema.org AggregateRating).' })
export class AnimePlanetRating {
  @Field(() => Float) value!: number;
  @Field(() => Int, { nullable: true }) votes!: number | null;
  @Field(() => Float, { description: 'Top of the scale (Anime-Planet: 5 stars).' }) best!: number;
  @Field(() => Float, { nullable: true }) worst!: number | null;
}

@ObjectType({ description: 'An entry Anime-Planet lists as related.' })
export class AnimePlanetRelation implements AnimePlanetRelationRecord {
  @Field(() => String, { description: 'Anime-Planet slug of the related entry.' }) slug!: string;
  @Field(() => String) title!: string;
  @Field(() => String, { nullable: true, description: '"Sequel", "Side Story", "Same Franchise"…; null when the card has no label.' }) relation!: string | null;
  @Field(() => String, { nullable: true, description: 'ISO date.' }) startDate!: string | null;
}

@ObjectType({ description: 'The entry as its Anime-Planet page (anime-planet.com) shows it.' })
export class AnimePlanetAnime implements AnimePlanetAnimeRecord {
  @Field(() => String) slug!: string;
  @Field(() => String) url!: string;
  @Field(() => String) title!: string;
  @Field(() => [String]) alternativeTitles!: string[];
  @Field(() => String, { nullable: true }) synopsis!: string | null;
  @Field(() => String, { nullable: true, description: 'Anime-Planet\'s type: TV, Movie, OVA, TV Special…' }) type!: string | null;
  @Field(() => Int, { nullable: true }) episodes!: number | null;
  @Field(() => [String]) studios!: string[];
  @Field(() => String, { nullable: true, description: '"Winter 2019"; null when the page links none.' }) season!: string | null;
  @Field(() => Int, { nullable: true }) year!: number | null;
  @Field(() => String, { nullable: true, description: 'ISO date.' }) startDate!: string | null;
  @Field(() => String, { nullable: true, description: 'ISO date.' }) endDate!: string | null;
  @Field(() => AnimePlanetRating, { nullable: true, description: 'Null until enough users rated.' }) rating!: AnimePlanetRating | null;
  @Field(() => Float, { nullable: true, description: 'rating on 0–10.' }) score!: number | null;
  @Field(() => Int, { nullable: true }) rank!: number | null;
  @Field(() => [String], { description: 'Genres and tags.' }) tags!: string[];
  @Field(() => [String]) contentWarnings!: string[];
  @Field(() => String, { nullable: true }) image!: string | null;
  @Field(() => [AnimePlanetRelation]) relations!: AnimePlanetRelation[];
  @Field(() => DateTime, { nullable: true, description: 'When the page was read (cache entries keep the time of the original read).' }) fetchedAt?: Date | null;
  @Field(() => SourceOrigin, { nullable: true }) origin?: SourceOrigin | null;
}
