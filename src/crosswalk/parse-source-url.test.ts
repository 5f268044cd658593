// Checked against real catalog data (shared fixtures), not invented ids.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { Platform } from '../domain/index.js';
import { parseSourceUrl } from './parse-source-url.js';
import { platformUrl } from './platform-url.js';

interface Entry {
  title: string;
  sources: string[];
}
const FIXTURES = path.resolve(process.cwd(), 'test/fixtures/upstream/catalog-derived');
const load = (file: string): unknown => JSON.parse(readFileSync(path.join(FIXTURES, file), 'utf8'));
const base = load('base_anime_sample.json') as Entry[];
const enriched = (load('enriched_anime_database.json') as { data: Entry[] }).data;
// animeschedule.net has no Platform value, so it is deliberately left as OTHER.
const UNKNOWN_HOSTS = new Set(['animeschedule.net']);

const byTitle = (title: string): Entry => {
  const e = base.find((x) => x.title === title);
  if (!e) throw new Error(`fixture has no "${title}"`);
  return e;
};
/** The id the fixture itself lists for a host, read from the raw URL text. */
const listed = (e: Entry, prefix: string): string => {
  const u = e.sources.find((s) => s.startsWith(prefix));
  if (!u) throw new Error(`${e.title} lists no ${prefix}`);
  return u.slice(prefix.length);
};

describe('parseSourceUrl on real catalog sources', () => {
  const all = [...base, ...enriched].flatMap((e) => e.sources);

  it('fixtures are the expected size', () => {
    expect(base).toHaveLength(10);
    expect(enriched).toHaveLength(28);
  });

  it('maps every source URL to a known platform, except deliberately unknown hosts', () => {
    for (const u of all) {
      const host = new URL(u).hostname;
      expect([u, parseSourceUrl(u).platform === Platform.OTHER]).toEqual([u, UNKNOWN_HOSTS.has(host)]);
    }
  });

  it('round-trips every known AOD URL through platformUrl', () => {
    for (const u of all.filter((x) => parseSourceUrl(x).platform !== Platform.OTHER)) {
      const p = parseSourceUrl(u);
      expect(p.url).toBe(u);
      expect(platformUrl(p.platform, p.id)).toBe(u);
    }
  });

  it.each([
    ['Death Note'],
    ['Shingeki no Kyojin'],
  ])('finds the ids %s lists', (title) => {
    const e = byTitle(title);
    const ids = new Map(e.sources.map((u) => [parseSourceUrl(u).platform, parseSourceUrl(u).id]));
    expect(ids.get(Platform.MAL)).toBe(listed(e, 'https://myanimelist.net/anime/'));
    expect(ids.get(Platform.ANILIST)).toBe(listed(e, 'https://anilist.co/anime/'));
    expect(ids.get(Platform.KITSU)).toBe(listed(e, 'https://kitsu.app/anime/'));
    expect(ids.get(Platform.ANIDB)).toBe(listed(e, 'https://anidb.net/anime/'));
    expect(ids.get(Platform.ANN)).toBe(listed(e, 'https://animenewsnetwork.com/encyclopedia/anime.php?id='));
    expect(ids.get(Platform.ANIME_PLANET)).toBe(listed(e, 'https://anime-planet.com/anime/'));
    expect(ids.get(Platform.NOTIFY_MOE)).toBe(listed(e, 'https://notify.moe/anime/'));
  });

  it('reads Death Note as MAL 1535 / AniDB 4563 / ANN 6592 (values checked in the fixture)', () => {
    const ids = byTitle('Death Note').sources.map(parseSourceUrl);
    expect(ids).toEqual(
      expect.arrayContaining([
        { platform: Platform.MAL, id: '1535', url: 'https://myanimelist.net/anime/1535' },
        { platform: Platform.ANIDB, id: '4563', url: 'https://anidb.net/anime/4563' },
        { platform: Platform.ANN, id: '6592', url: 'https://animenewsnetwork.com/encyclopedia/anime.php?id=6592' },
        { platform: Platform.KITSU, id: '1376', url: 'https://kitsu.app/anime/1376' },
      ]),
    );
  });
});

describe('parseSourceUrl on URL variants', () => {
  it.each([
    ['http://www.myanimelist.net/anime/1535/Death_Note/', Platform.MAL, '1535'],
    ['myanimelist.net/anime/1535', Platform.MAL, '1535'],
    ['https://anilist.co/anime/16498/?x=1', Platform.ANILIST, '16498'],
    ['https://kitsu.io/anime/1376', Platform.KITSU, '1376'],
    ['https://kitsu.io/anime/death-note', Platform.KITSU, 'death-note'],
    ['https://anidb.net/a4563', Platform.ANIDB, '4563'],
    ['http://anidb.net/perl-bin/animedb.pl?show=anime&aid=4563', Platform.ANIDB, '4563'],
    ['https://www.animenewsnetwork.com/encyclopedia/anime.php?id=6592', Platform.ANN, '6592'],
    ['https://www.anime-planet.com/anime/death-note/', Platform.ANIME_PLANET, 'death-note'],
    ['https://www.livechart.me/anime/3437?utm=1', Platform.LIVECHART, '3437'],
    ['https://www.anisearch.com/anime/3633,death-note', Platform.ANISEARCH, '3633'],
    ['https://www.anisearch.de/anime/3633', Platform.ANISEARCH, '3633'],
    ['https://animecountdown.com/40190/', Platform.ANIMECOUNTDOWN, '40190'],
    ['https://notify.moe/anime/0-A-5Fimg', Platform.NOTIFY_MOE, '0-A-5Fimg'],
    ['https://simkl.com/anime/40190/death-note', Platform.SIMKL, '40190'],
    ['https://bangumi.tv/subject/253', Platform.BANGUMI, '253'],
    ['https://chii.in/subject/253', Platform.BANGUMI, '253'],
    ['https://annict.com/works/1234', Platform.ANNICT, '1234'],
    ['http://cal.syoboi.jp/tid/123/', Platform.SYOBOCAL, '123'],
    ['https://m.imdb.com/title/tt0877057/', Platform.IMDB, 'tt0877057'],
  ])('%s', (u, platform, id) => {
    expect(parseSourceUrl(u)).toEqual({ platform, id, url: platformUrl(platform, id) });
  });

  it('builds the canonical form (https, no www, .com) in url', () => {
    expect(parseSourceUrl('http://www.anisearch.de/anime/3633,x').url).toBe('https://anisearch.com/anime/3633');
    expect(parseSourceUrl('https://bangumi.tv/subject/253').url).toBe('https://bgm.tv/subject/253');
    expect(parseSourceUrl('https://imdb.com/title/tt0877057').url).toBe('https://www.imdb.com/title/tt0877057');
  });
});

describe('parseSourceUrl falls back to OTHER', () => {
  it.each([
    'https://animeschedule.net/anime/parade-de-satie',
    'https://example.com/anime/1',
    'https://myanimelist.net/manga/1535',
    'https://myanimelist.net/anime/abc',
    'https://anidb.net/perl-bin/animedb.pl?show=character&aid=1',
    'https://animenewsnetwork.com/encyclopedia/manga.php?id=1',
    'ftp://myanimelist.net/anime/1',
    'not a url',
    '',
    '::::',
  ])('%j', (u) => {
    expect(parseSourceUrl(u)).toEqual({ platform: Platform.OTHER, id: u, url: u });
  });
});

describe('platformUrl', () => {
  it('throws a clear error for OTHER', () => {
    expect(() => platformUrl(Platform.OTHER, 'x')).toThrow(/OTHER/);
  });
  it('accepts numeric ids and bare IMDb numbers', () => {
    expect(platformUrl(Platform.MAL, 1)).toBe('https://myanimelist.net/anime/1');
    expect(platformUrl(Platform.IMDB, '0877057')).toBe('https://www.imdb.com/title/tt0877057');
  });
});
