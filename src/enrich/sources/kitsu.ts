// Kitsu for the harvest: `GET /anime/{id}?include=genres,categories,…`, one id per request, under
// the subgraph's source description (its conservative 10/s and 300/min), validated by the
// subgraph's own JSON:API schema.
import { Platform } from '../../domain/index.js';
import type { SourceDefinition, UpstreamKit } from '../../http/index.js';
import { KITSU_ANIME_INCLUDE } from '../../../subgraphs/kitsu/client.js';
import { indexIncluded, toKitsuAnime } from '../../../subgraphs/kitsu/mapper.js';
import { kitsuAnimeDocument, type KitsuAnimeDocument } from '../../../subgraphs/kitsu/payloads.js';
import type { NormalisedAnswer } from '../fields.js';
import { fetchEach, normaliseClasses, type HarvestSource } from '../source.js';
import { distinctNames, nonEmpty, plainSynopsis } from '../text.js';

export function kitsuHarvestSource(kit: UpstreamKit, definition: SourceDefinition): HarvestSource {
  const client = kit.client(definition);
  return {
    name: 'kitsu',
    definition,
    batchSize: 1,
    fetch: (ids) =>
      fetchEach(ids, async (id) => {
        const answer = await client.requestWithMeta({
          path: `/anime/${encodeURIComponent(id)}`,
          query: { include: KITSU_ANIME_INCLUDE },
          schema: kitsuAnimeDocument,
          dataClass: 'details',
        });
        return { fetchedAt: answer.fetchedAt, answer: normaliseKitsu(answer.data) };
      }),
  };
}

export function normaliseKitsu(document: KitsuAnimeDocument): NormalisedAnswer {
  const anime = toKitsuAnime(document.data, indexIncluded(document.included), true);
  return normaliseClasses({
    titles: () => {
      const romaji = nonEmpty(anime.titleRomaji) ?? nonEmpty(anime.canonicalTitle);
      const english = nonEmpty(anime.titleEnglish);
      const native = nonEmpty(anime.titleJapanese);
      return { romaji, english, native, synonyms: distinctNames([anime.canonicalTitle, ...anime.titles.map((t) => t.title), ...anime.abbreviatedTitles], [romaji, english, native]) };
    },
    synopsis: () => {
      const text = plainSynopsis(anime.synopsis ?? anime.description);
      return text ? { text } : null;
    },
    genres: () => {
      const genres = distinctNames(anime.genres.map((g) => g.name));
      const tags = distinctNames(anime.categories.map((c) => c.title)).map((name) => ({ name, rank: null, spoiler: false }));
      return genres.length || tags.length ? { genres, tags } : null;
    },
    scores: () => {
      const votes = anime.ratingFrequencies.reduce((sum, f) => sum + f.count, 0);
      return {
        score: anime.averageRating === null ? null : Math.round(anime.averageRating * 10) / 100,
        raw: anime.averageRating,
        scaleMax: 100,
        votes: anime.ratingFrequencies.length ? votes : null,
        popularity: anime.userCount,
        popularityKind: 'kitsu-users',
        favourites: anime.favoritesCount,
      };
    },
    facts: () => ({
      format: anime.format,
      status: anime.status,
      episodes: anime.episodeCount,
      durationMinutes: anime.episodeLength,
      season: anime.season,
      year: anime.year,
      startDate: anime.startDate,
      endDate: anime.endDate,
      studios: [],
      isAdult: anime.nsfw,
      ids: Object.fromEntries(anime.mappings.filter((m) => m.platform !== Platform.OTHER).map((m) => [m.platform, m.externalId])),
    }),
    pictures: () => {
      const poster = anime.posterImage;
      const pictures = {
        large: poster?.original ?? poster?.large ?? null,
        medium: poster?.medium ?? poster?.small ?? null,
        small: poster?.tiny ?? poster?.small ?? null,
        banner: anime.coverImage?.original ?? anime.coverImage?.large ?? null,
        color: null,
      };
      return Object.values(pictures).some((v) => v !== null) ? pictures : null;
    },
    // Kitsu's media-relationships are a separate include we do not ask for.
    relations: () => null,
  });
}
