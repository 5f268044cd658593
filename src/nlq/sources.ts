// Questions that name one data platform ("what does Kitsu say about X", "AniList score of X",
// "X on Anime-Planet"). A platform with a subgraph pins the merged fields to it (`source:`); one
// without is said to be unavailable, so its name never quietly stands for another source's answer.
import { Platform } from '../domain/index.js';
import { PLATFORMS } from './lexicon.js';

/** Platforms a subgraph reads, as the `SourcePin` enum of the universal fields names them. */
const PINNABLE = new Set<Platform>([Platform.MAL, Platform.ANILIST, Platform.KITSU, Platform.ANIDB, Platform.ANN, Platform.ANIME_PLANET, Platform.LIVECHART, Platform.ANISEARCH]);

/**
 * The `GetAnimeFromSource` flag that reads a platform now. These sources join the merged fields
 * only with what is cached, so a pin without its flag would often answer null.
 */
export const READ_NOW_FLAG: Partial<Record<Platform, string>> = {
  [Platform.ANIDB]: 'withAnidb',
  [Platform.ANN]: 'withAnn',
  [Platform.ANIME_PLANET]: 'withAnimePlanet',
  [Platform.LIVECHART]: 'withLivechart',
  [Platform.ANISEARCH]: 'withAnisearch',
};

/** `CompareRatings` reads the three scraped sites with one flag. */
export const COMPARE_FLAG: Partial<Record<Platform, string>> = {
  [Platform.ANIDB]: 'withAnidb',
  [Platform.ANN]: 'withAnn',
  [Platform.ANIME_PLANET]: 'withScraped',
  [Platform.LIVECHART]: 'withScraped',
  [Platform.ANISEARCH]: 'withScraped',
};

/** Each platform's own rating scale, as its subgraph reports it (README, the sources' sections). */
export const RATING_SCALE: Partial<Record<Platform, string>> = {
  [Platform.MAL]: '1–10',
  [Platform.ANILIST]: '0–100',
  [Platform.KITSU]: '0–100',
  [Platform.ANIDB]: '1–10',
  [Platform.ANN]: '0–10',
  [Platform.ANIME_PLANET]: '0.5–5 stars',
  [Platform.LIVECHART]: '1–10',
  [Platform.ANISEARCH]: '0.1–5',
};

const NAMES: Partial<Record<Platform, string>> = {
  [Platform.MAL]: 'MyAnimeList',
  [Platform.ANILIST]: 'AniList',
  [Platform.KITSU]: 'Kitsu',
  [Platform.ANIDB]: 'AniDB',
  [Platform.ANN]: 'Anime News Network',
  [Platform.ANIME_PLANET]: 'Anime-Planet',
  [Platform.LIVECHART]: 'LiveChart',
  [Platform.ANISEARCH]: 'aniSearch',
  [Platform.SIMKL]: 'Simkl',
  [Platform.NOTIFY_MOE]: 'notify.moe',
  [Platform.BANGUMI]: 'Bangumi',
  [Platform.ANNICT]: 'Annict',
};

export const platformName = (platform: Platform): string => NAMES[platform] ?? platform;

export const isPinnable = (platform: Platform): boolean => PINNABLE.has(platform);

/** Words of the platforms' names, which are never an anime's short form ("AniDB", "Anime-Planet"). */
export const PLATFORM_WORDS = new Set('myanimelist mal anilist kitsu anidb ann planet livechart anisearch simkl notify bangumi annict'.split(' '));

const NAMED = new RegExp(`\\b(${PLATFORMS.map(([words]) => words).join('|')})\\b`, 'g');

/** Every platform the text names, in order, each once. */
export function platformsNamed(text: string): Platform[] {
  const found: Platform[] = [];
  for (const m of text.matchAll(NAMED)) {
    const platform = PLATFORMS.find(([words]) => new RegExp(`^(?:${words})$`).test(m[1]!))?.[1];
    if (platform && !found.includes(platform)) found.push(platform);
  }
  return found;
}

/** "across all sites", "every platform": each source, those read only on a flag included. */
export const EVERY_PLATFORM = /\b(?:all|every|each) (?:the )?(?:platforms?|sites?|databases?|sources?)\b|\beverywhere\b/;

/** Words asking for several platforms side by side rather than one platform's view. */
const COMPARING = /\b(?:vs|versus|compare\w*|comparison|across|between|higher|lower|everywhere|every platform|all (?:the )?(?:platforms|sites)|differ\w*)\b/;

/** The one platform to pin, when exactly one is named and no comparison is asked. */
export function pinnedPlatform(text: string, named: Platform | undefined): Platform | undefined {
  if (!named || COMPARING.test(text)) return undefined;
  return platformsNamed(text).length <= 1 ? named : undefined;
}

/** What the answer says when the platform named has no subgraph. */
export function unavailableNotice(platform: Platform, answeredFrom: string): string {
  const name = platformName(platform);
  return `${name} is not available yet: no subgraph reads ${name}, so nothing here comes from it; the answer is ${answeredFrom} instead.`;
}
