// Which episodes of the watched anime have aired: AniList's `nextAiringEpisode` for every watched
// anime with an AniList id (one batched call per 50 anime, through AnilistApi.mediaMany) and
// AnimeSchedule's timetable of the UTC weeks around now (one call per week, shared by every user),
// both through the upstream kit, so the sources' rate limits, caches and breakers apply. Nothing
// here knows users: the checker asks once for the union of everyone's watched anime.
import type { Config } from '../../config/index.js';
import type { AnimeRecord } from '../../domain/index.js';
import { Platform } from '../../domain/index.js';
import type { UpstreamKit } from '../../http/types.js';
import { titleKey } from '../../catalog/search/normalize.js';
import { AnilistApi, anilistSource } from '../../../subgraphs/anilist/client.js';
import { AnimeScheduleApi } from '../../../subgraphs/animeschedule/client.js';
import { entriesWithin, toScheduleEntry } from '../../../subgraphs/animeschedule/mapper.js';
import { utcWeeksCovering } from '../../../subgraphs/animeschedule/time.js';
import { AppError, ErrorCode } from '../../errors/index.js';

export type AiringSource = 'anilist' | 'animeschedule';

export interface AiredEpisode {
  animeId: string;
  episode: number;
  /** Epoch ms. */
  airedAt: number;
  source: AiringSource;
}

export interface SourceOutcome {
  source: AiringSource;
  ok: boolean;
  /** Why the source was skipped or failed (no ids, no personal data). */
  reason?: string;
}

/** How far back an aired episode still alerts (a check missed by a restart is caught up). */
export const AIRED_LOOKBACK_MS = 2 * 24 * 3600_000;

const anilistIdOf = (record: AnimeRecord): number | null => {
  const id = record.platformIds.find((p) => p.platform === Platform.ANILIST)?.id;
  return id && /^\d+$/.test(id) ? Number(id) : null;
};

/** The names a timetable entry may carry for a record: every title and synonym, normalised. */
function keysOf(record: AnimeRecord): Set<string> {
  const names = [record.title, record.titleEnglish, record.titleRomaji, record.titleJapanese, ...record.synonyms];
  return new Set(names.filter((n): n is string => Boolean(n)).map(titleKey).filter((k) => k.length >= 4));
}

export class AiringSources {
  private readonly anilist: AnilistApi;
  private readonly schedule: AnimeScheduleApi | null;
  /**
   * AniList's last announced next episode per anime (episode, epoch ms). When a later check sees
   * AniList moved on, the remembered one aired at its announced time. In memory: after a restart
   * the timetable (which lists past episodes of the week) still catches what aired meanwhile.
   */
  private readonly announced = new Map<string, { episode: number; airingAt: number }>();

  constructor(
    kit: UpstreamKit,
    private readonly config: Config,
  ) {
    this.anilist = new AnilistApi(kit.client(anilistSource(config)));
    this.schedule = config.ANIMESCHEDULE_TOKEN ? new AnimeScheduleApi(kit, config) : null;
  }

  /** Episodes of `records` that aired in (now - AIRED_LOOKBACK_MS, now], from both sources. */
  async aired(records: readonly AnimeRecord[], now: number): Promise<{ episodes: AiredEpisode[]; outcomes: SourceOutcome[] }> {
    const since = now - AIRED_LOOKBACK_MS;
    const [anilist, schedule] = await Promise.all([this.fromAnilist(records, since, now), this.fromSchedule(records, since, now)]);
    return { episodes: [...anilist.episodes, ...schedule.episodes], outcomes: [anilist.outcome, schedule.outcome] };
  }

  private async fromAnilist(records: readonly AnimeRecord[], since: number, now: number): Promise<{ episodes: AiredEpisode[]; outcome: SourceOutcome }> {
    const byAnilist = new Map<number, AnimeRecord>();
    for (const record of records) {
      const id = anilistIdOf(record);
      if (id !== null) byAnilist.set(id, record);
    }
    if (!byAnilist.size) return { episodes: [], outcome: { source: 'anilist', ok: true } };
    let media;
    try {
      media = await this.anilist.mediaMany([...byAnilist.keys()]);
    } catch (error) {
      return { episodes: [], outcome: { source: 'anilist', ok: false, reason: reasonOf(error) } };
    }
    const episodes: AiredEpisode[] = [];
    const aired = (animeId: string, episode: number, airingAt: number) => {
      if (airingAt > since && airingAt <= now) episodes.push({ animeId, episode, airedAt: airingAt, source: 'anilist' });
    };
    for (const [id, record] of byAnilist) {
      const next = media.get(id)?.nextAiringEpisode;
      const upcoming = next && typeof next.episode === 'number' && typeof next.airingAt === 'number' ? { episode: next.episode, airingAt: next.airingAt * 1000 } : null;
      const before = this.announced.get(record.id);
      // AniList moved past the episode it announced: that one aired when announced.
      if (before && before.airingAt <= now && (!upcoming || upcoming.episode > before.episode)) aired(record.id, before.episode, before.airingAt);
      // AniList (or our cache of it) still announces an episode whose time has come: it aired.
      if (upcoming && upcoming.airingAt <= now) aired(record.id, upcoming.episode, upcoming.airingAt);
      if (upcoming && upcoming.airingAt > now) this.announced.set(record.id, upcoming);
      else this.announced.delete(record.id);
    }
    return { episodes, outcome: { source: 'anilist', ok: true } };
  }

  private async fromSchedule(records: readonly AnimeRecord[], since: number, now: number): Promise<{ episodes: AiredEpisode[]; outcome: SourceOutcome }> {
    if (!this.schedule) return { episodes: [], outcome: { source: 'animeschedule', ok: false, reason: 'ANIMESCHEDULE_TOKEN is not set' } };
    if (!records.length) return { episodes: [], outcome: { source: 'animeschedule', ok: true } };
    // Names → the one watched record they name; a name two watched records share links neither.
    const byKey = new Map<string, AnimeRecord | null>();
    for (const record of records) {
      for (const key of keysOf(record)) byKey.set(key, byKey.has(key) && byKey.get(key) !== record ? null : record);
    }
    const weeks = utcWeeksCovering({ start: since, end: now + 1 });
    let pages;
    try {
      pages = await Promise.all(
        weeks.map((w) =>
          this.schedule!.fetchTimetable(this.config.ALERTS_AIR_TYPE, w.year, w.week).catch((error: unknown) => {
            // A week AnimeSchedule has no timetable for is empty, not a failure.
            if (error instanceof AppError && error.code === ErrorCode.NOT_FOUND) return [];
            throw error;
          }),
        ),
      );
    } catch (error) {
      return { episodes: [], outcome: { source: 'animeschedule', ok: false, reason: reasonOf(error) } };
    }
    const entries = entriesWithin(
      pages.flat().flatMap((entry) => toScheduleEntry(entry, 'UTC') ?? []),
      since + 1,
      now + 1,
    );
    const episodes: AiredEpisode[] = [];
    for (const entry of entries) {
      // A delayed episode did not air at its slot: a late alert is better than a wrong one.
      if (entry.airingStatus?.startsWith('delayed')) continue;
      const names = [entry.nativeTitle, entry.romajiTitle, entry.englishTitle, entry.title].filter((n): n is string => Boolean(n)).map(titleKey);
      const matched = new Set(names.map((k) => byKey.get(k)).filter((r): r is AnimeRecord => Boolean(r)));
      if (matched.size !== 1) continue;
      const [record] = matched;
      episodes.push({ animeId: record!.id, episode: entry.episodeNumber, airedAt: entry.airsAtMs, source: 'animeschedule' });
    }
    return { episodes, outcome: { source: 'animeschedule', ok: true } };
  }
}

function reasonOf(error: unknown): string {
  if (error instanceof AppError) return `${error.code}: ${error.message}`;
  return error instanceof Error ? error.message : String(error);
}
