// The Anime entity as the scraped sites' subgraph sees it: one type for the three sites.
// One subgraph for the three sites, not three: each subgraph keyed on its own Anime id multiplies
// the paths composition must check for universal's @requires (three subgraphs took composition
// from 2 s to over 8 min; see docs/decisions.md).
// Joined by the catalog id, each site's field requiring that site's id from the catalog (not keyed
// by the sites' ids: docs/decisions.md, "AniDB, ANN and the scraped sites join by id").
import { Directive, Field, ID, Int, ObjectType } from 'type-graphql';

@ObjectType()
@Directive('@key(fields: "id")')
export class Anime {
  @Field(() => ID)
  id!: string;
  @Field(() => String, { nullable: true })
  @Directive('@external')
  animePlanetId!: string | null;
  @Field(() => Int, { nullable: true })
  @Directive('@external')
  livechartId!: number | null;
  @Field(() => Int, { nullable: true })
  @Directive('@external')
  anisearchId!: number | null;
}
