// Jikan (MyAnimeList) for the harvest: `GET /anime/{id}/full`, one id per request, under the
// subgraph's source description (3/s and 60/min), validated by the subgraph's own payload schema.
import { RelationKind } from '../../domain/index.js';
import type { SourceDefinition, UpstreamKit } from '../../http/index.js';
import { toMalAnime } from '../../../subgraphs/jikan/mapper.js';
import { animeResponse, type JikanAnime } from '../../../subgraphs/jikan/payloads.js';
import type { NormalisedAnswer } from '../fields.js';
import { fetchEach, normaliseClasses, type HarvestSource } from '../source.js';
import { distinctNames, isoDay, nonEmpty, plainSynopsis } from '../text.js';

const RELATION_KINDS: Record<string, RelationKind> = {
  prequel: RelationKind.PREQUEL,
  sequel: RelationKind.SEQUEL,
  'side story': RelationKind.SIDE_STORY,
  'spin-off': RelationKind.SPIN_OFF,
  'alternative version': RelationKind.ALTERNATIVE,
  'alternative setting': RelationKind.ALTERNATIVE,
  summary: RelationKind.SUMMARY,
  'parent story': RelationKind.PARENT,
  'full story': RelationKind.PARENT,
};

export function jikanHarvestSource(kit: UpstreamKit, definition: SourceDefinition): HarvestSource {
  const client = kit.client(definition);
  return {
    name: 'jikan',
    definition,
    batchSize: 1,
    fetch: (ids) =>
      fetchEach(ids, async (id) => {
        const answer = await client.requestWithMeta({ path: `/anime/${encodeURIComponent(id)}/full`, schema: animeResponse, dataClass: 'details' });
        return { fetchedAt: answer.fetchedAt, answer: normaliseJikan(answer.data.data) };
      }),
  };
}

export function normaliseJikan(payload: JikanAnime): NormalisedAnswer {
  const anime = toMalAnime(payload);
  return normaliseClasses({
    titles: () => {
      const romaji = nonEmpty(anime.title);
      const english = nonEmpty(anime.titleEnglish) ?? nonEmpty(anime.titles.find((t) => t.type === 'English')?.title);
      const native = nonEmpty(anime.titleJapanese) ?? nonEmpty(anime.titles.find((t) => t.type === 'Japanese')?.title);
      return { romaji, english, native, synonyms: distinctNames([...anime.titleSynonyms, ...anime.titles.map((t) => t.title)], [romaji, english, native]) };
    },
    synopsis: () => {
      const text = plainSynopsis(anime.synopsis);
      return text ? { text } : null;
    },
    genres: () => {
      const genres = distinctNames([...anime.genres, ...anime.explicitGenres].map((g) => g.name));
      const tags = distinctNames([...anime.themes, ...anime.demographics].map((g) => g.name)).map((name) => ({ name, rank: null, spoiler: false }));
      return genres.length || tags.length ? { genres, tags } : null;
    },
    scores: () => ({
      score: anime.score,
      raw: anime.score,
      scaleMax: 10,
      votes: anime.scoredBy,
      popularity: anime.members,
      popularityKind: 'mal-members',
      favourites: anime.favorites,
    }),
    facts: () => ({
      format: anime.format,
      status: anime.status,
      episodes: anime.episodes,
      durationMinutes: anime.durationSeconds === null ? null : Math.round(anime.durationSeconds / 60),
      season: anime.season,
      year: anime.year ?? yearOf(anime.aired?.from ?? null),
      startDate: isoDay(anime.aired?.from),
      endDate: isoDay(anime.aired?.to),
      studios: anime.studios.map((s) => ({ name: s.name, main: true })),
      isAdult: anime.rating === null ? null : /^Rx\b/.test(anime.rating),
      ids: {},
    }),
    pictures: () => {
      const jpg = anime.images?.jpg;
      const pictures = { large: jpg?.largeImageUrl ?? null, medium: jpg?.imageUrl ?? null, small: jpg?.smallImageUrl ?? null, banner: null, color: null };
      return Object.values(pictures).some((v) => v !== null) ? pictures : null;
    },
    // Only /full carries relations; without them the class says nothing rather than "none".
    relations: () =>
      payload.relations == null
        ? null
        : {
            relations: payload.relations.flatMap((r) =>
              r.entry
                .filter((e) => e.type === 'anime')
                .map((e) => ({ kind: RELATION_KINDS[r.relation.toLowerCase()] ?? RelationKind.OTHER, relationType: r.relation, platform: 'MAL', id: String(e.mal_id), title: e.name, format: null })),
            ),
          },
  });
}

function yearOf(date: string | null): number | null {
  const m = date ? /^(\d{4})/.exec(date) : null;
  return m ? Number(m[1]) : null;
}
