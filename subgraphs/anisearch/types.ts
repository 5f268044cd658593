// GraphQL shape of the anisearch subgraph: the Anime entity by its aniSearch id, extended with
// the namespaced `anisearch` field (what the entry's page shows).
import { Directive, Field, Float, Int, ObjectType, registerEnumType } from 'type-graphql';
import { DateTime, SourceOrigin } from '../../src/graphql/provenance.js';
import type { AnisearchAnimeRecord, AnisearchRelationRecord, AnisearchTagRecord, AnisearchTitleRecord } from './parser.js';

export enum AnisearchTagKind {
  MAIN_GENRE = 'MAIN_GENRE',
  SUBGENRE = 'SUBGENRE',
  TAG = 'TAG',
}
registerEnumType(AnisearchTagKind, { name: 'AnisearchTagKind', description: 'aniSearch\'s three kinds of tags: main genres, subsidiary genres, tags.' });

// The entity (with the three sites' keys) is shared: the three sites form one subgraph (scraped/).
export { Anime } from '../scraped/anime.js';

@ObjectType({ description: 'A rating as the aniSearch page states it (schema.org AggregateRating).' })
export class AnisearchRating {
  @Field(() => Float) value!: number;
  @Field(() => Int, { nullable: true }) votes!: number | null;
  @Field(() => Float, { description: 'Top of the scale (aniSearch: 5).' }) best!: number;
  @Field(() => Float, { nullable: true }) worst!: number | null;
}

@ObjectType({ description: 'The title of one release language.' })
export class AnisearchTitle implements AnisearchTitleRecord {
  @Field(() => String, { description: 'ja, en, de, es, fr, it…' }) language!: string;
  @Field(() => String) title!: string;
  @Field(() => String, { nullable: true, description: 'The title in its own script (Japanese).' }) native!: string | null;
}

@ObjectType()
export class AnisearchTag implements AnisearchTagRecord {
  @Field(() => String) name!: string;
  @Field(() => AnisearchTagKind) kind!: AnisearchTagKind;
}

@ObjectType({ description: 'A work aniSearch lists as related (anime, manga, live-action movie…).' })
export class AnisearchRelation implements AnisearchRelationRecord {
  @Field(() => String, { description: 'anime, manga, movie…' }) kind!: string;
  @Field(() => Int) id!: number;
  @Field(() => String) title!: string;
  @Field(() => String, { nullable: true, description: '"Anime: Sequel", "Manga: Original Work"…' }) relation!: string | null;
  @Field(() => String) url!: string;
}

@ObjectType({ description: 'The entry as its aniSearch page (anisearch.com) shows it.' })
export class AnisearchAnime implements AnisearchAnimeRecord {
  @Field(() => Int) id!: number;
  @Field(() => String) url!: string;
  @Field(() => String) title!: string;
  @Field(() => [AnisearchTitle]) titles!: AnisearchTitle[];
  @Field(() => String, { nullable: true, description: 'aniSearch\'s type: TV-Series, Movie, OVA, Web…' }) type!: string | null;
  @Field(() => Int, { nullable: true }) episodes!: number | null;
  @Field(() => Int, { nullable: true }) episodeMinutes!: number | null;
  @Field(() => String, { nullable: true, description: 'Status of the Japanese release: Completed, Ongoing, Upcoming…' }) status!: string | null;
  @Field(() => String, { nullable: true, description: 'ISO date.' }) startDate!: string | null;
  @Field(() => String, { nullable: true, description: 'ISO date.' }) endDate!: string | null;
  @Field(() => [String]) studios!: string[];
  @Field(() => String, { nullable: true }) adaptedFrom!: string | null;
  @Field(() => String, { nullable: true }) targetGroup!: string | null;
  @Field(() => String, { nullable: true, description: 'The English description.' }) synopsis!: string | null;
  @Field(() => AnisearchRating, { nullable: true }) rating!: AnisearchRating | null;
  @Field(() => Float, { nullable: true, description: 'rating on 0–10.' }) score!: number | null;
  @Field(() => [String]) genres!: string[];
  @Field(() => [AnisearchTag]) tags!: AnisearchTag[];
  @Field(() => String, { nullable: true }) image!: string | null;
  @Field(() => [AnisearchRelation]) relations!: AnisearchRelation[];
  @Field(() => DateTime, { nullable: true, description: 'When the page was read (cache entries keep the time of the original read).' }) fetchedAt?: Date | null;
  @Field(() => SourceOrigin, { nullable: true }) origin?: SourceOrigin | null;
}
