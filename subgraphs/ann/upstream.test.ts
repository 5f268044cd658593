// Reading ANN's XML at the edge: real answers parse, HTML and malformed XML are typed errors, the
// rebuilt fixtures are exactly what the documented converter makes, and RSS 2.0 reads (on real
// feeds from another site: no ANN feed recording exists, see PROVENANCE.md).
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { projectRoot } from '../../src/config/index.js';
import { AppError, ErrorCode } from '../../src/errors/index.js';
// @ts-expect-error: a plain ESM script without type declarations
import { annSimplexmlToXml } from '../../scripts/ann-simplexml-to-xml.mjs';
import { annAnswerSchema, decodeXml, isHtml, rssSchema } from './upstream.js';

const read = (path: string) => readFileSync(resolve(projectRoot(), 'test/fixtures/upstream', path), 'utf8');
const JINKI = read('ann/bacowan_annExample_anime_4658_jinki_extend.xml');

function decodeError(body: string, contentType: string | null = 'text/xml'): AppError {
  try {
    decodeXml('ann', body, contentType, 200);
  } catch (error) {
    if (error instanceof AppError) return error;
    throw error;
  }
  throw new Error('expected a decode error');
}

describe('decodeXml', () => {
  it('reads a real api.xml answer (a leading comment and all)', () => {
    const answer = annAnswerSchema.parse(decodeXml('ann', JINKI, 'text/xml', 200));
    expect(answer.anime.map((a) => a.id)).toEqual(['4658']);
    expect(answer.warning).toEqual([]);
  });

  it('answers SOURCE_BAD_RESPONSE for an HTML page where XML was expected, by content type or by body', () => {
    // A real HTML error page (AniDB's nginx 403, the only recorded web-server page in the fixtures).
    const page = read('anidb/modb_anidb_nginx_error_page.html');
    expect(isHtml(page, null)).toBe(true);
    for (const contentType of [null, 'text/html; charset=utf-8']) {
      const error = decodeError(page, contentType);
      expect(error.code).toBe(ErrorCode.SOURCE_BAD_RESPONSE);
      expect(error.details).toMatchObject({ source: 'ann', reason: 'html' });
    }
  });

  it('answers SOURCE_BAD_RESPONSE with the line for malformed XML (a real answer cut in half)', () => {
    const error = decodeError(JINKI.slice(0, Math.floor(JINKI.length / 2)));
    expect(error.code).toBe(ErrorCode.SOURCE_BAD_RESPONSE);
    expect(error.details).toMatchObject({ reason: 'malformed-xml' });
    expect(error.message).toMatch(/malformed XML \(line \d+/);
  });

  it('fails validation (SOURCE_BAD_RESPONSE upstream of here) for XML that is not an ANN answer', () => {
    const rss = decodeXml('ann', read('rss/weblabor.hu.xml'), 'text/xml', 200);
    expect(annAnswerSchema.safeParse(rss).success).toBe(false);
  });
});

describe('the rebuilt fixtures', () => {
  it.each([
    ['sprak3000_api_anime_10076_simplexml.json', 10076, 'sprak3000_api_anime_10076_rebuilt.xml'],
    ['sprak3000_api_anime_885_simplexml.json', 885, 'sprak3000_api_anime_885_rebuilt.xml'],
  ])('%s is exactly what scripts/ann-simplexml-to-xml.mjs makes of it', (json, id, xml) => {
    expect(annSimplexmlToXml(JSON.parse(read(`ann/${json}`)), id)).toBe(read(`ann/${xml}`));
  });
});

describe('rssSchema', () => {
  it('reads a real RSS 2.0 feed (its DTD dropped, entities decoded, one or more categories)', () => {
    const feed = rssSchema.parse(decodeXml('ann-news', read('rss/weblabor.hu.xml'), 'application/rss+xml', 200));
    expect(feed.title).toBe('Weblabor - a fejlesztői forrás');
    expect(feed.items).toHaveLength(15);
    const [first] = feed.items;
    expect(first!.title?.['#text']).toBe('Webfejlesztőt keresünk');
    expect(first!.link?.['#text']).toBe('http://weblabor.hu/forumok/temak/11167');
    expect(first!.pubDate?.['#text']).toBe('Wed, 04 Jan 2006 17:19:44 +0100');
    expect(first!.category.map((c) => c['#text'])).toEqual(['Munka / Állás']);
    expect(first!.description?.['#text']).toMatch(/^Az Antikkönyv\.hu Kft\. webfejlesztőt keres:<br \/>/);
  });

  it('reads a second real feed, whose descriptions hold escaped HTML', () => {
    const feed = rssSchema.parse(decodeXml('ann-news', read('rss/linuxbox.hu.xml'), 'application/rss+xml', 200));
    expect(feed.items).toHaveLength(15);
    expect(feed.items[0]!.title?.['#text']).toBe('Hogyan fordíthatunk arhitektúra optimalizált debian csomagokat.');
    expect(feed.items[0]!.link?.['#text']).toBe('http://linuxbox.hu/apt-build');
    expect(feed.items.every((item) => item.title?.['#text'] && item.link?.['#text'])).toBe(true);
  });
});
