// AniDB's daily titles dump (anime-titles.xml.gz: every title AniDB knows, in every language, per
// AniDB id) as a catalog provider. It only adds names: joined by AniDB id to entries the other
// providers made, it never creates an entry or changes an id, so search finds an anime by its
// English, romaji and Japanese names; an entry without an English title gets AniDB's official
// English one (and shows it, by display-title.ts's rule, when no MyAnimeList or AOD title comes
// first). `npm run catalog:update` fetches the dump (at most once a day, as AniDB asks:
// anidb-titles-download.ts); a snapshot ships in data/ for when it has not.
import { readFile } from 'node:fs/promises';
import { gunzipSync } from 'node:zlib';
import { XMLValidator } from 'fast-xml-parser';
import { stringXmlParser } from '../../text/xml.js';
import { Platform, type AnimeRecord } from '../../domain/index.js';
import { displayTitle } from '../display-title.js';
import { AOD_PROVIDER } from './aod.js';
import { MAL_2016_PROVIDER } from './mal-2016.js';
import { MAX_REPORTED_PROBLEMS, type ProviderReport } from './types.js';

export const ANIDB_TITLES_PROVIDER = 'anidb-titles';
/**
 * The languages whose names are added: the three the API has title fields for (English, romaji,
 * Japanese). The dump's other ~40 languages would add ~20k more names to the 7k entries that join
 * and push a warm start's RSS past issue 21's 400 MB (387–428 MB measured with every language,
 * 363–376 MB with these three; the title search eval's tuning half gained 0.1 point with all).
 */
export const ADDED_LANGUAGES: ReadonlySet<string> = new Set(['en', 'x-jat', 'ja']);
/** Providers whose title display-title.ts puts before an English title. */
const TITLE_BEFORE_ENGLISH = new Set([MAL_2016_PROVIDER, AOD_PROVIDER]);
export const ANIDB_TITLES_LICENCE = 'AniDB titles dump (anidb.net; AniDB API terms)';

export interface AnidbDumpTitle {
  title: string;
  /** x-jat (romaji), ja, en, … */
  language: string | null;
  /** main, official, syn (synonym), short. */
  type: string | null;
}

export class AnidbTitlesError extends Error {}

const parser = stringXmlParser(new Set(['animetitles.anime', 'animetitles.anime.title']));

/** The dump's bytes (gzip or plain XML) → titles per AniDB id. Throws AnidbTitlesError when it is not a titles dump. */
export function parseAnidbTitles(bytes: Buffer): Map<number, AnidbDumpTitle[]> {
  const gzip = bytes[0] === 0x1f && bytes[1] === 0x8b;
  let xml: string;
  try {
    xml = (gzip ? gunzipSync(bytes) : bytes).toString('utf8');
  } catch (error) {
    throw new AnidbTitlesError(`the titles dump is not valid gzip: ${(error as Error).message}`);
  }
  const valid = XMLValidator.validate(xml);
  if (valid !== true) throw new AnidbTitlesError(`the titles dump is not XML (line ${valid.err.line}: ${valid.err.msg})`);
  const root = (parser.parse(xml) as { animetitles?: { anime?: unknown[] } }).animetitles;
  if (!root || typeof root !== 'object') throw new AnidbTitlesError('the file is XML but not an AniDB titles dump (no <animetitles>)');
  const titles = new Map<number, AnidbDumpTitle[]>();
  for (const entry of root.anime ?? []) {
    const anime = entry as { aid?: string; title?: Array<Record<string, string> | string> };
    const aid = Number(anime.aid);
    if (!Number.isInteger(aid) || aid <= 0) continue;
    const list = (anime.title ?? []).flatMap((t): AnidbDumpTitle[] => {
      // AniDB writes every apostrophe as a backtick ("Lord El-Melloi II`s Case Files").
      const text = (typeof t === 'string' ? t : t['#text'])?.trim().replace(/`/g, "'");
      if (!text) return [];
      return [{ title: text, language: typeof t === 'string' ? null : (t['xml:lang'] ?? null), type: typeof t === 'string' ? null : (t['type'] ?? null) }];
    });
    if (list.length) titles.set(aid, list);
  }
  return titles;
}

export async function readAnidbTitles(path: string): Promise<Map<number, AnidbDumpTitle[]>> {
  return parseAnidbTitles(await readFile(path));
}

/**
 * Adds the AniDB titles (in ADDED_LANGUAGES) of an entry's AniDB id to its synonyms (the names
 * search indexes), fills a missing English title, and credits the provider. Returns the
 * provider's report: `loaded` = entries that gained names.
 */
export function applyAnidbTitles(records: AnimeRecord[], titles: Map<number, AnidbDumpTitle[]>): ProviderReport {
  let joined = 0;
  const problems: string[] = [];
  for (const record of records) {
    const ids = record.platformIds.filter((p) => p.platform === Platform.ANIDB).map((p) => Number(p.id));
    const names = ids.flatMap((id) => titles.get(id) ?? []).filter((n) => n.language !== null && ADDED_LANGUAGES.has(n.language));
    if (!names.length) continue;
    const known = new Set([record.title, ...record.synonyms].map((s) => s.toLowerCase()));
    const added = names.map((n) => n.title).filter((t) => !known.has(t.toLowerCase()) && known.add(t.toLowerCase()));
    if (!added.length && record.providers.some((p) => p.provider === ANIDB_TITLES_PROVIDER)) continue;
    record.synonyms = [...record.synonyms, ...added];
    // An entry no other source gave an English title gets AniDB's official English one. Where
    // the display title came after English in display-title.ts's rule (no MyAnimeList or AOD
    // title: a romanisation or the Japanese title), that rule now picks the English title; the
    // name shown before stays a synonym.
    if (!record.titleEnglish) {
      record.titleEnglish = names.find((n) => n.language === 'en' && n.type === 'official')?.title ?? null;
      if (record.titleEnglish && !record.providers.some((p) => TITLE_BEFORE_ENGLISH.has(p.provider))) {
        const shown = record.title;
        record.title = displayTitle({ mal: null, aod: null, english: record.titleEnglish, romaji: null, fallback: shown }, [shown, ...record.synonyms]);
        record.synonyms = [shown, ...record.synonyms].filter((name) => name !== record.title);
      }
    }
    if (!record.providers.some((p) => p.provider === ANIDB_TITLES_PROVIDER)) record.providers = [...record.providers, { provider: ANIDB_TITLES_PROVIDER, licence: ANIDB_TITLES_LICENCE }];
    joined += 1;
  }
  if (titles.size && !joined && problems.length < MAX_REPORTED_PROBLEMS) problems.push('no catalog entry has an AniDB id of the dump');
  return { provider: ANIDB_TITLES_PROVIDER, licence: ANIDB_TITLES_LICENCE, loaded: joined, skipped: 0, problems };
}
