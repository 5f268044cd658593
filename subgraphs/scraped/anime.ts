// The Anime entity as the scraped sites' subgraph sees it: one type with the three sites' keys.
// One subgraph for the three sites, not three: each subgraph keyed on its own Anime id multiplies
// the paths composition must check for universal's @requires (three subgraphs took composition
// from 2 s to over 8 min; see docs/decisions.md).
import { Directive, Field, Int, ObjectType } from 'type-graphql';

@ObjectType()
@Directive('@key(fields: "animePlanetId")')
@Directive('@key(fields: "livechartId")')
@Directive('@key(fields: "anisearchId")')
export class Anime {
  @Field(() => String, { nullable: true })
  animePlanetId!: string | null;
  @Field(() => Int, { nullable: true })
  livechartId!: number | null;
  @Field(() => Int, { nullable: true })
  anisearchId!: number | null;
}
