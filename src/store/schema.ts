// The store's tables as Kysely sees them. Times are epoch milliseconds (bigint columns, read back
// as numbers on both databases); JSON is kept as text so SQLite and PostgreSQL store it alike.
// Table names carry their domain (`store_`, `enrichment_`; later `users`, `api_keys`, …).
import type { Generated, Insertable, Selectable, Updateable } from 'kysely';

/** Facts about the store itself (when it was created, by which schema); one row per key. */
export interface StoreMetaTable {
  key: string;
  value: string;
  updated_at: number;
}

/**
 * The normalised fields of one field class of one anime at one source, as last fetched. Keyed by
 * the source's own id, so a record stays valid when the catalog's canonical id of the anime moves.
 */
export interface EnrichmentRecordTable {
  /** `anilist`, `jikan`, `kitsu`. */
  source: string;
  /** The anime's id at that source (AniList id, MAL id, Kitsu id). */
  source_id: string;
  /** `titles`, `synopsis`, `genres`, `scores`, `facts`, `pictures`, `relations` (src/enrich/fields.ts). */
  field_class: string;
  /** The catalog's canonical id of the anime when the record was written. */
  anime_id: string;
  /** JSON of the normalised fields; null when the source has nothing for this class. */
  payload: string | null;
  /** sha256 of the payload JSON: an unchanged refetch keeps `changed_at`. */
  hash: string;
  /** When the source produced the answer (the kit's fetch time). */
  fetched_at: number;
  /** When the payload last differed from the one before. */
  changed_at: number;
  /** Set when this class could not be normalised from an otherwise good answer. */
  error_code: string | null;
  error_message: string | null;
}

/** The last attempt to fetch one anime from one source, whatever came of it. */
export interface EnrichmentFetchTable {
  source: string;
  source_id: string;
  anime_id: string;
  /** `ok`, `not_found` (the source does not know the id) or `error` (retried on the next run). */
  outcome: string;
  /** The universal status the source reported (AIRING entries refresh daily), when it answered. */
  status: string | null;
  error_code: string | null;
  error_message: string | null;
  attempted_at: number;
  /** Consecutive failed attempts (0 after a success). */
  failures: number;
  run_id: number | null;
}

/** One harvest job: its options, its checkpoint (cursor and counts) and how it ended. */
export interface EnrichmentRunTable {
  id: Generated<number>;
  /** `running`, `interrupted` (Ctrl-C, abort), `failed` (a store error: the last batch was not committed), `finished`. */
  status: string;
  /** JSON of the options it was started with. */
  options: string;
  /** JSON: per source, the batches committed and the last source id of the last one. */
  cursor: string;
  /** JSON of the running counts (fetched, unchanged, failed by code, skipped, requests). */
  counts: string;
  started_at: number;
  finished_at: number | null;
  /** The process running it, so a second harvest can tell a live run from a crashed one. */
  pid: number;
  host: string;
  heartbeat_at: number;
}

/** An API key (src/auth): who may call, with which scopes and tier; the secret itself is never kept. */
export interface ApiKeyTable {
  /** The public part of the key (`af_<id>_<secret>`), shown in listings and usage. */
  id: string;
  name: string;
  /** Comma-separated: `read`, `user`, `admin`. */
  scopes: string;
  /** `free`, `premium`, `enterprise`. */
  tier: string;
  /** base64url scrypt salt (16 random bytes) and hash of the secret. */
  salt: string;
  hash: string;
  /** The owning user once users exist; null for keys an operator made. */
  user_id: string | null;
  created_at: number;
  revoked_at: number | null;
  last_used_at: number | null;
}

/** Requests answered per key and UTC day (flushed from memory every few seconds). */
export interface ApiKeyUsageTable {
  key_id: string;
  /** `YYYY-MM-DD`, UTC. */
  day: string;
  requests: number;
  nl_calls: number;
  /** Requests refused for quota. */
  rejected: number;
}

/** A user account (src/users); the id is the only identity: no name, e-mail or password is kept. */
export interface UserTable {
  /** `usr_<16 letters and digits>`. */
  id: string;
  created_at: number;
  /** Soft delete: set, the account is unreachable; purged USER_PURGE_DAYS later. */
  deleted_at: number | null;
}

/** One user's preferences (a row once they are first set). Lists are JSON arrays as text. */
export interface UserPreferencesTable {
  user_id: string;
  /** 0 or 1 (SQLite has no boolean). */
  nsfw_allowed: number;
  /** ISO 3166-1 alpha-2, upper case. */
  region: string | null;
  /** IANA time zone. */
  time_zone: string | null;
  /** `DEFAULT`, `ENGLISH`, `ROMAJI`, `JAPANESE`. */
  title_language: string | null;
  /** JSON array of Platform names. */
  preferred_sources: string;
  /** JSON arrays of canonical tags (src/domain/genres.ts). */
  genres_liked: string;
  genres_avoided: string;
  updated_at: number;
}

/** One anime on one user's list. `anime_id` is the catalog's canonical id when it was written. */
export interface UserWatchlistTable {
  user_id: string;
  anime_id: string;
  /** WATCHING, COMPLETED, ON_HOLD, DROPPED, PLAN_TO_WATCH, REWATCHING. */
  status: string;
  /** 0–10, or null when not scored. */
  score: number | null;
  /** Episodes watched, or null. */
  progress: number | null;
  created_at: number;
  updated_at: number;
}

/** Aggregates that outlive purged accounts (how many, how many list entries): never per user. */
export interface UserCountTable {
  name: string;
  value: number;
  updated_at: number;
}

/** A provider account linked by OAuth (src/users/links). Tokens are AES-256-GCM ciphertext (`v1.<iv>.<tag>.<data>`), never clear text. */
export interface UserLinkTable {
  user_id: string;
  /** `MAL` or `ANILIST`. */
  source: string;
  access_token: string;
  refresh_token: string | null;
  /** When the access token expires (epoch ms), when the provider said. */
  expires_at: number | null;
  linked_at: number;
  updated_at: number;
  /** The last push to the provider and its error, if it failed. */
  last_sync_at: number | null;
  last_sync_error: string | null;
}

/** An OAuth authorization under way: the state's sha256 (never the state), its PKCE verifier (encrypted), until `expires_at`. */
export interface UserLinkStateTable {
  state_hash: string;
  user_id: string;
  source: string;
  code_verifier: string | null;
  redirect_uri: string;
  created_at: number;
  expires_at: number;
}

/** A published read-only link to one user's list (src/users/shares); the token itself is never kept. */
export interface UserShareTable {
  /** `shr_<16 letters and digits>`: names the link to its owner (to unpublish it); not the token. */
  id: string;
  user_id: string;
  /** Hex SHA-256 of the token (`wl_<43 base64url characters>`, 256 random bits). */
  token_hash: string;
  /** Only entries with this WatchStatus are shown; null for the whole list. */
  status: string | null;
  created_at: number;
}

export interface StoreDatabase {
  users: UserTable;
  user_shares: UserShareTable;
  user_preferences: UserPreferencesTable;
  user_watchlist: UserWatchlistTable;
  user_counts: UserCountTable;
  user_links: UserLinkTable;
  user_link_states: UserLinkStateTable;
  store_meta: StoreMetaTable;
  enrichment_records: EnrichmentRecordTable;
  enrichment_fetches: EnrichmentFetchTable;
  enrichment_runs: EnrichmentRunTable;
  api_keys: ApiKeyTable;
  api_key_usage: ApiKeyUsageTable;
}

export type ApiKeyRow = Selectable<ApiKeyTable>;
export type UserRow = Selectable<UserTable>;
export type UserPreferencesRow = Selectable<UserPreferencesTable>;
export type UserWatchlistRow = Selectable<UserWatchlistTable>;
export type UserShareRow = Selectable<UserShareTable>;

export type EnrichmentRecordRow = Selectable<EnrichmentRecordTable>;
export type NewEnrichmentRecord = Insertable<EnrichmentRecordTable>;
export type EnrichmentFetchRow = Selectable<EnrichmentFetchTable>;
export type EnrichmentRunRow = Selectable<EnrichmentRunTable>;
export type EnrichmentRunUpdate = Updateable<EnrichmentRunTable>;
