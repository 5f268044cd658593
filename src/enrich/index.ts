// Public face of the enrichment harvest: the sources, the plan, the job and its report.
import type { Config } from '../config/index.js';
import { createUpstreamKit, type PolicyOptions, type UpstreamKit, type UpstreamKitOptions, type UpstreamKitWithStats } from '../http/index.js';
import { anilistSource } from '../../subgraphs/anilist/client.js';
import { jikanSource } from '../../subgraphs/jikan/client.js';
import { kitsuSource } from '../../subgraphs/kitsu/client.js';
import { scaledDefinition, type HarvestSource, type HarvestSourceName } from './source.js';
import { anilistHarvestSource } from './sources/anilist.js';
import { jikanHarvestSource } from './sources/jikan.js';
import { kitsuHarvestSource } from './sources/kitsu.js';

export * from './fields.js';
export { floorMs, formatDuration, sustainedRate } from './floor.js';
export { planHarvest, runHarvest, type HarvestCounts, type HarvestOptions, type HarvestPlanSummary, type HarvestProgress, type HarvestReport } from './harvest.js';
export { isDue, nextStep, targetsFromRecords, type HarvestTarget } from './plan.js';
export { HARVEST_SOURCES, SOURCE_PLATFORM, scaledDefinition, type EntryAnswer, type HarvestSource, type HarvestSourceName } from './source.js';
export { normaliseAnilist } from './sources/anilist.js';
export { normaliseJikan } from './sources/jikan.js';
export { normaliseKitsu } from './sources/kitsu.js';
export { formatPlan, formatSummary } from './summary.js';

/**
 * A batch job would rather wait than fail: the budget queue and a Retry-After may take minutes
 * (AniList's window is a minute), and a 429 burst gets a few more attempts than a live request.
 */
export const HARVEST_POLICY: Partial<PolicyOptions> = {
  maxAttempts: 5,
  maxRetryAfterMs: 15 * 60_000,
  maxRateLimitWaitMs: 15 * 60_000,
};

/**
 * The kit for a harvest: the server's limits (shared with running servers through REDIS_URL), no
 * in-memory cache (every answer is read once; a page of 50 Media is a megabyte).
 */
export function createHarvestKit(config: Config, options: UpstreamKitOptions = {}): UpstreamKitWithStats {
  return createUpstreamKit({ ...config, CACHE_L1_MAX_ENTRIES: 0 }, { ...options, policy: { ...HARVEST_POLICY, ...options.policy } });
}

export interface HarvestSourceOptions {
  /**
   * Divide every limit's window by this, or each source's by its own (bench and tests only; 1 =
   * the published limits). A kit keeps the limits of the first definition it sees for a source.
   */
  scale?: number | Partial<Record<HarvestSourceName, number>>;
  now?: () => number;
}

/** AniList, Jikan and Kitsu, each under the source description its subgraph uses. */
export function harvestSources(kit: UpstreamKit, config: Pick<Config, 'ANILIST_URL' | 'ANILIST_TOKEN' | 'JIKAN_BASE_URL' | 'KITSU_BASE_URL'>, options: HarvestSourceOptions = {}): HarvestSource[] {
  const scale = (name: HarvestSourceName) => (typeof options.scale === 'object' ? (options.scale[name] ?? 1) : (options.scale ?? 1));
  return [
    anilistHarvestSource(kit, scaledDefinition(anilistSource(config), scale('anilist')), options.now),
    jikanHarvestSource(kit, scaledDefinition(jikanSource(config), scale('jikan'))),
    kitsuHarvestSource(kit, scaledDefinition(kitsuSource(config), scale('kitsu'))),
  ];
}
