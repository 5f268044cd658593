// List import and linked accounts in the users subgraph: `importList`, `linkAccount`,
// `unlinkAccount`, `Viewer.linkedAccounts` and `WatchlistEntry.sync` (what became of a write at each
// linked provider). The user is the request's key's, as everywhere in this subgraph.
import { Arg, Ctx, Field, FieldResolver, Int, Mutation, ObjectType, registerEnumType, Resolver, Root } from 'type-graphql';
import type { Catalog } from '../../src/catalog/index.js';
import type { Config } from '../../src/config/index.js';
import { createUpstreamKit } from '../../src/http/index.js';
import type { UpstreamKit } from '../../src/http/types.js';
import type { Store } from '../../src/store/index.js';
import { viewerOf, type UsersService } from '../../src/users/index.js';
import { listFeatures, ListSource, type ListFeatures, type SyncOutcome } from '../../src/users/lists/index.js';
import { Viewer, WatchlistEntry } from './types.js';

registerEnumType(ListSource, { name: 'ListSource', description: 'A list provider: MyAnimeList or AniList.' });

enum SyncStatus {
  PUSHED = 'PUSHED',
  FAILED = 'FAILED',
  NOT_ON_PROVIDER = 'NOT_ON_PROVIDER',
}
registerEnumType(SyncStatus, { name: 'SyncStatus', description: 'PUSHED: the provider has the change; FAILED: it does not (the local write stands); NOT_ON_PROVIDER: the catalog knows no id of the anime there.' });

@ObjectType({ description: 'An entry of the imported list the crosswalk could not place in the catalog; nothing was written for it.' })
class UnmatchedListEntry {
  @Field(() => String, { description: "The provider's anime id." })
  sourceId!: string;
  @Field(() => String, { nullable: true })
  title!: string | null;
}

@ObjectType({ description: 'What a list import did: the whole list is written in one transaction, or nothing is.' })
class ImportReport {
  @Field(() => ListSource)
  source!: ListSource;
  @Field(() => Int, { description: 'Entries new on the watchlist.' })
  imported!: number;
  @Field(() => Int, { description: "Entries already on it, now with the provider's status, score and progress." })
  updated!: number;
  @Field(() => [UnmatchedListEntry])
  unmatched!: UnmatchedListEntry[];
  @Field(() => Boolean, { description: "True when the linked account's own list (private entries included) was read." })
  viaLinkedAccount!: boolean;
}

@ObjectType({ description: "Where to send the user's browser to link an account; the authorization expires after 10 minutes." })
class AccountLinkStart {
  @Field(() => ListSource)
  source!: ListSource;
  @Field(() => String)
  authorizationUrl!: string;
  @Field(() => String, { description: 'Where the provider sends the browser back (register it with the provider).' })
  redirectUri!: string;
  @Field(() => String)
  expiresAt!: string;
}

@ObjectType({ description: 'A linked provider account. Its tokens are stored encrypted and never shown.' })
class LinkedAccount {
  @Field(() => ListSource)
  source!: ListSource;
  @Field(() => String)
  linkedAt!: string;
  @Field(() => String, { nullable: true })
  tokenExpiresAt!: string | null;
  @Field(() => String, { nullable: true, description: 'The last push of a watchlist change to the provider.' })
  lastSyncAt!: string | null;
  @Field(() => String, { nullable: true, description: 'Why that push failed; null when it worked.' })
  lastSyncError!: string | null;
}

@ObjectType({ description: 'What became of a watchlist write at one linked provider.' })
class WatchlistSync {
  @Field(() => ListSource)
  source!: ListSource;
  @Field(() => SyncStatus)
  status!: SyncStatus;
  @Field(() => String, { nullable: true })
  message!: string | null;
}

@Resolver(() => Viewer)
export class ListResolver {
  constructor(
    private readonly users: UsersService,
    private readonly features: ListFeatures,
  ) {}

  @FieldResolver(() => [LinkedAccount], { description: 'Provider accounts linked with linkAccount.' })
  async linkedAccounts(@Root() viewer: Viewer): Promise<LinkedAccount[]> {
    return (await this.features.links.linked(viewer.id)) as LinkedAccount[];
  }

  @Mutation(() => ImportReport, {
    description:
      "Imports a MyAnimeList or AniList list into the signed-in user's watchlist: the public list, or the linked account's own list (private entries too) when `username` is that account. Entries the crosswalk cannot place are reported; nothing is written unless the whole list is.",
  })
  async importList(@Arg('source', () => ListSource) source: ListSource, @Arg('username', () => String) username: string, @Ctx() context: unknown): Promise<ImportReport> {
    const account = await this.users.require(viewerOf(context));
    return this.features.imports.import(account.id, source, username);
  }

  @Mutation(() => AccountLinkStart, { description: "Starts linking the signed-in user's provider account (OAuth2: MAL with PKCE, AniList authorization code)." })
  async linkAccount(@Arg('source', () => ListSource) source: ListSource, @Ctx() context: unknown): Promise<AccountLinkStart> {
    const account = await this.users.require(viewerOf(context));
    return this.features.links.link(account.id, source);
  }

  @Mutation(() => Boolean, { description: 'Unlinks a provider account and deletes its tokens; false when it was not linked.' })
  async unlinkAccount(@Arg('source', () => ListSource) source: ListSource, @Ctx() context: unknown): Promise<boolean> {
    const account = await this.users.require(viewerOf(context));
    return this.features.links.unlink(account.id, source);
  }
}

@Resolver(() => WatchlistEntry)
export class WatchlistSyncResolver {
  @FieldResolver(() => [WatchlistSync], { nullable: true, description: 'On a setWatchStatus answer: the push to each linked provider. Null when nothing is linked or the entry was only read.' })
  sync(@Root() entry: WatchlistEntry & { sync?: SyncOutcome[] }): WatchlistSync[] | null {
    return (entry.sync as WatchlistSync[] | undefined) ?? null;
  }
}

export interface ListResolverServices {
  catalog: Catalog;
  config: Config;
  store: () => Promise<Store>;
  upstream?: UpstreamKit | undefined;
  log?: { warn(obj: object, msg: string): void } | undefined;
}

/** The resolver instances for buildUsersSchema; also hooks watchlist writes up to the sync. */
export function listResolvers(users: UsersService, services: ListResolverServices): Array<[unknown, unknown]> {
  const features = listFeatures({ ...services, upstream: services.upstream ?? createUpstreamKit(services.config), ...(services.log ? { log: services.log } : {}) });
  users.onWatchlistWrite = async (userId, animeId, entry) => {
    const outcomes = await features.links.push(userId, animeId, entry);
    return outcomes.length ? outcomes : undefined;
  };
  return [
    [ListResolver, new ListResolver(users, features)],
    [WatchlistSyncResolver, new WatchlistSyncResolver()],
  ];
}
