/**
 * End-to-end: the self-hosted REST docs at /docs (Swagger UI from @fastify/swagger-ui's own npm
 * assets) render in a real (system) Chromium from /openapi.json's document, fetch nothing from
 * another origin, and run one route against the full app. Skipped with one loud line without
 * Chromium, failed when REQUIRE_BROWSER is set (CI).
 */
import type { AddressInfo } from 'node:net';
import type { Browser } from 'playwright-core';
import { createApp } from '../gateway/app.js';
import { chromiumProblem, launchChromium } from './support/chromium.js';
import { describeWithPart } from './support/system-parts.js';

const HOST = '127.0.0.1';

let handle: Awaited<ReturnType<typeof createApp>>;
let origin: string;
let browser: Browser | undefined;

beforeAll(async () => {
  handle = await createApp({ logger: false });
  await handle.app.listen({ host: HOST, port: 0 });
  origin = `http://${HOST}:${(handle.app.server.address() as AddressInfo).port}`;
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await handle?.close();
});

describe('REST docs over HTTP', () => {
  it('/docs serves a page whose scripts and styles are all local', async () => {
    const res = await fetch(`${origin}/docs/`);
    expect(res.status).toBe(200);
    const html = await res.text();
    const refs = [...html.matchAll(/\b(?:src|href)="([^"]*)"/g)].map((m) => m[1] ?? '');
    expect(refs.length).toBeGreaterThan(2);
    for (const ref of refs) expect(ref).not.toMatch(/^(https?:)?\/\//);
    const csp = res.headers.get('content-security-policy') ?? '';
    expect(csp).toMatch(/default-src 'self'/);
    expect(csp).not.toMatch(/https:|swagger\.io/);
  });

  it('/docs/json is the same document as /openapi.json', async () => {
    const [docs, spec] = await Promise.all([fetch(`${origin}/docs/json`).then((r) => r.json()), fetch(`${origin}/openapi.json`).then((r) => r.json())]);
    expect(docs).toEqual(spec);
  });
});

describeWithPart('browser', chromiumProblem(), 'REST docs in Chromium')('REST docs in Chromium', () => {
  beforeAll(async () => {
    browser = await launchChromium();
  }, 120_000);

  it('renders every route offline and runs GET /api/anime/{id}', async () => {
    if (!browser) throw new Error('Chromium did not launch');
    const context = await browser.newContext({ viewport: { width: 1400, height: 1000 }, serviceWorkers: 'block' });
    const requested: string[] = [];
    const problems: string[] = [];
    await context.route('**/*', (route) => (new URL(route.request().url()).hostname === HOST ? route.continue() : route.abort('blockedbyclient')));
    const page = await context.newPage();
    page.on('request', (req) => requested.push(req.url()));
    page.on('pageerror', (err) => problems.push(`pageerror: ${err.message}`));
    page.on('console', (msg) => {
      if (msg.type() === 'error') problems.push(`console.error: ${msg.text()}`);
    });
    try {
      const response = await page.goto(`${origin}/docs`, { waitUntil: 'load' });
      expect(response?.status()).toBe(200);
      await page.waitForSelector('.swagger-ui .opblock', { timeout: 30_000 });
      const paths = await page.locator('.opblock-summary-path').allTextContents();
      expect(paths.map((p) => p.replace(/\u200b/g, ''))).toEqual(expect.arrayContaining(['/api/search', '/api/anime/{id}', '/api/query', '/api/batch']));

      const operation = page.locator('#operations-catalog-animeById');
      await operation.locator('.opblock-summary').click();
      await operation.locator('.try-out__btn').click();
      await operation.locator('tr[data-param-name="id"] input').fill('mal:1');
      await operation.locator('.execute').click();
      await operation.locator('.live-responses-table', { hasText: 'Cowboy Bebop' }).waitFor({ timeout: 30_000 });
      await page.screenshot({ path: '/tmp/rest-docs.png' });

      const external = requested.filter((u) => !/^(data|blob):/.test(u) && new URL(u).hostname !== HOST);
      expect(external).toEqual([]);
      expect(requested.some((u) => u.endsWith('/api/anime/mal%3A1') || u.endsWith('/api/anime/mal:1'))).toBe(true);
      expect(problems).toEqual([]);
    } finally {
      await context.close();
    }
  }, 120_000);
});
