// Public face of the ID crosswalk: source URL <-> platform id <-> canonical id.
export { parseSourceUrl } from './parse-source-url.js';
export { platformUrl, PlatformIdWithDerivedUrl, withDerivedUrl } from './platform-url.js';
export { canonicalId, canonicalKey, parseCanonicalId, splitCanonicalKey, CANONICAL_PRIORITY, CANONICAL_PREFIX } from './canonical-id.js';
