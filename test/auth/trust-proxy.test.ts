// TRUST_PROXY: anonymous quotas count per client address, and behind a reverse proxy that address
// is in X-Forwarded-For. The header is believed only from the configured proxies; by default (and
// from any other sender) it is ignored, so a client cannot buy itself a fresh budget by sending one.
import { loadConfig } from '../../src/config/index.js';
import { accessHarness, call, type Harness } from './support.js';

let harness: Harness;

// Two anonymous requests a minute, so a budget runs out on the third.
const LIMITS = { QUOTAS: '1', TIER_FREE_PER_MINUTE: '2', TIER_FREE_PER_DAY: '1000' };

beforeAll(async () => {
  harness = await accessHarness();
}, 120_000);

afterAll(async () => {
  await harness?.close();
});

/** Waits out the last seconds of a minute, so a short sequence stays in one per-minute window. */
async function awayFromMinuteEdge(): Promise<void> {
  const second = new Date().getUTCSeconds();
  if (second >= 50) await new Promise((resolve) => setTimeout(resolve, (61 - second) * 1000));
}

const from = (origin: string, forwardedFor: string) => call(origin, '/api/anime/mal:1', { headers: { 'x-forwarded-for': forwardedFor } }).then((r) => r.status);

describe('TRUST_PROXY and per-IP quotas', () => {
  it('by default X-Forwarded-For is ignored: every sender on one socket address shares a budget', async () => {
    const { app, origin } = await harness.start(LIMITS);
    expect(app.config.TRUST_PROXY).toBe(false);
    await awayFromMinuteEdge();
    expect([await from(origin, '203.0.113.1'), await from(origin, '203.0.113.2'), await from(origin, '203.0.113.3')]).toEqual([200, 200, 429]);
  });

  it('from a trusted proxy, each forwarded client address has its own budget', async () => {
    // The test's requests come from 127.0.0.1, the "proxy" here.
    const { app, origin } = await harness.start({ ...LIMITS, TRUST_PROXY: 'loopback' });
    expect(app.config.TRUST_PROXY).toEqual(['loopback']);
    await awayFromMinuteEdge();
    expect([await from(origin, '203.0.113.1'), await from(origin, '203.0.113.1'), await from(origin, '203.0.113.1')]).toEqual([200, 200, 429]);
    expect(await from(origin, '203.0.113.2')).toBe(200);
    // A client-written address before the proxy's own entry does not count: the proxy appends the
    // address it saw, and that (the right-most untrusted one) is the client.
    expect(await from(origin, '198.51.100.7, 203.0.113.1')).toBe(429);
  });

  it('X-Forwarded-For from an address that is not a configured proxy is ignored', async () => {
    const { origin } = await harness.start({ ...LIMITS, TRUST_PROXY: '10.0.0.0/8' });
    await awayFromMinuteEdge();
    expect([await from(origin, '203.0.113.1'), await from(origin, '203.0.113.2'), await from(origin, '203.0.113.3')]).toEqual([200, 200, 429]);
  });
});

describe('TRUST_PROXY values', () => {
  const parse = (value: string) => loadConfig({ TRUST_PROXY: value }).TRUST_PROXY;

  it('takes true/false and comma-separated addresses, CIDRs and named ranges', () => {
    expect(loadConfig({}).TRUST_PROXY).toBe(false);
    expect(parse('false')).toBe(false);
    expect(parse('0')).toBe(false);
    expect(parse('true')).toBe(true);
    expect(parse('10.0.0.5, 192.168.1.0/24,LOOPBACK')).toEqual(['10.0.0.5', '192.168.1.0/24', 'loopback']);
    expect(parse('::1,fd00::/8,10.0.0.0/255.0.0.0,uniquelocal')).toEqual(['::1', 'fd00::/8', '10.0.0.0/255.0.0.0', 'uniquelocal']);
  });

  it('refuses a hop count, saying why, and anything that is not an address', () => {
    expect(() => parse('1')).toThrow(/TRUST_PROXY: 1: Fastify does not trust a number of hops/);
    expect(() => parse('10.0.0.300')).toThrow(/TRUST_PROXY: "10.0.0.300": expected true, false or comma-separated proxy addresses/);
    expect(() => parse('10.0.0.0/33')).toThrow(/TRUST_PROXY/);
    expect(() => parse('proxy.example.com')).toThrow(/TRUST_PROXY/);
    expect(() => parse(' , ')).toThrow(/TRUST_PROXY: empty/);
  });
});
