// Relay-style page information, shared (and @shareable) across subgraphs.
import { Directive, Field, ObjectType } from 'type-graphql';

@ObjectType({ description: 'Where a page sits in the whole result.' })
@Directive('@shareable')
export class PageInfo {
  @Field(() => Boolean)
  hasNextPage!: boolean;

  @Field(() => Boolean)
  hasPreviousPage!: boolean;

  @Field(() => String, { nullable: true, description: 'Pass as `after` to get the page before this one ends.' })
  startCursor!: string | null;

  @Field(() => String, { nullable: true, description: 'Pass as `after` to get the next page.' })
  endCursor!: string | null;
}
