// Our search arguments to AniList's Media query variables.
import { AnimeFormat, AnimeStatus, Season } from '../../src/domain/index.js';
import { AppError, ErrorCode } from '../../src/errors/index.js';
import { pageCursor, toSearchVariables } from './search-variables.js';
import { AnilistMediaSort } from './types.js';

describe('toSearchVariables', () => {
  it('maps every filter to AniList Media arguments, bounds inclusive', () => {
    expect(
      toSearchVariables({
        search: '  bebop ',
        formatIn: [AnimeFormat.TV, AnimeFormat.MOVIE],
        statusIn: [AnimeStatus.AIRING, AnimeStatus.UPCOMING, AnimeStatus.COMPLETED],
        scoreMin: 70,
        scoreMax: 90,
        popularityMin: 1000,
        popularityMax: 5000,
        genreIn: ['Action'],
        genreNotIn: ['Ecchi'],
        tagIn: ['Space'],
        season: Season.FALL,
        seasonYear: 2021,
        episodesMin: 12,
        episodesMax: 26,
        sort: [AnilistMediaSort.SCORE_DESC],
        isAdult: false,
        page: 2,
        perPage: 10,
      }),
    ).toEqual({
      page: 2,
      perPage: 10,
      search: 'bebop',
      format_in: ['TV', 'MOVIE'],
      status_in: ['RELEASING', 'NOT_YET_RELEASED', 'FINISHED'],
      averageScore_greater: 69,
      averageScore_lesser: 91,
      popularity_greater: 999,
      popularity_lesser: 5001,
      genre_in: ['Action'],
      genre_not_in: ['Ecchi'],
      tag_in: ['Space'],
      season: 'FALL',
      seasonYear: 2021,
      episodes_greater: 11,
      episodes_lesser: 27,
      sort: ['SCORE_DESC'],
      isAdult: false,
    });
  });

  it('defaults: page 1 of 20, relevance with a text, popularity without, no adult entries', () => {
    expect(toSearchVariables({ search: 'naruto' })).toMatchObject({ page: 1, perPage: 20, sort: ['SEARCH_MATCH'], isAdult: false });
    expect(toSearchVariables({})).toMatchObject({ page: 1, perPage: 20, sort: ['POPULARITY_DESC'], isAdult: false, search: undefined });
  });

  it('reads a page cursor as "the page after"', () => {
    expect(toSearchVariables({ after: pageCursor(3) }).page).toBe(4);
  });

  it.each([
    [{ perPage: 51 }, 'perPage'],
    [{ page: 0 }, 'page'],
    [{ scoreMin: 101 }, 'scoreMin'],
    [{ formatIn: [AnimeFormat.UNKNOWN] }, 'formatIn'],
    [{ statusIn: [AnimeStatus.UNKNOWN] }, 'statusIn'],
    [{ after: 'page 2' }, 'after'],
    [{ page: 2, after: pageCursor(1) }, 'after'],
  ])('rejects %j as BAD_USER_INPUT on %s', (input, field) => {
    let thrown: unknown;
    try {
      toSearchVariables(input);
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(AppError);
    expect((thrown as AppError).code).toBe(ErrorCode.BAD_USER_INPUT);
    expect((thrown as AppError).details.field).toBe(field);
  });
});
