// GraphQL shape of the livechart subgraph: the Anime entity by its LiveChart id, extended with
// the namespaced `livechart` field (what the entry's page shows).
import { Directive, Field, Float, Int, ObjectType } from 'type-graphql';
import { DateTime, SourceOrigin } from '../../src/graphql/provenance.js';
import type { LivechartAnimeRecord } from './parser.js';

// The entity (with the three sites' keys) is shared: the three sites form one subgraph (scraped/).
export { Anime } from '../scraped/anime.js';

@ObjectType({ description: 'A rating as the LiveChart page states it (schema.org AggregateRating).' })
export class LivechartRating {
  @Field(() => Float) value!: number;
  @Field(() => Int, { nullable: true }) votes!: number | null;
  @Field(() => Float, { description: 'Top of the scale (LiveChart: 10).' }) best!: number;
  @Field(() => Float, { nullable: true }) worst!: number | null;
}

@ObjectType({ description: 'The entry as its LiveChart page (livechart.me) shows it.' })
export class LivechartAnime implements LivechartAnimeRecord {
  @Field(() => Int) id!: number;
  @Field(() => String) url!: string;
  @Field(() => String) title!: string;
  @Field(() => String, { nullable: true }) romajiTitle!: string | null;
  @Field(() => String, { nullable: true }) englishTitle!: string | null;
  @Field(() => [String]) alternativeTitles!: string[];
  @Field(() => String, { nullable: true }) synopsis!: string | null;
  @Field(() => String, { nullable: true, description: 'LiveChart\'s format: TV, Movie, OVA, ONA…' }) format!: string | null;
  @Field(() => String, { nullable: true, description: 'The original work: Manga, Light Novel, Original…' }) source!: string | null;
  @Field(() => Int, { nullable: true, description: 'Null while airing or unknown.' }) episodes!: number | null;
  @Field(() => String, { nullable: true, description: 'Run time as shown ("23m", "2h 10m").' }) runTime!: string | null;
  @Field(() => String, { nullable: true, description: 'LiveChart\'s status: Finished, Releasing, Not yet released.' }) status!: string | null;
  @Field(() => String, { nullable: true, description: '"Fall 2006".' }) season!: string | null;
  @Field(() => String, { nullable: true, description: 'Premiere date (ISO), as the page\'s JSON-LD gives it.' }) premiere!: string | null;
  @Field(() => [String]) studios!: string[];
  @Field(() => [String]) genres!: string[];
  @Field(() => [String], { description: 'Every tag chip (genres, demographics, themes).' }) tags!: string[];
  @Field(() => LivechartRating, { nullable: true }) rating!: LivechartRating | null;
  @Field(() => Float, { nullable: true, description: 'rating on 0–10.' }) score!: number | null;
  @Field(() => String, { nullable: true }) image!: string | null;
  @Field(() => String, { nullable: true, description: 'The official website the page links.' }) website!: string | null;
  @Field(() => DateTime, { nullable: true, description: 'When the page was read (cache entries keep the time of the original read).' }) fetchedAt?: Date | null;
  @Field(() => SourceOrigin, { nullable: true }) origin?: SourceOrigin | null;
}
