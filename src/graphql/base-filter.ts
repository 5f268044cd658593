// The filter conditions every anime list shares (catalog search, similarity results): one
// definition, extended by each subgraph's own input type with its extra conditions.
import { Field, InputType, Int } from 'type-graphql';
import { AnimeFormat, AnimeStatus } from './enums.js';

// Not referenced by any resolver, so no schema prints it: only its fields, through the subclasses.
@InputType()
export abstract class BaseAnimeFilter {
  @Field(() => [AnimeFormat], { nullable: true })
  formats?: AnimeFormat[] | null;
  @Field(() => [AnimeStatus], { nullable: true })
  statuses?: AnimeStatus[] | null;
  @Field(() => Int, { nullable: true })
  yearFrom?: number | null;
  @Field(() => Int, { nullable: true })
  yearTo?: number | null;
}
