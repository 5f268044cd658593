// Public face of the access layer: API keys (hashed, scoped, tiered), quotas per key or client IP,
// and trusted documents for /graphql.
export { registerAccess, type Access, type AccessOptions } from './plugin.js';
export { AccessError, type AccessCode } from './errors.js';
export { KeyStore, publicKey, type ApiKey, type UsageDay } from './key-store.js';
export { SCOPES, TIERS, isScope, isTier, parseKey, type Scope, type Tier } from './keys.js';
export { tierTable, type TierLimits, type TierTable } from './tiers.js';
export { Authenticator, KEY_CACHE_MS, type Principal } from './authenticator.js';
export { trustedDocuments, sha256, type TrustedDocument } from './trusted-documents.js';
export { doorOf, errorPayload, sendAccessError, type Door } from './front-doors.js';
