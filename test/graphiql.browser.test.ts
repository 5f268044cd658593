/**
 * End-to-end: the self-hosted GraphiQL at GET /graphql renders in a real (system) Chromium, loads
 * nothing but same-origin assets, and runs the default query against the full gateway.
 * Needs Debian's chromium (`apt-get install -y chromium`) or CHROMIUM_PATH: without one the browser
 * suite is skipped with one loud line, or fails when REQUIRE_BROWSER is set (CI).
 */
import type { AddressInfo } from 'node:net';
import type { Browser, Page } from 'playwright-core';
import type { FastifyInstance } from 'fastify';
import { createApp } from '../gateway/app.js';
import { GRAPHIQL_ASSET_PREFIX, graphiqlHtml } from '../gateway/graphiql.js';
import { chromiumProblem, launchChromium } from './support/chromium.js';
import { describeWithPart } from './support/system-parts.js';

const HOST = '127.0.0.1';
const SCREENSHOT = '/tmp/graphiql.png';

let handle: Awaited<ReturnType<typeof createApp>>;
let app: FastifyInstance;
let origin: string;
let browser: Browser | undefined;

beforeAll(async () => {
  handle = await createApp({ logger: false });
  app = handle.app;
  await app.listen({ host: HOST, port: 0 });
  const { port } = app.server.address() as AddressInfo;
  origin = `http://${HOST}:${port}`;
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await handle?.close();
  if (app?.server.listening) await app.close();
});

describe('GraphiQL assets', () => {
  const assets: Array<[string, RegExp]> = [
    ['graphiql.min.js', /^text\/javascript/],
    ['graphiql.min.css', /^text\/css/],
    ['react.production.min.js', /^text\/javascript/],
    ['react-dom.production.min.js', /^text\/javascript/],
  ];

  it.each(assets)('serves %s locally with a long-lived cache', async (name, type) => {
    const res = await fetch(`${origin}${GRAPHIQL_ASSET_PREFIX}${name}`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(type);
    expect(res.headers.get('cache-control')).toMatch(/max-age=31536000/);
    expect((await res.arrayBuffer()).byteLength).toBeGreaterThan(1000);
  });

  it('404s unknown assets', async () => {
    const res = await fetch(`${origin}${GRAPHIQL_ASSET_PREFIX}nope.js`);
    expect(res.status).toBe(404);
  });

  it('the page references no external URL and carries a self-only CSP', () => {
    const html = graphiqlHtml('/graphql');
    expect(html).toContain('http-equiv="Content-Security-Policy"');
    expect(html).toContain("script-src &#39;self&#39;");
    const srcs = [...html.matchAll(/\b(?:src|href)="([^"]*)"/g)].map((m) => m[1] ?? '');
    expect(srcs.length).toBeGreaterThanOrEqual(5);
    for (const src of srcs) expect(src).toMatch(/^(\/graphiql\/assets\/|data:)/);
  });

  it('GET /graphql with Accept: text/html returns the GraphiQL page', async () => {
    const res = await fetch(`${origin}/graphql`, { headers: { accept: 'text/html' } });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^text\/html/);
    expect(await res.text()).toContain(`${GRAPHIQL_ASSET_PREFIX}graphiql.min.js`);
  });
});

describeWithPart('browser', chromiumProblem(), 'GraphiQL in Chromium')('GraphiQL in Chromium', () => {
  beforeAll(async () => {
    browser = await launchChromium();
  }, 120_000);

  it('renders offline and runs the default query', async () => {
    if (!browser) throw new Error('Chromium did not launch');
    const context = await browser.newContext({ viewport: { width: 1400, height: 900 }, serviceWorkers: 'block' });
    const requested: string[] = [];
    const problems: string[] = [];
    // Record everything; anything not same-origin is also aborted so the test stays hermetic.
    await context.route('**/*', (route) => {
      const url = new URL(route.request().url());
      return url.hostname === HOST ? route.continue() : route.abort('blockedbyclient');
    });
    const page: Page = await context.newPage();
    page.on('request', (req) => requested.push(req.url()));
    page.on('websocket', (ws) => requested.push(ws.url()));
    page.on('pageerror', (err) => problems.push(`pageerror: ${err.message}`));
    page.on('console', (msg) => {
      if (msg.type() === 'error') problems.push(`console.error: ${msg.text()}`);
    });

    try {
      const response = await page.goto(`${origin}/graphql`, { waitUntil: 'load' });
      expect(response?.status()).toBe(200);

      // The editor is up once CodeMirror holds the default query.
      await page.waitForSelector('.graphiql-query-editor .CodeMirror', { timeout: 30_000 });
      await expect(page.textContent('.graphiql-query-editor')).resolves.toContain('cowboy bebop');

      await page.click('.graphiql-execute-button');
      await page.locator('.graphiql-response', { hasText: 'Cowboy Bebop' }).waitFor({ timeout: 30_000 });
      const result = (await page.textContent('.graphiql-response')) ?? '';
      expect(result).toContain('"totalCount"');
      expect(result).toMatch(/Cowboy Bebop/i);
      expect(result).not.toContain('"errors"');

      await page.screenshot({ path: SCREENSHOT });

      // Nothing was fetched from anywhere but this server.
      expect(requested.length).toBeGreaterThanOrEqual(6);
      const external = requested.filter((u) => {
        const url = new URL(u);
        if (url.protocol === 'data:' || url.protocol === 'blob:') return false;
        return url.hostname !== HOST;
      });
      expect(external).toEqual([]);
      expect(requested.some((u) => u.includes(`${GRAPHIQL_ASSET_PREFIX}graphiql.min.js`))).toBe(true);
      expect(problems).toEqual([]);
    } finally {
      await context.close();
    }
  }, 120_000);
});
