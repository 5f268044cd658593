// Shared watchlists: the owner publishes (`publishWatchlist`) and unpublishes read-only links and
// lists them (`viewer.shares`); anyone with a link's token reads it with `sharedWatchlist(token)`
// (or GET /api/lists/{token}), no key needed. A token that is unknown, forged, unpublished or of a
// deleted account is NOT_FOUND. The owner's identity never appears in a shared list.
import { Arg, Ctx, Field, FieldResolver, ID, Int, Mutation, ObjectType, Query, Resolver, Root } from 'type-graphql';
import { viewerOf, MAX_WATCHLIST_PAGE, WatchStatus, type UsersService } from '../../src/users/index.js';
import { MAX_SHARES_PER_USER, SHARE_PATH_PREFIX, type SharesService } from '../../src/users/shares/index.js';
import { Anime, AnimeViewerState, Viewer } from './types.js';

@ObjectType({ description: 'A published read-only link to the signed-in user\'s list (its token is shown only when published).' })
export class WatchlistShare {
  @Field(() => ID, { description: 'Names the link to its owner (for unpublishWatchlist); it does not open the list.' })
  id!: string;
  @Field(() => WatchStatus, { nullable: true, description: 'The one status the link shows; null for the whole list.' })
  status!: WatchStatus | null;
  @Field(() => String, { description: 'When it was published (ISO 8601).' })
  createdAt!: string;
}

@ObjectType({ description: 'A link just published: the token is shown this once (only its hash is stored).' })
export class PublishedWatchlist extends WatchlistShare {
  @Field(() => String, { description: 'The read token (256 random bits): whoever has it can read the list.' })
  token!: string;
  @Field(() => String, { description: `Where the list is read over REST, relative to this server: ${SHARE_PATH_PREFIX}<token>.` })
  path!: string;
}

@ObjectType({ description: 'One anime on a shared list.' })
export class SharedWatchlistEntry extends AnimeViewerState {
  @Field(() => Anime, { nullable: true, description: 'The anime; null when the catalog no longer lists it.' })
  anime!: Anime | null;
}

@ObjectType({ description: 'A list its owner published, read through its token.' })
export class SharedWatchlist {
  @Field(() => WatchStatus, { nullable: true, description: 'The one status the link shows; null for the whole list.' })
  status!: WatchStatus | null;
  @Field(() => String, { description: 'When the link was published (ISO 8601).' })
  createdAt!: string;
  @Field(() => [SharedWatchlistEntry], { description: 'Most recently changed first.' })
  entries!: SharedWatchlistEntry[];
}

@Resolver(() => Viewer)
export class SharesResolver {
  constructor(
    private readonly users: UsersService,
    private readonly sharing: SharesService,
  ) {}

  @FieldResolver(() => [WatchlistShare], { description: "The signed-in user's published links, oldest first (tokens are not shown again)." })
  async shares(@Root() viewer: Viewer): Promise<WatchlistShare[]> {
    return this.sharing.list(viewer);
  }

  @Mutation(() => PublishedWatchlist, { description: `Publishes a read-only link to the signed-in user's list (only entries of \`status\` when given). The token is in the answer only; at most ${MAX_SHARES_PER_USER} links per user.` })
  async publishWatchlist(@Arg('status', () => WatchStatus, { nullable: true, description: 'Show only entries with this status.' }) status: WatchStatus | null | undefined, @Ctx() context: unknown): Promise<PublishedWatchlist> {
    const account = await this.users.require(viewerOf(context));
    return this.sharing.publish(account, status);
  }

  @Mutation(() => Int, { description: 'Ends the link `id` (from viewer.shares), or every link of the signed-in user without it, at once; returns how many ended.' })
  async unpublishWatchlist(@Arg('id', () => ID, { nullable: true }) id: string | null | undefined, @Ctx() context: unknown): Promise<number> {
    const account = await this.users.require(viewerOf(context));
    return this.sharing.unpublish(account, id);
  }

  @Query(() => SharedWatchlist, { nullable: true, description: 'A list its owner published, by the token of the link; no API key needed. NOT_FOUND for a token that was never issued, was unpublished, or whose owner deleted the account.' })
  async sharedWatchlist(
    @Arg('token', () => String) token: string,
    @Arg('first', () => Int, { defaultValue: 100, description: `How many entries, 1–${MAX_WATCHLIST_PAGE}.` }) first: number,
    @Arg('offset', () => Int, { defaultValue: 0 }) offset: number,
  ): Promise<SharedWatchlist> {
    const { share, entries } = await this.sharing.read(token, first, offset);
    return { status: share.status, createdAt: share.createdAt, entries: entries.map((e) => ({ status: e.status, score: e.score, progress: e.progress, updatedAt: e.updatedAt, anime: { id: e.animeId } })) };
  }
}

/** The resolver and its instance, for buildUsersSchema's container. */
export function shareResolvers(users: UsersService, shares: SharesService): Array<[Function, object]> {
  return [[SharesResolver, new SharesResolver(users, shares)]];
}
