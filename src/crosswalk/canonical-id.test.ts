import { readFileSync } from 'node:fs';
import path from 'node:path';
import { Platform, type PlatformId } from '../domain/index.js';
import { canonicalId, canonicalKey, CANONICAL_PRIORITY, parseCanonicalId } from './canonical-id.js';
import { parseSourceUrl } from './parse-source-url.js';

interface Entry {
  title: string;
  sources: string[];
}
const FIXTURES = path.resolve(process.cwd(), 'test/fixtures/upstream/catalog-derived');
const base = JSON.parse(readFileSync(path.join(FIXTURES, 'base_anime_sample.json'), 'utf8')) as Entry[];
const idsOf = (title: string): PlatformId[] => {
  const e = base.find((x) => x.title === title);
  if (!e) throw new Error(`fixture has no "${title}"`);
  return e.sources.map(parseSourceUrl);
};
const id = (platform: Platform, v: string): PlatformId => ({ platform, id: v, url: '' });

describe('canonicalId', () => {
  it('prefers MAL, whatever the order of sources', () => {
    const ids = idsOf('Death Note');
    const mal = ids.find((x) => x.platform === Platform.MAL)!;
    expect(canonicalId(ids)).toBe(`mal:${mal.id}`);
    expect(canonicalId([...ids].reverse())).toBe(canonicalId(ids));
  });

  it('walks down the priority when higher platforms are missing', () => {
    const ids = idsOf('Shingeki no Kyojin');
    const without = (...ps: Platform[]) => ids.filter((x) => !ps.includes(x.platform));
    const anidb = ids.find((x) => x.platform === Platform.ANIDB)!.id;
    const kitsu = ids.find((x) => x.platform === Platform.KITSU)!.id;
    expect(canonicalId(without(Platform.MAL, Platform.ANILIST))).toBe(`anidb:${anidb}`);
    expect(canonicalId(without(Platform.MAL, Platform.ANILIST, Platform.ANIDB))).toBe(`kitsu:${kitsu}`);
  });

  it('uses the lowest id when a platform appears twice (Dandadan lists two ANN ids)', () => {
    const ann = idsOf('Dandadan').filter((x) => x.platform === Platform.ANN);
    expect(ann).toHaveLength(2);
    const lowest = Math.min(...ann.map((x) => Number(x.id)));
    expect(canonicalId(ann)).toBe(`ann:${lowest}`);
    expect(canonicalId([...ann].reverse())).toBe(`ann:${lowest}`);
  });

  it('compares numeric ids as numbers', () => {
    expect(canonicalId([id(Platform.ANN, '10'), id(Platform.ANN, '9')])).toBe('ann:9');
  });

  it('follows the full fixed priority', () => {
    const all = CANONICAL_PRIORITY.map((p) => id(p, p === Platform.IMDB ? 'tt1' : '1'));
    for (let i = 0; i < all.length; i++) {
      expect(parseCanonicalId(canonicalId(all.slice(i)))?.platform).toBe(CANONICAL_PRIORITY[i]);
    }
  });

  it('throws when no known platform id is present', () => {
    expect(() => canonicalId([parseSourceUrl('https://animeschedule.net/anime/x')])).toThrow(/no id/);
    expect(() => canonicalId([])).toThrow();
  });
});

describe('canonicalKey / parseCanonicalId', () => {
  it('builds lower-case short prefixes', () => {
    expect(canonicalKey(Platform.ANIME_PLANET, 'death-note')).toBe('animeplanet:death-note');
    expect(canonicalKey(Platform.NOTIFY_MOE, '0-A-5Fimg')).toBe('notifymoe:0-A-5Fimg');
    expect(() => canonicalKey(Platform.OTHER, 'x')).toThrow();
  });

  it('reads every platform key of a real entry back as an alias', () => {
    for (const p of idsOf('Death Note').filter((x) => x.platform !== Platform.OTHER)) {
      expect(parseCanonicalId(canonicalKey(p.platform, p.id))).toEqual({ platform: p.platform, id: p.id });
    }
  });

  it('accepts any prefix case-insensitively and normalises ids', () => {
    expect(parseCanonicalId('anidb:23')).toEqual({ platform: Platform.ANIDB, id: '23' });
    expect(parseCanonicalId(' MAL:001 ')).toEqual({ platform: Platform.MAL, id: '1' });
    expect(parseCanonicalId('imdb:TT0877057')).toEqual({ platform: Platform.IMDB, id: 'tt0877057' });
    expect(parseCanonicalId('kitsu:death-note')).toEqual({ platform: Platform.KITSU, id: 'death-note' });
  });

  it.each(['', 'mal', 'mal:', 'mal:abc', 'foo:1', 'other:1', 'imdb:123', 'animeplanet:a/b', 'https://myanimelist.net/anime/1'])(
    'rejects %j',
    (s) => expect(parseCanonicalId(s)).toBeNull(),
  );
});
