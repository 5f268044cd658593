// What each tier may do, from configuration (TIER_<TIER>_* with defaults in src/config).
import type { Config } from '../config/index.js';
import { TIERS, type Tier } from './keys.js';

export interface TierLimits {
  perMinute: number;
  perDay: number;
  /** Items in one POST /api/batch. */
  batch: number;
  /** Natural-language calls (POST /api/query, batch questions, `ask`) per UTC day. */
  nlPerDay: number;
}

export type TierTable = Record<Tier, TierLimits>;

export function tierTable(config: Config): TierTable {
  const of = (tier: Tier): TierLimits => {
    const prefix = `TIER_${tier.toUpperCase()}_` as const;
    const value = (name: 'PER_MINUTE' | 'PER_DAY' | 'BATCH' | 'NL_PER_DAY') => config[`${prefix}${name}` as keyof Config] as number;
    return { perMinute: value('PER_MINUTE'), perDay: value('PER_DAY'), batch: value('BATCH'), nlPerDay: value('NL_PER_DAY') };
  };
  return Object.fromEntries(TIERS.map((tier) => [tier, of(tier)])) as TierTable;
}
