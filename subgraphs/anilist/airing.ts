// `AnilistAiringEpisode.airingAtLocal`: AniList gives the next episode's instant (epoch seconds);
// this renders it as a wall-clock time in a zone, the request's `timezone` or else the signed-in
// user's preferred zone (src/users/preferences.ts), else UTC.
import { Arg, Ctx, FieldResolver, Resolver, Root } from 'type-graphql';
import { preferencesOf } from '../../src/users/preferences.js';
import { formatInZone, parseTimeZone } from '../animeschedule/time.js';
import { AnilistAiringEpisode } from './types.js';

@Resolver(() => AnilistAiringEpisode)
export class AnilistAiringResolver {
  @FieldResolver(() => String, {
    description: 'Air time, ISO 8601 with the offset of `timezone` (e.g. "2026-09-15T00:30:00+09:00"); default: the signed-in user\'s preferred zone, else UTC.',
  })
  async airingAtLocal(
    @Root() episode: AnilistAiringEpisode,
    @Arg('timezone', () => String, { nullable: true, description: 'IANA time zone, e.g. "Asia/Tokyo", "Europe/Berlin".' }) timezone?: string,
    @Ctx() context?: unknown,
  ): Promise<string> {
    const zone = parseTimeZone(timezone ?? (await preferencesOf(context))?.timeZone ?? null);
    return formatInZone(episode.airingAt * 1000, zone);
  }
}
