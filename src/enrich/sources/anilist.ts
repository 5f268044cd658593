// AniList for the harvest: up to 50 ids per request (`Page { media(id_in) }`, the subgraph's own
// document and fields) under the subgraph's source description, hence its 30/min budget. The page
// is validated Media by Media, so one unreadable Media fails only its own id.
import { z } from 'zod';
import { AnimeFormat, RelationKind } from '../../domain/index.js';
import { AppError, ErrorCode } from '../../errors/index.js';
import type { SourceDefinition, UpstreamKit } from '../../http/index.js';
import { toAnilistMedia } from '../../../subgraphs/anilist/mapper.js';
import { MAX_PER_PAGE, MEDIA_BATCH_OPERATION, MEDIA_BATCH_QUERY } from '../../../subgraphs/anilist/queries.js';
import { anilistMediaSchema, type AnilistMediaPayload } from '../../../subgraphs/anilist/upstream.js';
import type { NormalisedAnswer } from '../fields.js';
import { normaliseClasses, type EntryAnswer, type HarvestSource } from '../source.js';
import { distinctNames, nonEmpty, plainSynopsis } from '../text.js';

/** The page around the Media: each Media is checked on its own below. */
const pageEnvelope = z.object({
  data: z.object({ Page: z.object({ media: z.array(z.unknown()).nullish() }).nullable() }).nullable(),
  errors: z.array(z.object({ message: z.string() })).nullish(),
});

export function anilistHarvestSource(kit: UpstreamKit, definition: SourceDefinition, now: () => number = Date.now): HarvestSource {
  const client = kit.client(definition);
  return {
    name: 'anilist',
    definition,
    batchSize: MAX_PER_PAGE,
    async fetch(ids) {
      const numeric = [...new Set(ids.map(Number))].sort((a, b) => a - b);
      const answer = await client.requestWithMeta({
        method: 'POST',
        path: '/',
        body: { operationName: MEDIA_BATCH_OPERATION, query: MEDIA_BATCH_QUERY, variables: { ids: numeric, perPage: MAX_PER_PAGE } },
        schema: pageEnvelope,
        dataClass: 'details',
      });
      const { data, errors } = answer.data;
      const messages = (errors ?? []).map((e) => e.message);
      if (!data?.Page) {
        throw new AppError(ErrorCode.SOURCE_BAD_RESPONSE, `AniList answered ${MEDIA_BATCH_OPERATION} without a Page${messages.length ? `: ${messages.join('; ')}` : ''}`, { source: 'anilist' });
      }
      const out = new Map<string, EntryAnswer>();
      // With GraphQL errors beside the data, a missing id may be an error rather than an absence.
      let partial = messages.length > 0;
      for (const raw of data.Page.media ?? []) {
        if (raw === null) {
          partial = true;
          continue;
        }
        const parsed = anilistMediaSchema.safeParse(raw);
        if (parsed.success) {
          out.set(String(parsed.data.id), { outcome: 'ok', fetchedAt: answer.fetchedAt, answer: normaliseAnilist(parsed.data, now) });
          continue;
        }
        const id = (raw as { id?: unknown }).id;
        const issue = parsed.error.issues[0];
        const message = `AniList sent a Media in an unexpected shape${issue ? ` (${issue.path.join('.')}: ${issue.message})` : ''}`;
        if (typeof id === 'number' && Number.isInteger(id)) out.set(String(id), { outcome: 'error', code: ErrorCode.SOURCE_BAD_RESPONSE, message });
        else partial = true;
      }
      for (const id of numeric.map(String)) {
        if (out.has(id)) continue;
        // AniList leaves ids it does not know out of Page.media.
        out.set(id, partial ? { outcome: 'error', code: ErrorCode.SOURCE_BAD_RESPONSE, message: `AniList answered without this Media${messages.length ? `: ${messages.join('; ')}` : ''}` } : { outcome: 'not_found' });
      }
      return out;
    },
  };
}

export function normaliseAnilist(payload: AnilistMediaPayload, now: () => number = Date.now): NormalisedAnswer {
  const media = toAnilistMedia(payload, new Date(now()));
  return normaliseClasses({
    titles: () => {
      const { romaji, english, native } = media.title;
      const titles = { romaji: nonEmpty(romaji), english: nonEmpty(english), native: nonEmpty(native), synonyms: distinctNames(media.synonyms, [romaji, english, native]) };
      // A page that asked only `userPreferred` says nothing about these.
      return titles.romaji || titles.english || titles.native || titles.synonyms.length ? titles : null;
    },
    synopsis: () => {
      const text = plainSynopsis(media.description);
      return text ? { text } : null;
    },
    genres: () =>
      media.genres.length || media.tags.length
        ? { genres: distinctNames(media.genres), tags: media.tags.map((t) => ({ name: t.name, rank: t.rank, spoiler: t.isSpoiler })) }
        : null,
    scores: () => ({
      score: media.score,
      raw: media.averageScore,
      scaleMax: 100,
      votes: media.scoreVotes,
      popularity: media.popularity,
      popularityKind: 'anilist-list-users',
      favourites: media.favourites,
    }),
    facts: () => ({
      format: media.format,
      status: media.status,
      episodes: media.episodes,
      durationMinutes: media.duration,
      season: media.season,
      year: media.seasonYear ?? yearOf(media.startDate),
      startDate: media.startDate,
      endDate: media.endDate,
      studios: media.studios.map((s) => ({ name: s.name, main: s.isMain })),
      isAdult: payload.isAdult ?? null,
      ids: media.idMal ? { MAL: String(media.idMal) } : ({} as Record<string, string>),
    }),
    pictures: () => {
      const cover = media.coverImage;
      const pictures = { large: cover?.extraLarge ?? cover?.large ?? null, medium: cover?.large ?? cover?.medium ?? null, small: cover?.medium ?? null, banner: media.bannerImage, color: cover?.color ?? null };
      return Object.values(pictures).some((v) => v !== null) ? pictures : null;
    },
    // Absent (not asked) is unknown, not "no relations".
    relations: () =>
      payload.relations == null
        ? null
        : {
            relations: media.relations
              .filter((r) => r.anime !== null)
              .map((r) => ({
                kind: r.kind as RelationKind,
                relationType: r.relationType,
                platform: 'ANILIST',
                id: String(r.anilistId),
                title: r.title?.romaji ?? r.title?.english ?? r.title?.native ?? null,
                format: r.format && r.format !== AnimeFormat.UNKNOWN ? r.format : null,
              })),
          },
  });
}

function yearOf(date: string | null): number | null {
  const m = date ? /^(\d{4})/.exec(date) : null;
  return m ? Number(m[1]) : null;
}
