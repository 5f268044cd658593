// Users resolvers. The user is always the one of the request's verified key (src/users/context.ts):
// no argument names a user, so one user can never reach another's data. `viewer` is null without
// a usable user key; mutations refuse with UNAUTHENTICATED or FORBIDDEN. Every write is checked in
// full (catalog ids, statuses, score, progress, preferences) before the one statement that writes it.
import DataLoader from 'dataloader';
import { Arg, Ctx, FieldResolver, ID, Int, Mutation, Query, Resolver, Root } from 'type-graphql';
import { viewerOf, MAX_WATCHLIST_PAGE, WatchStatus, type Account, type UsersService, type WatchEntry } from '../../src/users/index.js';
import { Anime, AnimeViewerState, Preferences, PreferencesInput, Viewer, WatchlistEntry } from './types.js';

const toEntry = (entry: WatchEntry): WatchlistEntry => ({ ...entry, anime: { id: entry.animeId } });

/** Per operation: the caller's account (looked up once) and a batch loader for `Anime.viewer`. */
interface OperationState {
  account: Promise<Account | null>;
  entries: DataLoader<string, WatchEntry | null>;
}

function perOperation(service: UsersService): (context: unknown) => OperationState {
  const states = new WeakMap<object, OperationState>();
  const create = (context: unknown): OperationState => {
    const account = service.viewer(viewerOf(context));
    return {
      account,
      // No memo (cache: false): a mutation earlier in the operation must show in a later read.
      entries: new DataLoader(
        async (ids) => {
          const found = await account;
          if (!found) return ids.map(() => null);
          const entries = await service.entries(found, ids);
          return ids.map((id) => entries.get(id) ?? null);
        },
        { cache: false },
      ),
    };
  };
  return (context) => {
    if (typeof context !== 'object' || context === null) return create(context);
    let state = states.get(context);
    if (!state) states.set(context, (state = create(context)));
    return state;
  };
}

@Resolver(() => Anime)
export class AnimeViewerResolver {
  private readonly stateOf: (context: unknown) => OperationState;

  constructor(service: UsersService) {
    this.stateOf = perOperation(service);
  }

  @FieldResolver(() => AnimeViewerState, { nullable: true, description: "The signed-in user's status, score and progress for this anime; null when it is not on their list or the request has no user key." })
  async viewer(@Root() anime: Anime, @Ctx() context: unknown): Promise<AnimeViewerState | null> {
    return this.stateOf(context).entries.load(anime.id);
  }
}

@Resolver(() => Viewer)
export class ViewerResolver {
  constructor(private readonly service: UsersService) {}

  @Query(() => Viewer, { nullable: true, description: 'The signed-in user (the owner of the API key sent); null without a key of a user (`POST /api/users` makes one).' })
  async viewer(@Ctx() context: unknown): Promise<Viewer | null> {
    const account = await this.service.viewer(viewerOf(context));
    return account && { id: account.id, createdAt: account.createdAt };
  }

  @FieldResolver(() => Preferences)
  async preferences(@Root() viewer: Viewer): Promise<Preferences> {
    return this.service.preferences(viewer);
  }

  @FieldResolver(() => [WatchlistEntry], { description: 'The list, most recently changed first.' })
  async watchlist(
    @Root() viewer: Viewer,
    @Arg('status', () => WatchStatus, { nullable: true, description: 'Only entries with this status.' }) status: WatchStatus | null | undefined,
    @Arg('first', () => Int, { defaultValue: 100, description: `How many, 1–${MAX_WATCHLIST_PAGE}.` }) first: number,
    @Arg('offset', () => Int, { defaultValue: 0, description: 'How many to skip.' }) offset: number,
  ): Promise<WatchlistEntry[]> {
    // `viewer` here is the object Query.viewer returned for the request's own key; it is not an
    // entity, so no client can hand in another id.
    return (await this.service.watchlist(viewer, status, first, offset)).map(toEntry);
  }

  @Mutation(() => Preferences, { description: "Changes the signed-in user's preferences; nothing is written unless every field is valid." })
  async updatePreferences(@Arg('input', () => PreferencesInput) input: PreferencesInput, @Ctx() context: unknown): Promise<Preferences> {
    const account = await this.service.require(viewerOf(context));
    return this.service.updatePreferences(account, { ...input });
  }

  @Mutation(() => WatchlistEntry, { description: "Puts an anime on the signed-in user's list or changes its entry. An absent score or progress keeps the stored one; null clears it." })
  async setWatchStatus(
    @Arg('animeId', () => ID, { description: 'A catalog id or any `<platform>:<id>` alias, e.g. "mal:1".' }) animeId: string,
    @Arg('status', () => WatchStatus) status: WatchStatus,
    @Arg('score', () => Number, { nullable: true, description: '0–10.' }) score: number | null | undefined,
    @Arg('progress', () => Int, { nullable: true, description: 'Episodes watched, 0 to the episode count.' }) progress: number | null | undefined,
    @Ctx() context: unknown,
  ): Promise<WatchlistEntry> {
    const account = await this.service.require(viewerOf(context));
    return toEntry(await this.service.setWatchStatus(account, { animeId, status, score, progress }));
  }

  @Mutation(() => Boolean, { description: "Takes an anime off the signed-in user's list; false when it was not on it." })
  async removeFromWatchlist(@Arg('animeId', () => ID) animeId: string, @Ctx() context: unknown): Promise<boolean> {
    const account = await this.service.require(viewerOf(context));
    return this.service.removeFromWatchlist(account, animeId);
  }
}
