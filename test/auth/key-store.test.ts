// The API key tables on both databases: migration 0003 from empty (an SQLite temp file; a fresh
// PostgreSQL schema per run, dropped after), keys stored as salted scrypt hashes only, revocation,
// and usage rows that add up across flushes.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'kysely';
import { KeyStore, parseKey } from '../../src/auth/index.js';
import { knownMigrations, openStore, type Store, type StoreTarget } from '../../src/store/index.js';
import { describeWithPart } from '../support/system-parts.js';
import { dropSchema, findPostgres, freshSchemaName } from '../store/postgres.js';

function keyStoreContract(name: string, target: () => StoreTarget) {
  let store: Store;
  let keys: KeyStore;
  let clock = Date.parse('2026-12-01T10:00:00Z');

  beforeAll(async () => {
    store = await openStore(target());
    keys = new KeyStore(store.db, () => clock);
  });
  afterAll(async () => {
    await store?.close();
  });

  it(`${name}: migrates to 0003_api_keys with the key and usage tables`, async () => {
    expect(await store.migrations()).toEqual(knownMigrations(store.dialect));
    expect(await store.migrations()).toContain('0003_api_keys');
    const columns = async (table: string) => (await store.db.introspection.getTables()).find((t) => t.name === table)?.columns.map((c) => c.name).sort();
    expect(await columns('api_keys')).toEqual(['created_at', 'hash', 'id', 'last_used_at', 'name', 'revoked_at', 'salt', 'scopes', 'tier', 'user_id']);
    expect(await columns('api_key_usage')).toEqual(['day', 'key_id', 'nl_calls', 'rejected', 'requests']);
  });

  it(`${name}: keeps a salted hash, never the secret`, async () => {
    const created = await keys.create({ name: 'ops', scopes: ['admin', 'read'], tier: 'enterprise' });
    const { id, secret } = parseKey(created.key)!;
    expect(id).toBe(created.id);
    const rows = await sql<Record<string, unknown>>`select * from api_keys`.execute(store.db);
    const text = JSON.stringify(rows.rows);
    expect(text).toContain(created.id);
    expect(text).not.toContain(secret);
    expect(created).toMatchObject({ name: 'ops', scopes: ['admin', 'read'], tier: 'enterprise', createdAt: '2026-12-01T10:00:00.000Z', revokedAt: null, lastUsedAt: null });
    const listed = await keys.list();
    expect(JSON.stringify(listed)).not.toMatch(/salt|hash/);
  });

  it(`${name}: revokes once, keeping the first time`, async () => {
    const created = await keys.create({ name: 'temp', scopes: ['read'], tier: 'free' });
    clock += 1000;
    expect((await keys.revoke(created.id))?.revokedAt).toBe('2026-12-01T10:00:01.000Z');
    clock += 1000;
    expect((await keys.revoke(created.id))?.revokedAt).toBe('2026-12-01T10:00:01.000Z');
    expect(await keys.revoke('AAAAAAAAAAAA')).toBeNull();
  });

  it(`${name}: adds usage per key and day, newest day first, and moves last_used_at forward`, async () => {
    const created = await keys.create({ name: 'usage', scopes: ['read'], tier: 'free' });
    const day = (d: string, requests: number, nlCalls: number, rejected: number) => new Map([[d, { requests, nlCalls, rejected }]]);
    await keys.addUsage(new Map([[created.id, day('2026-12-01', 3, 1, 0)]]), new Map([[created.id, Date.parse('2026-12-01T11:00:00Z')]]));
    await keys.addUsage(new Map([[created.id, day('2026-12-01', 2, 0, 1)]]), new Map([[created.id, Date.parse('2026-12-01T10:30:00Z')]]));
    await keys.addUsage(new Map([[created.id, day('2026-12-02', 1, 0, 0)]]), new Map());
    expect(await keys.usage(created.id)).toEqual([
      { day: '2026-12-02', requests: 1, nlCalls: 0, rejected: 0 },
      { day: '2026-12-01', requests: 5, nlCalls: 1, rejected: 1 },
    ]);
    expect((await keys.find(created.id))?.lastUsedAt).toBe('2026-12-01T11:00:00.000Z');
  });
}

describe('API key store on SQLite', () => {
  const dir = mkdtempSync(join(tmpdir(), 'keys-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  keyStoreContract('sqlite', () => ({ sqlitePath: join(dir, 'store.sqlite') }));
});

const postgres = await findPostgres();
const schema = freshSchemaName('keys');
describeWithPart('postgres', postgres.problem, 'API key store on PostgreSQL')('API key store on PostgreSQL', () => {
  afterAll(async () => {
    await dropSchema(postgres.url!, schema);
  });
  keyStoreContract('postgres', () => ({ databaseUrl: postgres.url!, pgSchema: schema }));
});
