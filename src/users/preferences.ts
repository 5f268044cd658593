// Preferences applied by default: the subgraphs that shape answers (catalog search and titles,
// similarity, schedules, streaming, `ask`) read the signed-in user's preferences from the GraphQL
// context, where the gateway puts a loader next to the Viewer (src/users/context.ts). The loader
// reads the store once per operation, however many fields and subgraph fetches ask (Apollo hands
// each fetch a shallow copy of the context, so the memo lives in the shared closure). A request
// without a user key has no loader: nothing is read and answers are the same for every such caller.
// An explicit argument (a filter, `region`, `timezone`) always beats the preference.
import type { AnimeRecord } from '../domain/index.js';
import { FORWARDED_KEY, VIEWER, viewerOf, type Viewer } from './context.js';
import { TitleLanguage, type Preferences } from './model.js';

export const PREFERENCES = Symbol('users.preferences');

/** What the loader needs of UsersService (the account check, then one read of the preferences). */
export interface PreferenceReader {
  viewer(viewer: Viewer | null): Promise<{ id: string } | null>;
  preferences(account: { id: string }): Promise<Preferences>;
}

export interface PreferencesContext {
  [PREFERENCES]?: () => Promise<Preferences | null>;
}

/**
 * The context property for a request whose key belongs to a user: a loader that reads the
 * preferences on first use and keeps them for the rest of the operation. A closed account, or a
 * key of no user, loads null (nothing applied).
 */
export function preferencesContext(reader: PreferenceReader, viewer: Viewer | null): PreferencesContext {
  if (!viewer?.userId) return {};
  let loaded: Promise<Preferences | null> | null = null;
  return { [PREFERENCES]: () => (loaded ??= reader.viewer(viewer).then((account) => (account ? reader.preferences(account) : null))) };
}

/**
 * Whether answers to this request may depend on who asks: the key belongs to a user. Shared
 * caches (the gateway's response cache, HTTP caches) must not keep or serve such answers.
 */
export function isPersonal(context: unknown): boolean {
  return Boolean(viewerOf(context)?.userId);
}

/**
 * The signed-in user's preferences, loaded once per operation; null (synchronously) when the
 * request carries no user key, so resolvers of anonymous requests stay synchronous.
 */
export function preferencesOf(context: unknown): Promise<Preferences | null> | null {
  if (typeof context !== 'object' || context === null) return null;
  const load = (context as PreferencesContext)[PREFERENCES];
  return load ? load() : null;
}

/**
 * The user-identifying properties of a context, for an operation run on the caller's behalf
 * (`ask` runs its persisted operation through the gateway): the nested operation sees the same
 * user and shares the same preference loader.
 */
export function callerContextOf(context: unknown): Record<symbol, unknown> {
  if (typeof context !== 'object' || context === null) return {};
  const out: Record<symbol, unknown> = {};
  for (const key of [VIEWER, PREFERENCES, FORWARDED_KEY]) if (key in context) out[key] = (context as Record<symbol, unknown>)[key];
  return out;
}

// The catalog has no adult flag of its own; these tags are how its sources mark explicit works
// (the same set as the similarity filter's, src/similarity/filter.ts).
export const ADULT_TAGS: readonly string[] = ['hentai', 'erotica'];

/** The title in the chosen language, else the display title (docs/decisions.md, "Display titles"). */
export function titleIn(record: Pick<AnimeRecord, 'title' | 'titleEnglish' | 'titleRomaji' | 'titleJapanese'>, language: TitleLanguage | null | undefined): string {
  switch (language) {
    case TitleLanguage.ENGLISH:
      return record.titleEnglish || record.title;
    case TitleLanguage.ROMAJI:
      // titleRomaji is often the lower-case search reading of a display title that is already
      // romaji ("kimi no na wa" of "Kimi no Na wa."): the display title's spelling is kept then.
      return !record.titleRomaji || sameLetters(record.titleRomaji, record.title) ? record.title : record.titleRomaji;
    case TitleLanguage.JAPANESE:
      return record.titleJapanese || record.title;
    default:
      return record.title;
  }
}

const letters = (text: string) => text.normalize('NFKC').toLowerCase().replace(/[^\p{L}\p{N}]+/gu, '');
const sameLetters = (a: string, b: string) => letters(a) === letters(b);

/** A tag filter with the preference's exclusions added, unless the filter asks for them by name. */
export interface TagFilter {
  tagsInclude?: string[] | null;
  tagsExclude?: string[] | null;
}

/**
 * The tags a list should leave out for these preferences: adult tags unless `nsfwAllowed`, and
 * the avoided genres when `avoidGenres` (discovery lists; a title search names what it wants).
 * A tag the caller explicitly includes is never excluded: the argument beats the preference.
 */
export function excludedTags(preferences: Preferences | null, options: { avoidGenres: boolean; include?: readonly string[] | null }): string[] {
  if (!preferences) return [];
  const included = new Set((options.include ?? []).map((t) => t.toLowerCase()));
  // Asking for an adult tag by name is asking for adult entries.
  const adultAsked = ADULT_TAGS.some((t) => included.has(t));
  const out = new Set<string>();
  if (!preferences.nsfwAllowed && !adultAsked) for (const tag of ADULT_TAGS) out.add(tag);
  if (options.avoidGenres) for (const tag of preferences.genresAvoided) if (!included.has(tag)) out.add(tag);
  return [...out];
}

/** `filter` with `excludedTags` merged into its tagsExclude (the caller's own exclusions kept). */
export function withPreferredExclusions<F extends TagFilter>(filter: F | null | undefined, excluded: readonly string[]): F | null | undefined {
  if (!excluded.length) return filter;
  const own = filter?.tagsExclude ?? [];
  return { ...(filter ?? ({} as F)), tagsExclude: [...new Set([...own, ...excluded])] };
}
