// The Jikan mapper on real recorded payloads (test/fixtures/upstream/jikan, see PROVENANCE.md).
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { projectRoot } from '../../src/config/index.js';
import { AnimeFormat, AnimeStatus, Season } from '../../src/domain/index.js';
import {
  animePageResponse,
  animeResponse,
  characterResponse,
  charactersResponse,
  genresResponse,
  personResponse,
  recentRecommendationsResponse,
  recommendationsResponse,
  staffResponse,
  statisticsResponse,
} from './payloads.js';
import {
  parseDurationSeconds,
  toAnimePage,
  toCharacter,
  toCharacterRole,
  toGenre,
  toMalAnime,
  toPerson,
  toRecommendation,
  toStaffMember,
  toStatistics,
  toUserRecommendation,
  type AnimeReference,
} from './mapper.js';
import type { Anime } from './types.js';

const jikanFixture = (name: string) => resolve(projectRoot(), 'test/fixtures/upstream/jikan', name);
const load = (name: string): unknown => JSON.parse(readFileSync(jikanFixture(name), 'utf8'));
/** The MAL record a list entry carries along with its Anime reference. */
const preloaded = (anime: Anime | undefined) => (anime as AnimeReference | undefined)?.preloaded;

describe('jikan mapper', () => {
  it('maps /anime/1/full (Cowboy Bebop) with universal enums beside the raw MAL words', () => {
    const mal = toMalAnime(animeResponse.parse(load('anime-1-full.json')).data);
    expect(mal).toMatchObject({
      malId: 1,
      title: 'Cowboy Bebop',
      titleJapanese: 'カウボーイビバップ',
      type: 'TV',
      format: AnimeFormat.TV,
      statusText: 'Finished Airing',
      status: AnimeStatus.COMPLETED,
      season: Season.SPRING,
      year: 1998,
      episodes: 26,
      duration: '24 min per ep',
      durationSeconds: 1440,
      score: 8.75,
      scoredBy: 1024836,
      rank: 47,
      popularity: 42,
      members: 1985235,
      favorites: 86961,
      broadcast: { day: 'Saturdays', time: '01:00', timezone: 'Asia/Tokyo', string: 'Saturdays at 01:00 (JST)' },
      trailer: { youtubeId: 'gY5nDXOtv_o', url: 'https://www.youtube.com/watch?v=gY5nDXOtv_o' },
      aired: { from: '1998-04-03T00:00:00+00:00', to: '1999-04-24T00:00:00+00:00', string: 'Apr 3, 1998 to Apr 24, 1999' },
      complete: true,
    });
    expect(mal.titles).toContainEqual({ type: 'English', title: 'Cowboy Bebop' });
    expect(mal.genres.map((g) => [g.malId, g.name])).toEqual([[1, 'Action'], [46, 'Award Winning'], [24, 'Sci-Fi']]);
    expect(mal.themes.map((g) => g.name)).toEqual(['Adult Cast', 'Space']);
    expect(mal.explicitGenres).toEqual([]);
    expect(mal.studios).toEqual([{ malId: 14, name: 'Sunrise', type: 'anime', url: 'https://myanimelist.net/anime/producer/14/Sunrise' }]);
    expect(mal.licensors.map((l) => l.name)).toEqual(['Funimation']);
    expect(mal.images?.jpg?.largeImageUrl).toBe('https://cdn.myanimelist.net/images/anime/4/19644l.jpg');
    expect(mal.streaming).toContainEqual({ name: 'Netflix', url: 'https://www.netflix.com/title/80001305' });
    expect(mal.external).toContainEqual({ name: 'AniDB', url: 'https://anidb.net/perl-bin/animedb.pl?show=anime&aid=23' });
    expect(mal.themeSongs?.openings).toEqual(['"Tank!" by The Seatbelts (eps 1-25)']);
    const sideStory = mal.relations?.find((r) => r.relation === 'Side Story');
    expect(sideStory?.entries.map((e) => [e.malId, e.anime])).toEqual([[5, { malId: 5 }], [17205, { malId: 17205 }]]);
    // Manga entries are not Anime references.
    expect(mal.relations?.find((r) => r.relation === 'Adaptation')?.entries[0]).toMatchObject({ type: 'manga', anime: null });
  });

  it('maps list payloads without the /full-only fields and marks them incomplete', () => {
    const page = toAnimePage(animePageResponse.parse(load('top-anime.json')));
    expect(page.pagination).toEqual({ currentPage: 1, lastVisiblePage: 701, hasNextPage: true, total: null });
    const [first] = page.nodes;
    expect(first).toMatchObject({ malId: 5114, title: 'Fullmetal Alchemist: Brotherhood', rank: 1, score: 9.15, anime: { malId: 5114 } });
    expect(preloaded(first?.anime)).toMatchObject({ complete: false, format: AnimeFormat.TV, season: Season.SPRING, year: 2009 });
    expect(preloaded(first?.anime)?.relations).toBeUndefined();
  });

  it('treats MAL "not ranked" (0), "None" rating and "Unknown" duration as null', () => {
    const scheduled = preloaded(toAnimePage(animePageResponse.parse(load('schedules-monday.json'))).nodes[0]?.anime);
    expect(scheduled).toMatchObject({ malId: 49689, rank: null, score: null, status: AnimeStatus.AIRING, season: null, durationSeconds: 240 });
    const upcoming = preloaded(toAnimePage(animePageResponse.parse(load('seasons-upcoming.json'))).nodes[0]?.anime);
    expect(upcoming).toMatchObject({ malId: 44511, status: AnimeStatus.UPCOMING, rating: null, duration: 'Unknown', durationSeconds: null });
  });

  it.each([
    ['24 min per ep', 1440],
    ['1 hr 55 min', 6900],
    ['2 hr', 7200],
    ['45 sec', 45],
    ['4 min', 240],
    ['Unknown', null],
    [null, null],
  ])('parses the duration %p as %p seconds', (text, seconds) => {
    expect(parseDurationSeconds(text)).toBe(seconds);
  });

  it('maps the cast of /anime/1/characters with voice actors', () => {
    const roles = charactersResponse.parse(load('anime-1-characters.json')).data.map(toCharacterRole);
    expect(roles).toHaveLength(126);
    const spike = roles.find((r) => r.character.malId === 1);
    expect(spike).toMatchObject({ role: 'Main', character: { name: 'Spiegel, Spike', url: 'https://myanimelist.net/character/1/Spike_Spiegel' } });
    expect(roles[0]?.voiceActors[0]).toMatchObject({ language: 'Japanese', person: { malId: 357, name: 'Ishizuka, Unshou' } });
  });

  it('maps staff, statistics and per-anime recommendations', () => {
    expect(staffResponse.parse(load('anime-11757-staff.json')).data.map(toStaffMember)).toEqual([
      {
        person: {
          malId: 14031,
          name: 'Iwakami, Atsuhiro',
          url: 'https://myanimelist.net/people/14031/Atsuhiro_Iwakami',
          images: { jpg: { imageUrl: 'https://cdn.myanimelist.net/images/voiceactors/1/29425.jpg?s=73e16490c97fd63059f2eb3ffdd82f72', smallImageUrl: null, largeImageUrl: null }, webp: null },
        },
        positions: ['Producer'],
      },
    ]);
    const stats = toStatistics(statisticsResponse.parse(load('anime-11757-statistics.json')).data);
    expect(stats).toMatchObject({ watching: 95611, completed: 2287389, onHold: 31504, dropped: 110880, planToWatch: 143053, total: 2668437 });
    expect(stats.scores).toHaveLength(10);
    expect(stats.scores[9]).toEqual({ score: 10, votes: 274569, percentage: 14.5 });
    const [rec] = recommendationsResponse.parse(load('anime-11757-recommendations.json')).data.map(toRecommendation);
    expect(rec).toMatchObject({ anime: { malId: 17265 }, title: 'Log Horizon', votes: 174, url: 'https://myanimelist.net/recommendations/anime/11757-17265' });
  });

  it('maps genres, recent user recommendations, a character and a person', () => {
    const genres = genresResponse.parse(load('genres-anime.json')).data.map(toGenre);
    expect(genres).toHaveLength(76);
    expect(genres[0]).toEqual({ malId: 1, name: 'Action', url: 'https://myanimelist.net/anime/genre/1/Action', count: 4447 });

    const [pair] = recentRecommendationsResponse.parse(load('recommendations-anime.json')).data.map(toUserRecommendation);
    expect(pair?.id).toBe('22135-31646');
    expect(pair?.entries.map((e) => [e.anime.malId, e.title])).toEqual([[22135, 'Ping Pong the Animation'], [31646, '3-gatsu no Lion']]);

    const kirito = toCharacter(characterResponse.parse(load('character-36765.json')).data);
    expect(kirito).toMatchObject({ malId: 36765, name: 'Kazuto Kirigaya', favorites: 38444, anime: [], voices: [] });
    expect(kirito.nicknames).toEqual(['Kirito', 'The Black Swordsman', 'Beater', 'Kazu']);

    const seki = toPerson(personResponse.parse(load('person-1.json')).data);
    expect(seki).toMatchObject({ malId: 1, name: 'Tomokazu Seki', givenName: '智一', familyName: '関', birthday: '1972-09-08T00:00:00+00:00', favorites: 5772 });
    expect(seki.alternateNames).toEqual(['Seki Mondoya', '門戸 開', 'Monto Hiraku']);
  });
});
