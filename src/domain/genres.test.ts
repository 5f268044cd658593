// The one tag vocabulary on the spellings real sources use: the MAL 2016 CSV's genres, the films
// catalog's genres, the AOD sample's tags (AniDB and others), AniList's genres and tags (recorded
// answer) and Kitsu's categories (the recorded Cowboy Bebop dump).
import { readFileSync } from 'node:fs';
import { canonicalTag, canonicalTags } from './genres.js';

const json = (path: string): unknown => JSON.parse(readFileSync(path, 'utf8'));

/** Every name listed under a key called `key` anywhere in a JSON document (strings or `{ name }`). */
function collect(value: unknown, key: string, into = new Set<string>()): Set<string> {
  if (Array.isArray(value)) for (const item of value) collect(item, key, into);
  else if (value && typeof value === 'object') {
    for (const [k, v] of Object.entries(value)) {
      if (k === key && Array.isArray(v)) {
        for (const item of v) {
          const name = typeof item === 'string' ? item : (item as { name?: unknown } | null)?.name;
          if (typeof name === 'string') into.add(name);
        }
      }
      collect(v, key, into);
    }
  }
  return into;
}

function kitsuCategories(path: string): string[] {
  const dump = json(path) as { categories: Array<{ attributes: { title: string } }> };
  return dump.categories.map((c) => c.attributes.title);
}

const malGenres = new Set(
  readFileSync('data/mal-anime-2016.csv', 'utf8')
    .split('\n')
    .slice(1)
    .flatMap((line) => line.match(/"([^"]*)"/)?.[1]?.split(', ') ?? []),
);
const filmGenres = collect(json('data/animestream-catalog-movies.json'), 'genres');
const aodTags = collect(json('data/aod-sample.json'), 'tags');
const anilist = collect(json('test/fixtures/upstream/anilist/media-1-cowboy-bebop.json'), 'genres');
const anilistTags = collect(json('test/fixtures/upstream/anilist/media-1-cowboy-bebop.json'), 'tags');
const kitsu = kitsuCategories('test/fixtures/upstream/kitsu/kitsu_cowboy_bebop_dump.json');

describe('canonicalTag', () => {
  it('reads the sources it is built for', () => {
    expect(malGenres.size).toBeGreaterThan(40);
    expect(filmGenres.size).toBeGreaterThan(40);
    expect(aodTags.size).toBeGreaterThan(100);
    expect(anilist.size).toBeGreaterThan(3);
    expect(anilistTags.size).toBeGreaterThan(3);
    expect(kitsu.length).toBeGreaterThan(3);
  });

  it('gives one name to the spellings of science fiction in every source', () => {
    expect(malGenres).toContain('Sci-Fi');
    expect(filmGenres).toContain('Science Fiction');
    expect(kitsu).toContain('Science Fiction');
    expect(anilist).toContain('Sci-Fi');
    for (const spelling of ['Sci-Fi', 'Science Fiction', 'sci-fi', 'science fiction', 'science-fiction', 'sci fi', 'SciFi']) {
      expect(canonicalTag(spelling)).toBe('sci-fi');
    }
  });

  it('joins the spellings the sources use side by side', () => {
    const pairs: Array<[string, string, Set<string> | string[]]> = [
      ['Slice of Life', 'slice of life', malGenres],
      ['Sport', 'sports', filmGenres],
      ['History', 'historical', filmGenres],
      ['Mahou Shoujo', 'mahou shoujo', filmGenres],
      ['coming-of-age', 'coming of age', aodTags],
      ['antihero', 'anti-hero', aodTags],
      ['superpowers', 'super power', aodTags],
      ['post apocalypse', 'post-apocalyptic', aodTags],
      ['fanservice', 'fan service', aodTags],
      ['Shounen', 'shounen', malGenres],
    ];
    for (const [spelling, canonical, source] of pairs) {
      expect([...source]).toContain(spelling);
      expect(canonicalTag(spelling)).toBe(canonical);
    }
    // Romanisation, hyphenation and spacing variants a user may type.
    expect(canonicalTag('Shonen')).toBe('shounen');
    expect(canonicalTag('slice-of-life')).toBe('slice of life');
    expect(canonicalTag('Magical Girl')).toBe('mahou shoujo');
  });

  it('is stable: a canonical tag maps to itself, for every tag of every source', () => {
    const all = [...malGenres, ...filmGenres, ...aodTags, ...anilist, ...anilistTags, ...kitsu];
    const unstable = all.filter((tag) => canonicalTag(canonicalTag(tag)) !== canonicalTag(tag));
    expect(unstable).toEqual([]);
    expect(all.every((tag) => canonicalTag(tag) === canonicalTag(tag).toLowerCase())).toBe(true);
  });

  it('keeps related but different ideas apart', () => {
    expect(aodTags).toContain('cooking');
    expect(aodTags).toContain('food');
    expect(canonicalTag('cooking')).not.toBe(canonicalTag('food'));
    expect(canonicalTag('high school')).not.toBe(canonicalTag('school'));
    expect(canonicalTag('dark fantasy')).not.toBe(canonicalTag('fantasy'));
  });

  it('lists each canonical tag once, in first-seen order', () => {
    expect(canonicalTags(['Sci-Fi', 'Science Fiction', 'Action', 'action', ' '])).toEqual(['sci-fi', 'action']);
  });
});
