// The GraphQL documents sent to AniList. Named operations, so logs and replay routes can tell
// them apart; one fragment, so every path maps the same shape.

const MEDIA_FIELDS = `
fragment AnilistMediaFields on Media {
  id
  idMal
  title { romaji english native }
  description(asHtml: false)
  format
  status
  season
  seasonYear
  startDate { year month day }
  endDate { year month day }
  episodes
  duration
  averageScore
  meanScore
  stats { scoreDistribution { score amount } }
  popularity
  favourites
  trending
  genres
  synonyms
  tags { name rank category isGeneralSpoiler isMediaSpoiler isAdult }
  relations { edges { relationType node { id type format status title { romaji english native } } } }
  studios { edges { isMain node { id name isAnimationStudio } } }
  nextAiringEpisode { episode airingAt timeUntilAiring }
  streamingEpisodes { title thumbnail url site }
  externalLinks { url site type language }
  coverImage { extraLarge large medium color }
  bannerImage
  isAdult
  siteUrl
}`;

export const MEDIA_OPERATION = 'AnilistMedia';
export const MEDIA_QUERY = `query ${MEDIA_OPERATION}($id: Int) {
  Media(id: $id, type: ANIME) { ...AnilistMediaFields }
}
${MEDIA_FIELDS}`;

/** Several ids in one call: AniList's 30 requests/min make batching the entity lookups worth it. */
export const MEDIA_BATCH_OPERATION = 'AnilistMediaBatch';
export const MEDIA_BATCH_QUERY = `query ${MEDIA_BATCH_OPERATION}($ids: [Int], $perPage: Int) {
  Page(page: 1, perPage: $perPage) {
    media(id_in: $ids, type: ANIME) { ...AnilistMediaFields }
  }
}
${MEDIA_FIELDS}`;

export const SEARCH_OPERATION = 'AnilistSearch';
export const SEARCH_QUERY = `query ${SEARCH_OPERATION}(
  $page: Int, $perPage: Int, $search: String,
  $format_in: [MediaFormat], $status_in: [MediaStatus],
  $averageScore_greater: Int, $averageScore_lesser: Int,
  $popularity_greater: Int, $popularity_lesser: Int,
  $genre_in: [String], $genre_not_in: [String], $tag_in: [String],
  $season: MediaSeason, $seasonYear: Int,
  $episodes_greater: Int, $episodes_lesser: Int,
  $sort: [MediaSort], $isAdult: Boolean
) {
  Page(page: $page, perPage: $perPage) {
    pageInfo { total perPage currentPage lastPage hasNextPage }
    media(
      type: ANIME, search: $search, format_in: $format_in, status_in: $status_in,
      averageScore_greater: $averageScore_greater, averageScore_lesser: $averageScore_lesser,
      popularity_greater: $popularity_greater, popularity_lesser: $popularity_lesser,
      genre_in: $genre_in, genre_not_in: $genre_not_in, tag_in: $tag_in,
      season: $season, seasonYear: $seasonYear,
      episodes_greater: $episodes_greater, episodes_lesser: $episodes_lesser,
      sort: $sort, isAdult: $isAdult
    ) { ...AnilistMediaFields }
  }
}
${MEDIA_FIELDS}`;

/** AniList's Page maximum. */
export const MAX_PER_PAGE = 50;
