// The one typed configuration module: reads the environment once, validates it, documents every
// variable with its default. Nothing else reads process.env.
import { existsSync } from 'node:fs';
import { isIP } from 'node:net';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';
import { DEFAULT_CATALOG_URL } from '../catalog/aod/download.js';

/** The repository root (the folder with package.json), found from this file in src/ or dist/src/. */
export function projectRoot(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  while (!existsSync(resolve(dir, 'package.json'))) {
    const parent = dirname(dir);
    if (parent === dir) return process.cwd();
    dir = parent;
  }
  return dir;
}

const bool = z
  .enum(['1', '0', 'true', 'false', 'yes', 'no', 'on', 'off'])
  .transform((v) => ['1', 'true', 'yes', 'on'].includes(v));

const hostName = /^(\*|\[[0-9a-f:.]+\]|[a-z0-9]([a-z0-9-]*[a-z0-9])?(\.[a-z0-9]([a-z0-9-]*[a-z0-9])?)*)$/;
const originValue = /^(\*|https?:\/\/(\[[0-9a-f:.]+\]|[a-z0-9.-]+)(:\d{1,5})?)$/;

/** A comma-separated list, lower-cased, each entry matching `pattern` (a trailing `/` or `.` is dropped). */
function commaList(pattern: RegExp, expected: string) {
  return z
    .string()
    .transform((value) =>
      value
        .split(',')
        .map((entry) => entry.trim().toLowerCase().replace(/[/.]$/, ''))
        .filter(Boolean),
    )
    .refine((entries) => entries.every((entry) => pattern.test(entry)), `expected a comma-separated list of ${expected}`);
}

// proxy-addr's named ranges, which Fastify's `trustProxy` accepts besides addresses and CIDRs.
const PROXY_RANGES = ['loopback', 'linklocal', 'uniquelocal'];

/** An address, `address/prefix` (CIDR) or `address/netmask`, or one of proxy-addr's named ranges. */
function isProxyAddress(entry: string): boolean {
  if (PROXY_RANGES.includes(entry)) return true;
  const [address = '', mask, ...rest] = entry.split('/');
  const family = isIP(address);
  if (!family || rest.length) return false;
  if (mask === undefined) return true;
  if (/^\d{1,3}$/.test(mask)) return Number(mask) <= (family === 4 ? 32 : 128);
  return family === 4 && isIP(mask) === 4;
}

/**
 * Fastify's `trustProxy`, from the environment: off (`false`), every hop (`true`), or the proxies'
 * addresses (comma-separated IPs, CIDRs or loopback/linklocal/uniquelocal). A hop count is refused:
 * Fastify 5 no longer honours one (it cannot tell the proxy from a client that reached the port
 * directly) and would quietly trust nothing.
 */
const trustProxy = z.string().transform((value, ctx): boolean | string[] => {
  const text = value.trim().toLowerCase();
  if (['false', 'no', 'off', '0'].includes(text)) return false;
  if (['true', 'yes', 'on'].includes(text)) return true;
  const entries = text
    .split(',')
    .map((entry) => entry.trim())
    .filter(Boolean);
  const bad = entries.find((entry) => !isProxyAddress(entry));
  if (!entries.length || bad !== undefined) {
    const hops = bad !== undefined && /^\d+$/.test(bad);
    ctx.addIssue({
      code: z.ZodIssueCode.custom,
      message: hops
        ? `${bad}: Fastify does not trust a number of hops (a client reaching the port directly could pass as the proxy); give the proxy's address, e.g. 10.0.0.5, 10.0.0.0/8 or loopback`
        : `${bad === undefined ? 'empty' : JSON.stringify(bad.slice(0, 64))}: expected true, false or comma-separated proxy addresses (IPs, CIDRs, loopback, linklocal, uniquelocal)`,
    });
    return z.NEVER;
  }
  return entries;
});

const envSchema = z.object({
  /** HTTP port of the gateway. */
  PORT: z.coerce.number().int().min(0).max(65535).default(4000),
  /** Interface to bind; 0.0.0.0 to expose beyond this machine. */
  HOST: z.string().default('127.0.0.1'),
  /**
   * Host names (any port) served besides the loopback names, comma-separated; `*` for any. Bound to
   * loopback the default is none; exposed, an empty list serves any Host.
   */
  ALLOWED_HOSTS: commaList(hostName, 'host names such as api.example.com, or *').default([]),
  /**
   * Browser origins (`https://app.example.com`) allowed to call besides loopback pages; `*` for any.
   * Bound to loopback the default is none; exposed, an empty list allows any Origin.
   */
  ALLOWED_ORIGINS: commaList(originValue, 'origins such as https://app.example.com, or *').default([]),
  /** Origins sent Access-Control-Allow-Origin (CORS), comma-separated; `*` for any; default none. They are also allowed by the host guard. */
  CORS_ORIGINS: commaList(originValue, 'origins such as https://app.example.com, or *').default([]),
  /**
   * Which reverse proxies' X-Forwarded-For (and -Proto/-Host) to believe, as Fastify's `trustProxy`:
   * default off, so a client cannot pick its own address; the proxies' addresses (`10.0.0.5`,
   * `10.0.0.0/8,loopback`), or `true` for any sender. Anonymous quotas count per `request.ip`.
   */
  TRUST_PROXY: trustProxy.default(false),
  /** pino level: fatal, error, warn, info, debug, trace, silent. */
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  /** A full anime-offline-database file (npm run catalog:update writes data/anime-offline-database.json). */
  CATALOG_PATH: z.string().optional(),
  /** Also load the bundled bangumi-data catalog (8.5k anime, installed by npm ci). */
  CATALOG_BANGUMI: bool.default(true),
  /** The films catalog bundled in data/; `off` to leave it out (an empty value means the default, as for every setting). */
  CATALOG_MOVIES_PATH: z.string().default('data/animestream-catalog-movies.json'),
  /** Also load the MyAnimeList 2016 catalog (12k MAL entries: display titles, popularity, genres). */
  CATALOG_MAL: bool.default(true),
  /** The MyAnimeList 2016 CSV (anime_id,name,genre,type,episodes,rating,members) bundled in data/. */
  CATALOG_MAL_PATH: z.string().default('data/mal-anime-2016.csv'),
  /** Ids reported by upstreams (`npm run crosswalk:harvest`), completing the crosswalk; a missing file is fine. */
  CATALOG_CROSSWALK_PATH: z.string().default('data/crosswalk-overlay.json'),
  /**
   * Where the merged catalog records are kept between starts, keyed by their inputs and code
   * (src/catalog/derived-cache.ts); `off` to derive them at every start.
   */
  CATALOG_CACHE_DIR: z.string().default('.cache/catalog'),
  /** Derive romaji readings for Japanese titles (kuromoji); off saves ~start-up time. */
  CATALOG_ROMAJI: bool.default(true),
  /** Where catalog:update downloads the latest anime-offline-database release from. */
  CATALOG_URL: z.string().url().default(DEFAULT_CATALOG_URL),
  /**
   * Run operations that one in-process subgraph answers alone directly against it, skipping the
   * gateway's query planning (gateway/fast-path.ts); off sends every operation through the planner.
   */
  GATEWAY_FAST_PATH: bool.default(true),
  /**
   * Answers of catalog-only operations kept in memory (by operation and variables; the catalog does
   * not change while the server runs); 0 turns it off. Needs the fast path.
   */
  RESPONSE_CACHE_ENTRIES: z.coerce.number().int().min(0).default(5000),
  /**
   * Distributed mode: how long (ms) the gateway keeps an answer of the catalog service. That
   * service may restart with a new catalog without the gateway knowing, so its answers expire;
   * 0 keeps none.
   */
  REMOTE_ANSWER_TTL_MS: z.coerce.number().int().min(0).max(3_600_000).default(5000),
  /** Deepest selection set a query may have. */
  QUERY_MAX_DEPTH: z.coerce.number().int().min(1).default(10),
  /** Highest estimated cost (one point per field, list fields times their page size). */
  QUERY_MAX_COMPLEXITY: z.coerce.number().int().min(1).default(5000),
  /**
   * Distributed mode: subgraphs served by other processes, as `name=url` pairs separated by commas
   * (`catalog=http://127.0.0.1:4001/graphql`). Subgraphs not listed run embedded.
   */
  SUBGRAPH_URLS: z
    .string()
    .regex(/^\s*\w+=https?:\/\/\S+(\s*,\s*\w+=https?:\/\/\S+)*\s*$/, 'expected name=url pairs separated by commas')
    .optional(),
  /**
   * Distributed mode, for the nlq subgraph served on its own: the gateway's /graphql, through which
   * `ask` runs the operation it chose. `npm run start:distributed` sets it.
   */
  GATEWAY_URL: z.string().url().optional(),
  /** `npm run start:distributed`: the first subgraph's port; the others follow (default PORT + 1). */
  DISTRIBUTED_BASE_PORT: z.coerce.number().int().min(1).max(65535).optional(),
  /** Redis for the shared L2 cache and rate-limit budgets; without it the cache is L1 (memory) only. */
  REDIS_URL: z.string().url().optional(),
  /** Prefix of the upstream cache, budgets and call leases in Redis: replicas of one deployment share it; another deployment on the same Redis needs its own. */
  REDIS_NAMESPACE: z.string().regex(/^[\w.-]{1,64}$/, 'letters, digits, dot, dash, underscore').default('upstream'),
  /** Entries kept in the in-memory L1 cache (LRU). */
  CACHE_L1_MAX_ENTRIES: z.coerce.number().int().min(0).default(5000),
  /** Cache lifetimes per data class, in seconds. */
  CACHE_TTL_CATALOG_S: z.coerce.number().int().min(0).default(3 * 24 * 3600),
  CACHE_TTL_DETAILS_S: z.coerce.number().int().min(0).default(6 * 3600),
  CACHE_TTL_PAGE_S: z.coerce.number().int().min(0).default(6 * 3600),
  CACHE_TTL_SEARCH_S: z.coerce.number().int().min(0).default(10 * 60),
  /** How long a 404 from an upstream is remembered. */
  CACHE_TTL_NOT_FOUND_S: z.coerce.number().int().min(0).default(3600),
  /** Oldest cached answer served (marked stale, with its age) when an upstream fails; entries are kept this long. */
  CACHE_STALE_IF_ERROR_S: z.coerce.number().int().min(0).default(2 * 24 * 3600),
  /** Upstream base URLs (tests point them at the loopback replay server). */
  JIKAN_BASE_URL: z.string().url().default('https://api.jikan.moe/v4'),
  ANILIST_URL: z.string().url().default('https://graphql.anilist.co'),
  KITSU_BASE_URL: z.string().url().default('https://kitsu.io/api/edge'),
  ANIMESCHEDULE_BASE_URL: z.string().url().default('https://animeschedule.net/api/v3'),
  /** AnimeSchedule v3 requires an application token (https://animeschedule.net/users/<you>/settings/api). */
  ANIMESCHEDULE_TOKEN: z.string().optional(),
  /** AniDB HTTP API (`/httpapi` is appended); tests point it at the loopback replay server. */
  ANIDB_BASE_URL: z.string().url().default('http://api.anidb.net:9001'),
  /** AniDB client name and version, registered at https://anidb.net/software/add; without them AniDB is off (SOURCE_UNAVAILABLE). */
  ANIDB_CLIENT: z.string().regex(/^[a-z0-9]+$/i, 'letters and digits, as registered on AniDB').optional(),
  ANIDB_CLIENT_VERSION: z.coerce.number().int().min(1).optional(),
  /** AniDB calls per day across every replica (AniDB bans far above this; it allows 1 per 2 s at most). */
  ANIDB_DAILY_LIMIT: z.coerce.number().int().min(1).default(200),
  /** How long a ban answer (Banned, AntiLeech, code 302) keeps every call to AniDB off, in seconds. */
  ANIDB_BAN_PAUSE_S: z.coerce.number().int().min(60).default(12 * 3600),
  /** AniDB's daily titles dump (catalog:update fetches it at most once a day). */
  ANIDB_TITLES_URL: z.string().url().default('http://anidb.net/api/anime-titles.xml.gz'),
  /** Where the titles dump is kept; the catalog adds its titles as synonyms when the file exists; `off` (or empty) leaves AniDB's names out, snapshot included. */
  CATALOG_ANIDB_TITLES_PATH: z.string().default('data/anime-titles.xml.gz'),
  /** The dump shipped with the repository (June 2022, see data/README.md), read while catalog:update has not fetched a fresh one; `off` to leave it out. */
  CATALOG_ANIDB_TITLES_SNAPSHOT_PATH: z.string().default('data/anidb-anime-titles-2022.xml.gz'),
  /** Optional AniList OAuth token (raises nothing on AniList's side, but identifies the app). */
  ANILIST_TOKEN: z.string().optional(),
  /** Anime News Network encyclopedia API (`/api.xml` is appended); tests point it at the loopback replay server. */
  ANN_BASE_URL: z.string().url().default('https://cdn.animenewsnetwork.com/encyclopedia'),
  /** Anime News Network news feed (RSS 2.0); the newsroom feed (`…/newsroom/rss.xml`) works too. */
  ANN_NEWS_URL: z.string().url().default('https://www.animenewsnetwork.com/all/rss.xml'),
  /** Scraped sites (HTML pages, read politely: robots.txt, one request per host per SCRAPE_MIN_INTERVAL_MS). */
  ANIMEPLANET_BASE_URL: z.string().url().default('https://www.anime-planet.com'),
  LIVECHART_BASE_URL: z.string().url().default('https://www.livechart.me'),
  ANISEARCH_BASE_URL: z.string().url().default('https://www.anisearch.com'),
  /** Milliseconds between two requests to one scraped host, across replicas (Redis-shared budget when REDIS_URL is set). */
  SCRAPE_MIN_INTERVAL_MS: z.coerce.number().int().min(10).default(5000),
  /** How long a bot wall (challenge, captcha, login wall) keeps every call to that site off, in seconds. */
  SCRAPE_BLOCK_PAUSE_S: z.coerce.number().int().min(60).default(6 * 3600),
  /** Per-request timeout for upstream calls. */
  UPSTREAM_TIMEOUT_MS: z.coerce.number().int().min(100).default(8000),
  /** Identification sent to every upstream. */
  USER_AGENT: z.string().default('anime-federation/0.1 (+https://github.com/; contact: set USER_AGENT)'),
  /** MCP: offer the generic `execute` tool (any valid read operation, same limits as /graphql). */
  MCP_ALLOW_EXECUTE: bool.default(true),
  /** MCP: largest tool reply in bytes; longer answers are cut to a smaller page with a note. */
  MCP_MAX_RESULT_BYTES: z.coerce.number().int().min(1000).default(50_000),
  /** MCP over HTTP: idle seconds before a session ends. */
  MCP_SESSION_IDLE_S: z.coerce.number().int().min(10).default(1800),
  /** MCP: reload schema/operations when it changes (tools/list_changed). */
  MCP_WATCH: bool.default(false),
  /** Natural language: `none` (deterministic parser only) or `openai` (any OpenAI-compatible chat API). */
  NLQ_LLM_PROVIDER: z.enum(['none', 'openai']).default('none'),
  /** Model name for the LLM path. */
  NLQ_LLM_MODEL: z.string().default('gpt-4o-mini'),
  /** Base URL of an OpenAI-compatible API (a local server, a proxy); the provider's default when unset. */
  NLQ_LLM_BASE_URL: z.string().url().optional(),
  /** API key for the LLM provider. */
  NLQ_LLM_API_KEY: z.string().optional(),
  /** Largest request body accepted, in bytes. */
  MAX_BODY_BYTES: z.coerce.number().int().min(1024).default(100_000),
  /** Vector store for similarity: `embedded` (in-process HNSW, files in VECTOR_INDEX_DIR) or `milvus`. */
  VECTOR_STORE: z.enum(['embedded', 'milvus']).default('embedded'),
  /** Folder of the embedded HNSW index (relative to the project root); git-ignored. */
  VECTOR_INDEX_DIR: z.string().default('data/vectors'),
  /** Milvus gRPC address (host:port) when VECTOR_STORE=milvus. */
  MILVUS_ADDRESS: z.string().regex(/^[\w.-]+:\d{1,5}$/, 'expected host:port').default('127.0.0.1:19530'),
  /** Milvus collection holding every vector kind (letters, digits, underscore). */
  MILVUS_COLLECTION: z.string().regex(/^[A-Za-z_][A-Za-z0-9_]{0,254}$/, 'letters, digits and underscore').default('anime_vectors'),
  /** Neural embedders (transformers.js); off = the model-free path, which works offline on a fresh install. */
  EMBED_NEURAL: bool.default(false),
  /** Sentence model for text (hub id, or a folder name under EMBED_MODEL_DIR). */
  EMBED_TEXT_MODEL: z.string().default('Xenova/all-MiniLM-L6-v2'),
  /** CLIP model for images and text-to-image. */
  EMBED_IMAGE_MODEL: z.string().default('Xenova/clip-vit-base-patch32'),
  /** Local models folder searched first (`<dir>/<model>/onnx/model.onnx`). */
  EMBED_MODEL_DIR: z.string().default('models'),
  /** Where downloaded models and the packed word vectors are kept. */
  EMBED_CACHE_DIR: z.string().default('.cache/embed'),
  /** Hub-compatible host a model is downloaded from on first use (only when not in EMBED_MODEL_DIR or the cache). */
  EMBED_REMOTE_HOST: z.string().url().default('https://huggingface.co/'),
  /** Model weights precision: fp32, fp16, q8 (quantised), … */
  EMBED_DTYPE: z.enum(['fp32', 'fp16', 'q8', 'int8', 'uint8', 'q4']).default('q8'),
  /**
   * Similarity: build the catalog's vectors in the background right after start (off: on the first
   * similarity query). Unset = on, except under NODE_ENV=test, where every test file would pay for it.
   */
  SIMILARITY_WARM: bool.optional(),
  /** Set to `test` by Jest; only used for defaults that would burden every test file. */
  NODE_ENV: z.string().optional(),
  /** Similarity: largest image searchByImage accepts (data URI or download), in bytes. */
  SIMILARITY_IMAGE_MAX_BYTES: z.coerce.number().int().min(1024).default(5_000_000),
  /** Similarity: time allowed to download an image URL (connect, redirects and body). */
  SIMILARITY_IMAGE_TIMEOUT_MS: z.coerce.number().int().min(100).default(5000),
  /** Similarity: let image URLs reach loopback/private addresses (SSRF guard off; tests, trusted networks only). */
  SIMILARITY_IMAGE_ALLOW_PRIVATE: bool.default(false),
  /** The local store (harvested knowledge, later users and jobs): an SQLite file, relative to the project root. */
  STORE_PATH: z.string().min(1).default('data/store.sqlite'),
  /**
   * Merge the local store's harvested records (`npm run catalog:enrich`) into the catalog at start.
   * Unset = on, except under NODE_ENV=test, where suites must not depend on a developer's harvest.
   */
  CATALOG_ENRICHMENT: bool.optional(),
  /** PostgreSQL instead of the SQLite file (`postgres://user@host:5432/db`); STORE_PATH is then unused. */
  DATABASE_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\/\S+$/, 'expected a postgres:// or postgresql:// URL')
    .optional(),
  /**
   * PostgreSQL schema the store works in (created when missing); default: the connection's
   * search_path (usually `public`). Lets several services or test runs share one database.
   */
  DATABASE_SCHEMA: z
    .string()
    .regex(/^[a-z_][a-z0-9_]{0,62}$/, 'lower-case letters, digits and underscore, starting with a letter or underscore')
    .optional(),
  /** Self-service sign-up (`POST /api/users`); false answers it with 403. */
  USER_SIGNUP: bool.default(true),
  /** Tier of the API keys sign-up hands out (their quotas are the tier's, as for any key). */
  USER_KEY_TIER: z.enum(['free', 'premium', 'enterprise']).default('free'),
  /** Sign-ups one client IP may make per UTC day, when quotas are on (each costs a scrypt hash). */
  USER_SIGNUP_PER_IP_PER_DAY: z.coerce.number().int().min(1).default(20),
  /** Days a deleted account's data is kept (unreachable) before it is purged; 0 purges at the next sweep. */
  USER_PURGE_DAYS: z.coerce.number().int().min(0).max(3650).default(30),
  /** Seconds between airing-alert checks (src/users/alerts); 0 turns the timer off (checks then run only when called). */
  ALERTS_CHECK_INTERVAL_S: z.coerce.number().int().min(0).max(86_400).default(300),
  /** Which AnimeSchedule timetable counts as "aired": raw (Japanese broadcast), sub or dub. */
  ALERTS_AIR_TYPE: z.enum(['raw', 'sub', 'dub']).default('sub'),
  /** Webhook attempts before a delivery becomes a dead letter. */
  ALERTS_WEBHOOK_MAX_ATTEMPTS: z.coerce.number().int().min(1).max(20).default(5),
  /** First retry delay (ms); doubled per attempt (exponential backoff). */
  ALERTS_WEBHOOK_BACKOFF_MS: z.coerce.number().int().min(1).max(86_400_000).default(30_000),
  ALERTS_WEBHOOK_TIMEOUT_MS: z.coerce.number().int().min(100).max(60_000).default(5_000),
  /** Allow webhooks to loopback, private and link-local addresses (tests, private deployments); off by default (SSRF). */
  ALERTS_WEBHOOK_ALLOW_PRIVATE: bool.default(false),
  /** Seconds between SSE heartbeat comments on GET /api/me/events. */
  ALERTS_SSE_HEARTBEAT_S: z.coerce.number().int().min(1).max(300).default(20),
  /** MyAnimeList API v2 client id (https://myanimelist.net/apiconfig): MAL list import (X-MAL-CLIENT-ID) and account linking; unset, both are off. */
  MAL_CLIENT_ID: z.string().optional(),
  /** The client secret of a MAL "web" app (sent at the token endpoint); "other" apps have none. */
  MAL_CLIENT_SECRET: z.string().optional(),
  /** MAL API v2 and OAuth2 endpoints (tests point them at a loopback stand-in). */
  MAL_API_URL: z.string().url().default('https://api.myanimelist.net/v2'),
  MAL_OAUTH_URL: z.string().url().default('https://myanimelist.net/v1/oauth2'),
  /** AniList API client (https://anilist.co/settings/developer) for account linking; unset, linking AniList is off. */
  ANILIST_CLIENT_ID: z.string().optional(),
  ANILIST_CLIENT_SECRET: z.string().optional(),
  ANILIST_OAUTH_URL: z.string().url().default('https://anilist.co/api/v2/oauth'),
  /** AES-256 key for linked accounts' tokens at rest: 32 bytes as 64 hex digits or base64; unset, linking is off. */
  USER_TOKEN_KEY: z
    .string()
    .refine((v) => /^[0-9a-f]{64}$/i.test(v.trim()) || Buffer.from(v.trim(), 'base64').length === 32, 'expected 32 bytes: 64 hex digits or base64 (e.g. `openssl rand -base64 32`)')
    .optional(),
  /** This server's public address (https://anime.example.com): OAuth redirect URIs are `<PUBLIC_URL>/api/me/links/<mal|anilist>/callback`; default http://localhost:PORT. */
  PUBLIC_URL: z.string().url().optional(),
  /** Most entries a list import takes; a longer list is refused whole (nothing written). */
  USER_IMPORT_MAX_ENTRIES: z.coerce.number().int().min(1).max(100_000).default(5000),
  /**
   * Tier of requests without an API key: `free`, `premium`, `enterprise`, or `none` to require a key
   * on /graphql, /api and /mcp. Default free, so `npm start` needs no setup.
   */
  ANONYMOUS_TIER: z.enum(['free', 'premium', 'enterprise', 'none']).default('free'),
  /**
   * Enforce the tiers' quotas (requests per minute and day, batch size, NL calls per day). Unset =
   * on when HOST is exposed beyond loopback, off when bound to loopback (one developer's machine:
   * nothing to share out, and `npm start` stays free of limits).
   */
  QUOTAS: bool.optional(),
  /** Per-tier limits: requests per minute and per UTC day, items in POST /api/batch, NL calls per day. */
  TIER_FREE_PER_MINUTE: z.coerce.number().int().min(1).default(60),
  TIER_FREE_PER_DAY: z.coerce.number().int().min(1).default(5_000),
  TIER_FREE_BATCH: z.coerce.number().int().min(1).max(50).default(10),
  TIER_FREE_NL_PER_DAY: z.coerce.number().int().min(0).default(200),
  TIER_PREMIUM_PER_MINUTE: z.coerce.number().int().min(1).default(600),
  TIER_PREMIUM_PER_DAY: z.coerce.number().int().min(1).default(100_000),
  TIER_PREMIUM_BATCH: z.coerce.number().int().min(1).max(50).default(50),
  TIER_PREMIUM_NL_PER_DAY: z.coerce.number().int().min(0).default(5_000),
  TIER_ENTERPRISE_PER_MINUTE: z.coerce.number().int().min(1).default(6_000),
  TIER_ENTERPRISE_PER_DAY: z.coerce.number().int().min(1).default(2_000_000),
  TIER_ENTERPRISE_BATCH: z.coerce.number().int().min(1).max(50).default(50),
  TIER_ENTERPRISE_NL_PER_DAY: z.coerce.number().int().min(0).default(100_000),
  /**
   * /graphql accepts only the persisted operations of schema/operations (by `documentId`
   * "sha256:<hash>", Apollo's persistedQuery hash, or their exact text); MCP and REST run those anyway.
   */
  TRUSTED_DOCUMENTS: bool.default(false),
});

export type Config = z.infer<typeof envSchema> & { root: string; aodPath: string; defaultAodSample: boolean; subgraphUrls: Map<string, string> };

export class ConfigError extends Error {}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const parsed = envSchema.safeParse(Object.fromEntries(Object.entries(env).filter(([, v]) => v !== '')));
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`);
    throw new ConfigError(`Invalid configuration:\n${lines.join('\n')}`);
  }
  const root = projectRoot();
  const aodPath = resolve(root, parsed.data.CATALOG_PATH ?? 'data/aod-sample.json');
  const subgraphUrls = new Map(
    (parsed.data.SUBGRAPH_URLS ?? '')
      .split(',')
      .map((pair) => pair.trim().split(/=(.*)/s, 2) as [string, string])
      .filter(([name, url]) => name && url),
  );
  return { ...parsed.data, root, aodPath, defaultAodSample: parsed.data.CATALOG_PATH === undefined, subgraphUrls };
}
