// The AniList mappers on real recorded payloads (test/fixtures/upstream/anilist, see PROVENANCE.md).
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { projectRoot } from '../../src/config/index.js';
import { AnimeFormat, AnimeStatus, RelationKind, Season } from '../../src/domain/index.js';
import { toAnilistMedia, toRelationKind } from './mapper.js';
import { mediaResponseSchema, pageResponseSchema } from './upstream.js';

const fixture = (name: string): unknown => JSON.parse(readFileSync(resolve(projectRoot(), 'test/fixtures/upstream/anilist', name), 'utf8'));
// The recordings are the `data` member (or data.Media) of AniList answers: re-wrap, then parse as the client does.
const cowboyBebop = () => mediaResponseSchema.parse({ data: { Media: fixture('media-1-cowboy-bebop.json') } }).data!.Media!;
const page = (name: string) => pageResponseSchema.parse({ data: fixture(name) }).data!.Page!;
const NOW = new Date('2026-11-26T12:00:00Z');

describe('toAnilistMedia on Cowboy Bebop (AniList 1)', () => {
  const media = toAnilistMedia(cowboyBebop(), NOW);

  it('keeps ids, titles and numbers as AniList gives them', () => {
    expect(media).toMatchObject({
      id: 1,
      idMal: 1,
      siteUrl: 'https://anilist.co/anime/1',
      title: { romaji: 'Cowboy Bebop', english: 'Cowboy Bebop', native: 'カウボーイビバップ' },
      episodes: 26,
      duration: 24,
      averageScore: 86,
      meanScore: 86,
      popularity: 402591,
      favourites: 25871,
      trending: 11,
      genres: ['Action', 'Adventure', 'Drama', 'Sci-Fi'],
      isAdult: false,
      bannerImage: 'https://s4.anilist.co/file/anilistcdn/media/anime/banner/1-OquNCNB6srGe.jpg',
      coverImage: { color: '#f16b50' },
    });
    expect(media.synonyms).toContain('Ковбой Бибоп');
    expect(media.description).toMatch(/^Enter a world in the distant future/);
  });

  it('maps format, status and season to the universal enums and the score to 0–10', () => {
    expect(media.format).toBe(AnimeFormat.TV);
    expect(media.status).toBe(AnimeStatus.COMPLETED);
    expect(media.season).toBe(Season.SPRING);
    expect(media.seasonYear).toBe(1998);
    expect(media.score).toBe(8.6);
  });

  it('orders tags by rank and marks media or general spoilers', () => {
    expect(media.tags).toHaveLength(31);
    expect(media.tags[0]).toEqual({ name: 'Space', rank: 94, category: 'Setting-Universe', isSpoiler: false, isAdult: false });
    const spoilers = media.tags.filter((t) => t.isSpoiler).map((t) => t.name);
    expect(spoilers).toEqual(expect.arrayContaining(['Tragedy', 'Amnesia', 'Heterosexual']));
    expect(media.tags.find((t) => t.name === 'Crime')?.isSpoiler).toBe(false);
  });

  it('makes anime relations Anime references and leaves manga ones without', () => {
    expect(media.relations.map((r) => [r.relationType, r.kind, r.anilistId, r.mediaType, r.anime])).toEqual([
      ['SIDE_STORY', RelationKind.SIDE_STORY, 5, 'ANIME', { anilistId: 5 }],
      ['SIDE_STORY', RelationKind.SIDE_STORY, 17205, 'ANIME', { anilistId: 17205 }],
      ['ADAPTATION', RelationKind.OTHER, 30173, 'MANGA', null],
      ['ADAPTATION', RelationKind.OTHER, 30174, 'MANGA', null],
      ['SUMMARY', RelationKind.SUMMARY, 4037, 'ANIME', { anilistId: 4037 }],
    ]);
    expect(media.relations[0]?.title).toEqual({ romaji: 'Cowboy Bebop: Tengoku no Tobira', english: "Cowboy Bebop: The Movie - Knockin' on Heaven's Door", native: null });
  });

  it('lists the main studio first', () => {
    expect(media.studios.map((s) => [s.name, s.isMain])).toEqual([
      ['Sunrise', true],
      ['Bandai Visual', false],
      ['Bandai Entertainment', false],
    ]);
  });

  it('keeps streaming episodes and external links', () => {
    expect(media.streamingEpisodes).toHaveLength(26);
    expect(media.streamingEpisodes[0]).toEqual({
      title: 'Episode 1 - Asteroid Blues',
      thumbnail: 'https://img1.ak.crunchyroll.com/i/spire2-tmb/e3a45e86c597fe16f02d29efcadedcd81473268732_full.jpg',
      url: 'http://www.crunchyroll.com/watch/G7PU4VJEJ/asteroid-blues',
      site: 'Crunchyroll',
    });
    expect(media.externalLinks).toContainEqual({ site: 'Official Site', url: 'https://cowboy-bebop.net/', type: 'INFO', language: 'Japanese' });
    expect(media.externalLinks.filter((l) => l.type === 'STREAMING').map((l) => l.site)).toEqual([
      'Hulu',
      'Crunchyroll',
      'Amazon Prime Video',
      'Tubi TV',
      'Adult Swim',
      'Netflix',
    ]);
  });

  it('has no next episode for a finished show', () => {
    expect(media.nextAiringEpisode).toBeNull();
  });
});

describe('toAnilistMedia on search pages', () => {
  it('maps a top-scored page (a film and TV series, studios with isMain)', () => {
    const items = page('page-score-desc.json').media!.map((m) => toAnilistMedia(m!, NOW));
    expect(items.map((m) => [m.id, m.format, m.status, m.season, m.episodes, m.averageScore, m.score])).toEqual([
      [114129, AnimeFormat.MOVIE, AnimeStatus.COMPLETED, Season.WINTER, 1, 92, 9.2],
      [124194, AnimeFormat.TV, AnimeStatus.COMPLETED, Season.SPRING, 13, 91, 9.1],
      [104578, AnimeFormat.TV, AnimeStatus.COMPLETED, Season.SPRING, 10, 90, 9],
      [20996, AnimeFormat.TV, AnimeStatus.COMPLETED, Season.SPRING, 51, 90, 9],
      [5114, AnimeFormat.TV, AnimeStatus.COMPLETED, Season.SPRING, 64, 90, 9],
    ]);
    expect(items[0]).toMatchObject({ startDate: '2021-01-08', endDate: '2021-01-08', studios: [{ id: 6116, name: 'Bandai Namco Pictures', isMain: true }] });
    // That query asked for neither romaji nor tags: absent fields become null / empty, not errors.
    expect(items[0]?.title).toEqual({ romaji: null, english: null, native: null });
    expect(items[0]?.tags).toEqual([]);
  });

  it('maps RELEASING to AIRING and keeps an unknown episode count null', () => {
    const items = page('page-trending-releasing.json').media!.map((m) => toAnilistMedia(m!, NOW));
    expect(items.map((m) => [m.id, m.status, m.episodes, m.trending])).toEqual([
      [131565, AnimeStatus.AIRING, null, 185],
      [21, AnimeStatus.AIRING, null, 108],
      [129874, AnimeStatus.AIRING, null, 73],
      [127720, AnimeStatus.AIRING, 12, 59],
      [131083, AnimeStatus.AIRING, 12, 49],
    ]);
    expect(items[1]).toMatchObject({ idMal: 21, title: { romaji: 'One Piece', english: 'One Piece', native: 'ワンピース' }, startDate: '1999-10-20' });
    // Tags recorded without rank/category/spoiler flags.
    expect(items[1]?.tags[0]).toEqual({ name: 'Pirates', rank: null, category: null, isSpoiler: false, isAdult: false });
  });
});

describe('toRelationKind', () => {
  it.each([
    ['SEQUEL', RelationKind.SEQUEL],
    ['PREQUEL', RelationKind.PREQUEL],
    ['SIDE_STORY', RelationKind.SIDE_STORY],
    ['SPIN_OFF', RelationKind.SPIN_OFF],
    ['ALTERNATIVE', RelationKind.ALTERNATIVE],
    ['SUMMARY', RelationKind.SUMMARY],
    ['PARENT', RelationKind.PARENT],
    ['ADAPTATION', RelationKind.OTHER],
    ['SOURCE', RelationKind.OTHER],
    ['CHARACTER', RelationKind.OTHER],
    ['COMPILATION', RelationKind.OTHER],
    [null, RelationKind.UNKNOWN],
  ])('%s → %s', (input, kind) => {
    expect(toRelationKind(input)).toBe(kind);
  });
});
