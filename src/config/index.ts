// The one typed configuration module: reads the environment once, validates it, documents every
// variable with its default. Nothing else reads process.env.
import { existsSync } from 'node:fs';
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

const envSchema = z.object({
  /** HTTP port of the gateway. */
  PORT: z.coerce.number().int().min(0).max(65535).default(4000),
  /** Interface to bind; 0.0.0.0 to expose beyond this machine. */
  HOST: z.string().default('127.0.0.1'),
  /** pino level: fatal, error, warn, info, debug, trace, silent. */
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  /** A full anime-offline-database file (npm run catalog:update writes data/anime-offline-database.json). */
  CATALOG_PATH: z.string().optional(),
  /** Also load the bundled bangumi-data catalog (8.5k anime, installed by npm ci). */
  CATALOG_BANGUMI: bool.default(true),
  /** The films catalog bundled in data/; empty to leave it out. */
  CATALOG_MOVIES_PATH: z.string().default('data/animestream-catalog-movies.json'),
  /** Ids reported by upstreams (`npm run crosswalk:harvest`), completing the crosswalk; a missing file is fine. */
  CATALOG_CROSSWALK_PATH: z.string().default('data/crosswalk-overlay.json'),
  /** Derive romaji readings for Japanese titles (kuromoji); off saves ~start-up time. */
  CATALOG_ROMAJI: bool.default(true),
  /** Where catalog:update downloads the latest anime-offline-database release from. */
  CATALOG_URL: z.string().url().default(DEFAULT_CATALOG_URL),
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
  /** Redis for the shared L2 cache and rate-limit budgets; without it the cache is L1 (memory) only. */
  REDIS_URL: z.string().url().optional(),
  /** Entries kept in the in-memory L1 cache (LRU). */
  CACHE_L1_MAX_ENTRIES: z.coerce.number().int().min(0).default(5000),
  /** Cache lifetimes per data class, in seconds. */
  CACHE_TTL_CATALOG_S: z.coerce.number().int().min(0).default(3 * 24 * 3600),
  CACHE_TTL_DETAILS_S: z.coerce.number().int().min(0).default(6 * 3600),
  CACHE_TTL_PAGE_S: z.coerce.number().int().min(0).default(6 * 3600),
  CACHE_TTL_SEARCH_S: z.coerce.number().int().min(0).default(10 * 60),
  /** How long a 404 from an upstream is remembered. */
  CACHE_TTL_NOT_FOUND_S: z.coerce.number().int().min(0).default(3600),
  /** Upstream base URLs (tests point them at the loopback replay server). */
  JIKAN_BASE_URL: z.string().url().default('https://api.jikan.moe/v4'),
  ANILIST_URL: z.string().url().default('https://graphql.anilist.co'),
  KITSU_BASE_URL: z.string().url().default('https://kitsu.io/api/edge'),
  ANIMESCHEDULE_BASE_URL: z.string().url().default('https://animeschedule.net/api/v3'),
  /** AnimeSchedule v3 requires an application token (https://animeschedule.net/users/<you>/settings/api). */
  ANIMESCHEDULE_TOKEN: z.string().optional(),
  /** Optional AniList OAuth token (raises nothing on AniList's side, but identifies the app). */
  ANILIST_TOKEN: z.string().optional(),
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
