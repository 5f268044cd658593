// AniDB's daily titles dump (anime-titles.xml.gz: every title AniDB knows, in every language, per
// AniDB id) as a catalog provider. It only adds names: mergeRecords joins it by AniDB id to the
// entries the other providers made (it never creates an entry or changes an id), so search finds
// an anime by its English, romaji and Japanese names, and an entry without an English title gets
// AniDB's official English one, which display-title.ts's rule then weighs like any other.
// `npm run catalog:update` fetches the dump (at most once a day, as AniDB asks:
// anidb-titles-download.ts); a snapshot ships in data/ for when it has not.
import { readFile } from 'node:fs/promises';
import { gunzipSync } from 'node:zlib';
import { XMLValidator } from 'fast-xml-parser';
import { stringXmlParser } from '../../text/xml.js';
import { Platform, type PlatformId } from '../../domain/index.js';
import type { JoinedNames } from '../merge.js';
import type { ProviderReport } from './types.js';

export const ANIDB_TITLES_PROVIDER = 'anidb-titles';
/**
 * The languages whose names are added: the three the API has title fields for (English, romaji,
 * Japanese). The dump's other ~40 languages would add ~20k more names to the 7k entries that join
 * and push a warm start's RSS past issue 21's 400 MB (387–428 MB measured with every language,
 * 363–376 MB with these three; the title search eval's tuning half gained 0.1 point with all).
 */
export const ADDED_LANGUAGES: ReadonlySet<string> = new Set(['en', 'x-jat', 'ja']);
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

export interface AnidbNameSource {
  /** For mergeRecords' `namesOf`: the names of an entry's AniDB ids, or null. */
  namesOf(platformIds: readonly PlatformId[]): JoinedNames | null;
  /** The provider's report after the merge: `loaded` = entries that were given names. */
  report(): ProviderReport;
}

/** The dump as a names-only merge source: names in ADDED_LANGUAGES, the official English title. */
export function anidbNameSource(titles: Map<number, AnidbDumpTitle[]>): AnidbNameSource {
  let joined = 0;
  return {
    namesOf(platformIds) {
      const names = platformIds
        .filter((p) => p.platform === Platform.ANIDB)
        .flatMap((p) => titles.get(Number(p.id)) ?? [])
        .filter((n) => n.language !== null && ADDED_LANGUAGES.has(n.language));
      if (!names.length) return null;
      joined += 1;
      return {
        provider: ANIDB_TITLES_PROVIDER,
        licence: ANIDB_TITLES_LICENCE,
        english: names.find((n) => n.language === 'en' && n.type === 'official')?.title ?? null,
        // AniDB's main title is its romaji ("Saikyou Onmyouji no Isekai Tenseiki", where kuromoji
        // reads 陰陽師 "inyoushi").
        romaji: names.find((n) => n.language === 'x-jat' && n.type === 'main')?.title ?? null,
        names: names.map((n) => n.title),
      };
    },
    report() {
      const problems = titles.size && !joined ? ['no catalog entry has an AniDB id of the dump'] : [];
      return { provider: ANIDB_TITLES_PROVIDER, licence: ANIDB_TITLES_LICENCE, loaded: joined, skipped: 0, problems };
    },
  };
}
