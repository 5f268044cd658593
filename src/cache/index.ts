// Public face of the cache: tiered keyv cache (memory L1, Redis L2) and the shared Redis link.
export { TieredCache, type CacheEntry, type CacheHit, type CacheLookup, type TieredCacheOptions } from './tiered-cache.js';
export { connectRedis, type RedisClient, type RedisLink } from './redis.js';
