// The Kitsu mapper on real recorded payloads (test/fixtures/upstream/kitsu, see PROVENANCE.md).
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { projectRoot } from '../../src/config/index.js';
import { AnimeFormat, AnimeStatus, Platform, Season } from '../../src/domain/index.js';
import { indexIncluded, platformOfMapping, toKitsuAnime } from './mapper.js';
import { kitsuAnimeAttributes, kitsuAnimeCollection, kitsuAnimeDocument, kitsuAnimeResource } from './payloads.js';

const fixture = (name: string): unknown => JSON.parse(readFileSync(resolve(projectRoot(), 'test/fixtures/upstream/kitsu', name), 'utf8'));
const document = (name: string) => kitsuAnimeDocument.parse(fixture(name));

describe('toKitsuAnime', () => {
  it('maps every attribute of a recorded GET /anime/13401', () => {
    const doc = document('anime-13401.json');
    const anime = toKitsuAnime(doc.data, indexIncluded(doc.included), true);
    expect(anime).toMatchObject({
      id: 13401,
      slug: 'sangatsu-no-lion-2',
      url: 'https://kitsu.app/anime/13401',
      canonicalTitle: '3-gatsu no Lion 2nd Season',
      titleEnglish: 'March comes in like a lion Season 2',
      titleRomaji: '3-gatsu no Lion 2nd Season',
      titleJapanese: '3月のライオン 第2シリーズ',
      abbreviatedTitles: ['Sangatsu no Lion 2nd Season', 'Sangatsu no Lion Second Season'],
      synopsis: 'Second season of March comes in like a lion.',
      averageRating: 81.86,
      score: 8.19,
      ratingRank: 229,
      popularityRank: 602,
      userCount: 19232,
      favoritesCount: 308,
      ageRating: 'PG',
      ageRatingGuide: 'Teens 13 or older',
      subtype: 'TV',
      format: AnimeFormat.TV,
      kitsuStatus: 'finished',
      status: AnimeStatus.COMPLETED,
      episodeCount: 22,
      episodeLength: 24,
      totalLength: 528,
      startDate: '2017-10-14',
      endDate: '2018-03-31',
      season: Season.FALL,
      year: 2017,
      tba: null,
      nsfw: false,
      youtubeVideoId: 'OfSaJb5OOPA',
      // GET /anime/{id} without include: no related resources to map.
      genres: [],
      categories: [],
      streamingLinks: [],
      mappings: [],
    });
    expect(anime.titles).toEqual([
      { locale: 'en', title: 'March comes in like a lion Season 2' },
      { locale: 'en_jp', title: '3-gatsu no Lion 2nd Season' },
      { locale: 'en_us', title: 'March Comes In Like A Lion 2nd Season' },
      { locale: 'ja_jp', title: '3月のライオン 第2シリーズ' },
    ]);
    expect(anime.ratingFrequencies).toHaveLength(19);
    expect(anime.ratingFrequencies[0]).toEqual({ rating: 2, count: 736 });
    expect(anime.ratingFrequencies.at(-1)).toEqual({ rating: 20, count: 5135 });
    expect(anime.posterImage).toEqual({
      tiny: 'https://media.kitsu.io/anime/poster_images/13401/tiny.jpg',
      small: 'https://media.kitsu.io/anime/poster_images/13401/small.jpg',
      medium: 'https://media.kitsu.io/anime/poster_images/13401/medium.jpg',
      large: 'https://media.kitsu.io/anime/poster_images/13401/large.jpg',
      original: expect.stringMatching(/^https:\/\/media\.kitsu\.io\/anime\/poster_images\/13401\/original\./),
    });
    expect(anime.coverImage).toMatchObject({ medium: null, large: 'https://media.kitsu.io/anime/cover_images/13401/large.jpg' });
  });

  it.each([
    // [file, id, format, episodeLength, averageRating, coverImage, youtubeVideoId, ageRatingGuide, ratingFrequencies]
    ['anime-5.json', 5, AnimeFormat.TV, null, 68.61, null, null, 'Children', 19],
    ['anime-46174.json', 46174, AnimeFormat.MUSIC, 2, null, null, 'kNgb67orxog', null, 6],
  ])('keeps what Kitsu does not know as null (%s)', (file, id, format, episodeLength, rating, cover, video, guide, frequencies) => {
    const doc = document(file);
    const anime = toKitsuAnime(doc.data, indexIncluded(doc.included), true);
    expect(anime.id).toBe(id);
    expect(anime.format).toBe(format);
    expect(anime.episodeLength).toBe(episodeLength);
    expect(anime.averageRating).toBe(rating);
    expect(anime.score).toBe(rating === null ? null : Math.round(rating * 10) / 100);
    expect(anime.coverImage).toBe(cover);
    expect(anime.youtubeVideoId).toBe(video);
    expect(anime.ageRatingGuide).toBe(guide);
    expect(anime.ratingFrequencies).toHaveLength(frequencies);
  });

  it('maps the Cowboy Bebop resource and its categories from the anime-mcp-server dump', () => {
    // The dump holds the `data` of GET /anime/1 and the `data` of GET /anime/1/categories.
    const dump = fixture('kitsu_cowboy_bebop_dump.json') as { anime: unknown; categories: unknown[] };
    const resource = kitsuAnimeResource.parse(dump.anime);
    const categories = kitsuAnimeCollection.shape.included.parse(dump.categories)!;
    const anime = toKitsuAnime(resource, indexIncluded(categories), true);
    expect(anime).toMatchObject({
      id: 1,
      canonicalTitle: 'Cowboy Bebop',
      titleEnglish: 'Cowboy Bebop',
      titleJapanese: 'カウボーイビバップ',
      abbreviatedTitles: ['COWBOY BEBOP'],
      averageRating: 82.23,
      score: 8.22,
      ratingRank: 160,
      popularityRank: 44,
      userCount: 160124,
      favoritesCount: 5133,
      ageRating: 'R',
      ageRatingGuide: '17+ (violence & profanity)',
      format: AnimeFormat.TV,
      status: AnimeStatus.COMPLETED,
      episodeCount: 26,
      episodeLength: 25,
      startDate: '1998-04-03',
      endDate: '1999-04-24',
      season: Season.SPRING,
      year: 1998,
      nsfw: false,
      youtubeVideoId: 'qig4KOK2R2g',
    });
    expect(anime.posterImage?.original).toBe('https://media.kitsu.app/anime/poster_images/1/original.jpg');
    expect(anime.ratingFrequencies.find((f) => f.rating === 20)).toEqual({ rating: 20, count: 37722 });
    expect(anime.categories.map((c) => c.title)).toEqual([
      'Bounty Hunter', 'Gunfights', 'Future', 'Space', 'Space Travel', 'Other Planet', 'Shipboard', 'Action', 'Science Fiction', 'Adventure',
    ]);
    expect(anime.categories[0]).toMatchObject({ slug: 'bounty-hunter', description: expect.any(String) });
  });

  it('maps every hit of a recorded search page, subtypes and missing ratings included', () => {
    const page = kitsuAnimeCollection.parse(fixture('search-cowboy-bebop.json'));
    const index = indexIncluded(page.included);
    const hits = page.data.map((r) => toKitsuAnime(r, index));
    expect(page.meta?.count).toBe(147);
    expect(hits.map((h) => [h.id, h.format])).toEqual([
      [1, AnimeFormat.TV],
      [2, AnimeFormat.MOVIE],
      [3424, AnimeFormat.SPECIAL],
      [7604, AnimeFormat.SPECIAL],
      [40909, AnimeFormat.MUSIC],
      [40933, AnimeFormat.MUSIC],
      [3701, AnimeFormat.TV],
      [4036, AnimeFormat.MOVIE],
      [41467, AnimeFormat.ONA],
      [46603, AnimeFormat.MOVIE],
    ]);
    expect(hits[1]).toMatchObject({ canonicalTitle: "Cowboy Bebop: Knockin' on Heaven's Door", averageRating: 81.8, ageRating: 'R' });
    expect(hits[4]!.averageRating).toBeNull();
    expect(hits[9]!.ageRating).toBeNull();
  });
});

describe('platformOfMapping', () => {
  it.each([
    ['myanimelist/anime', Platform.MAL],
    ['anilist/anime', Platform.ANILIST],
    ['anidb', Platform.ANIDB],
    ['animenewsnetwork', Platform.ANN],
    ['thetvdb/series', Platform.OTHER],
    ['myanimelist/manga', Platform.OTHER],
  ])('%s → %s', (site, platform) => {
    expect(platformOfMapping(site)).toBe(platform);
  });
});

describe('payload schemas', () => {
  it('reject the bare resource object where a JSON:API document is expected', () => {
    const dump = fixture('kitsu_cowboy_bebop_dump.json') as { anime: unknown };
    expect(kitsuAnimeDocument.safeParse(dump.anime).success).toBe(false);
    expect(kitsuAnimeAttributes.safeParse((dump.anime as { attributes: unknown }).attributes).success).toBe(true);
  });

  it('accepts every recorded search page', () => {
    for (const file of ['search-cowboy-bebop.json', 'search-food.json']) {
      expect(() => kitsuAnimeCollection.parse(fixture(file))).not.toThrow();
    }
  });
});
