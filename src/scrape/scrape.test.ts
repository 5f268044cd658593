// The scraping building blocks on real pages (test/fixtures/upstream, see PROVENANCE.md): no real
// page looks like a bot wall, a real anti-bot page does; robots.txt matching on our product token;
// JSON-LD reading; Cloudflare e-mail decoding.
import { readdirSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import robotsParserModule from 'robots-parser';
import { projectRoot } from '../config/index.js';
import { decodeCfEmail, detectBotWall, jsonLdObjects, loadPage, loadParser, requiredWork, robotsAgent, LayoutChanged } from './index.js';

beforeAll(loadParser);

const robotsParser = robotsParserModule as unknown as typeof robotsParserModule.default;
const FIXTURES = resolve(projectRoot(), 'test/fixtures/upstream');
const pages = ['animeplanet', 'livechart', 'anisearch'].flatMap((site) =>
  readdirSync(resolve(FIXTURES, site))
    .filter((f) => f.endsWith('.html'))
    .map((f) => [`${site}/${f}`, readFileSync(resolve(FIXTURES, site, f), 'utf8')] as const),
);

describe('detectBotWall', () => {
  it.each(pages)('sees no wall in the real page %s', (_name, html) => {
    expect(detectBotWall(html, { status: 200 }, 1000, 'site')).toBeNull();
  });

  it('sees the reCAPTCHA of a real anti-bot page (AniDB AntiLeech)', () => {
    const html = readFileSync(resolve(FIXTURES, 'anidb/modb_anidb_anti-leech_page.html'), 'utf8');
    expect(detectBotWall(html, { status: 200 }, 1000, 'AniDB')).toEqual({ reason: 'bot-wall', message: 'AniDB answered with a bot wall (reCAPTCHA); it is not retried or evaded', pauseMs: 1000 });
  });

  it('treats 401 and 403 on a public page as a wall, and leaves 404 and 503 to the kit', () => {
    expect(detectBotWall('', { status: 403 }, 1, 's')?.message).toMatch(/HTTP 403 refusal/);
    expect(detectBotWall('', { status: 401 }, 1, 's')?.message).toMatch(/HTTP 401 refusal/);
    expect(detectBotWall('<html></html>', { status: 404 }, 1, 's')).toBeNull();
    expect(detectBotWall('<html></html>', { status: 503 }, 1, 's')).toBeNull();
  });
});

describe('robots.txt', () => {
  it('matches groups on the User-Agent product token', () => {
    expect(robotsAgent('anime-federation/0.1 (+https://example.org)')).toBe('anime-federation');
    const robots = robotsParser('https://site.test/robots.txt', 'User-agent: anime-federation\nDisallow: /anime/\n\nUser-agent: *\nAllow: /\n');
    expect(robots.isAllowed('https://site.test/anime/1', robotsAgent('anime-federation/0.1 (+contact)'))).toBe(false);
    expect(robots.isAllowed('https://site.test/anime/1', 'someone-else')).toBe(true);
  });

  it('reads the test policy files as intended', () => {
    const allow = robotsParser('https://site.test/robots.txt', readFileSync(resolve(FIXTURES, 'scrape/robots-allow-all.txt'), 'utf8'));
    const disallow = robotsParser('https://site.test/robots.txt', readFileSync(resolve(FIXTURES, 'scrape/robots-disallow-anime.txt'), 'utf8'));
    expect(allow.isAllowed('https://site.test/anime/x', 'anime-federation')).toBe(true);
    expect(disallow.isAllowed('https://site.test/anime/x', 'anime-federation')).toBe(false);
    expect(disallow.isAllowed('https://site.test/robots.txt', 'anime-federation')).toBe(true);
  });
});

describe('page reading', () => {
  it('finds the work in the JSON-LD of every real anime page', () => {
    for (const [name, html] of pages) {
      // Not anime pages: Anime-Planet's removed-entry answer and LiveChart's season chart (no JSON-LD work).
      if (name.includes('dead-entry') || name.includes('_all.html')) continue;
      const work = requiredWork(loadPage(html));
      expect(['TVSeries', 'Movie']).toContain(work['@type']);
    }
  });

  it('reports a page without JSON-LD as a layout change naming jsonLd', () => {
    const html = readFileSync(resolve(FIXTURES, 'animeplanet/modb_animeplanet_dead-entry.html'), 'utf8');
    expect(jsonLdObjects(loadPage(html))).toEqual([]);
    expect(() => requiredWork(loadPage(html))).toThrow(LayoutChanged);
  });

  it('decodes Cloudflare e-mail protection as the real GJ-bu@ page uses it', () => {
    expect(decodeCfEmail('0245482f607742')).toBe('GJ-bu@');
    expect(decodeCfEmail('not-hex')).toBeNull();
  });
});
