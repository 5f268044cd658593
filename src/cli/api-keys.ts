// `npm run keys -- create --scope admin --tier enterprise --name ops`: makes an API key in the local
// store (DATABASE_URL or STORE_PATH) and prints it once; the bootstrap path to the admin routes.
// Also `list` (no secrets) and `revoke <id>`.
import { KeyStore, isScope, isTier, SCOPES, TIERS, type Scope, type Tier } from '../auth/index.js';
import { ConfigError, loadConfig } from '../config/index.js';
import { openStore, storeTarget } from '../store/index.js';

const USAGE = `usage:
  npm run keys -- create --name <who> [--scope read|user|admin]… [--tier free|premium|enterprise]
  npm run keys -- list
  npm run keys -- revoke <key id>`;

interface CreateArgs {
  name: string;
  scopes: Scope[];
  tier: Tier;
}

export function parseCreateArgs(argv: readonly string[]): CreateArgs {
  const scopes: Scope[] = [];
  let tier: Tier = 'free';
  let name: string | undefined;
  for (let i = 0; i < argv.length; i += 1) {
    const [flag, inline] = argv[i]!.split(/=(.*)/s, 2) as [string, string | undefined];
    const value = () => {
      const v = inline ?? argv[(i += 1)];
      if (v === undefined) throw new ConfigError(`${flag} needs a value\n${USAGE}`);
      return v;
    };
    if (flag === '--scope' || flag === '--scopes') {
      for (const scope of value().split(',').map((s) => s.trim())) {
        if (!isScope(scope)) throw new ConfigError(`--scope must be one of ${SCOPES.join(', ')}, not ${JSON.stringify(scope)}`);
        scopes.push(scope);
      }
    } else if (flag === '--tier') {
      const v = value();
      if (!isTier(v)) throw new ConfigError(`--tier must be one of ${TIERS.join(', ')}, not ${JSON.stringify(v)}`);
      tier = v;
    } else if (flag === '--name') name = value().trim();
    else throw new ConfigError(`unknown option ${flag}\n${USAGE}`);
  }
  if (!name) throw new ConfigError(`--name is required (who or what the key is for)\n${USAGE}`);
  return { name, scopes: scopes.length ? [...new Set(scopes)] : ['read'], tier };
}

async function main(): Promise<void> {
  const [command, ...rest] = process.argv.slice(2);
  if (!command || !['create', 'list', 'revoke'].includes(command)) throw new ConfigError(USAGE);
  const config = loadConfig();
  const store = await openStore(storeTarget(config));
  try {
    const keys = new KeyStore(store.db);
    if (command === 'create') {
      const created = await keys.create(parseCreateArgs(rest));
      process.stderr.write(`Created key ${created.id} (${created.name}; scopes ${created.scopes.join(', ')}; tier ${created.tier}) in ${store.location}.\nIt is shown this once; keep it secret:\n`);
      process.stdout.write(`${created.key}\n`);
    } else if (command === 'list') {
      for (const key of await keys.list()) {
        process.stdout.write(`${key.id}  ${key.name}  ${key.scopes.join(',')}  ${key.tier}  created ${key.createdAt}${key.revokedAt ? `  revoked ${key.revokedAt}` : ''}${key.lastUsedAt ? `  last used ${key.lastUsedAt}` : ''}\n`);
      }
    } else {
      const id = rest[0];
      if (!id) throw new ConfigError(`revoke needs a key id\n${USAGE}`);
      const revoked = await keys.revoke(id);
      if (!revoked) throw new ConfigError(`no key ${id} in ${store.location}`);
      process.stdout.write(`Revoked ${revoked.id} (${revoked.name}) at ${revoked.revokedAt}; replicas stop accepting it within 30 s.\n`);
    }
  } finally {
    await store.close();
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`keys: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
