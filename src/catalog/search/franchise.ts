// Franchises for title search: which entries belong together (relations, shared names, names that
// start like the head of another's name) and, for a query naming a season, part or film, which
// entry of the franchise it means: by the seasons entries declare, else by release order. The
// title index decides how well a name matches; this module only knows franchises and seasons.
import { AnimeFormat, type AnimeRecord, type RelationKind } from '../../domain/index.js';
import { terms } from './normalize.js';
import type { RecordProfile } from './priors.js';
import type { IndexedRecord } from './title-index.js';
import { parseSequelQuery, type SequelMarker } from './sequel.js';

/** A link of the catalog's relation graph, as `Catalog.related` gives it. */
export interface TitleLink {
  anime: AnimeRecord;
  kind: RelationKind;
}

/** What the franchise graph needs from the title index's name keys. */
export interface FranchiseNames {
  /** Entries with a name whose compact key starts with this key (none for a key shorter than minLength, default 4). */
  startingWith(key: string, minLength?: number): Iterable<number>;
  /** Entries sharing an exact name with this one (none when the name is too generic). */
  twinsOf(index: number): number[];
}

/** The entry a season query means, and whether an entry declares that season or release order chose it. */
export interface SequelPick {
  index: number;
  declared: boolean;
}

/** A component as large as a whole shared universe says nothing about one franchise. */
const MAX_FRANCHISE = 300;
/** Shortest head (compact characters) that can stand for a franchise. */
const MIN_HEAD = 4;
/** Shortest head that ties entries whose heads are equal. */
const MIN_SHORT_HEAD = 2;
/**
 * Names starting with a short head that are read for their heads (in key order, so a sequel's
 * "mix2season…" comes before "mixed…"); bounds the cost of a common prefix.
 */
const MAX_SHORT_HEAD_HITS = 100;
// Where a subtitle starts: the head of "Kaguya-sama: Love Is War" is "Kaguya-sama", of
// "かぐや様は告らせたい-ウルトラロマンティック-" is "かぐや様は告らせたい".
export const SUBTITLE = /\s*(?:[:：~～〜(（「『【［[|!！?？]|\s[-–—―]|[-–—―]\s|(?<=\p{Script=Han}|\p{Script=Hiragana}|\p{Script=Katakana})[-–—―])/u;
/** Entries of a franchise in the order its first entry is looked for: TV and web series, then short ones. */
const SERIES_RANK: Partial<Record<AnimeFormat, number>> = { [AnimeFormat.TV]: 0, [AnimeFormat.ONA]: 0, [AnimeFormat.TV_SHORT]: 1 };

export function mainNames(record: Pick<AnimeRecord, 'title' | 'titleEnglish' | 'titleRomaji' | 'titleJapanese'>): string[] {
  return [record.title, record.titleEnglish, record.titleRomaji, record.titleJapanese].filter((n): n is string => Boolean(n));
}

/** Compact key of a text: its bigrams then its words, run together. */
export function compactKey(text: string): string {
  const { words, grams } = terms(text);
  return [...grams, ...words].join('');
}

export class Franchises {
  /** Connected part of the relation graph of each entry (-1: no relations). */
  private readonly component: Int32Array;
  private readonly componentMembers = new Map<number, number[]>();

  constructor(
    private readonly records: readonly IndexedRecord[],
    links: (record: IndexedRecord) => readonly TitleLink[],
    private readonly profiles: readonly RecordProfile[],
    private readonly names: FranchiseNames,
  ) {
    this.component = this.linkComponents(links);
  }

  /**
   * Entries of the same franchise as this one: linked by relations, sharing a name, or with a name
   * that starts like the head of one of its main names ("Kaguya-sama", "かぐや様は告らせたい").
   */
  familyOf(index: number): number[] {
    const family = new Set<number>([index]);
    for (const { key, whole } of this.headsOf(index, MIN_SHORT_HEAD)) {
      if (key.length >= MIN_HEAD) {
        for (const hit of this.names.startingWith(key)) family.add(hit);
        continue;
      }
      // A name too short to stand for a franchise on its own ("MIX") only ties entries whose heads
      // are that very name ("MIX 2nd SEASON ～二度目の夏～"), and only when it is a whole name: the
      // "Re" of "Re:Zero" is no name, and "Re:Creators" no season of it.
      if (!whole) continue;
      let looked = 0;
      for (const hit of this.names.startingWith(key, MIN_SHORT_HEAD)) {
        if (++looked > MAX_SHORT_HEAD_HITS) break;
        if (this.headsOf(hit, MIN_SHORT_HEAD).some((head) => head.key === key)) family.add(hit);
      }
    }
    for (const twin of this.names.twinsOf(index)) family.add(twin);
    const component = this.component[index]!;
    if (component >= 0) for (const member of this.componentMembers.get(component) ?? []) family.add(member);
    return [...family];
  }

  /** The compact keys of the heads of an entry's main names, without season or film markers. */
  headsOf(index: number, minLength = MIN_HEAD): Array<{ key: string; whole: boolean }> {
    const heads: Array<{ key: string; whole: boolean }> = [];
    for (const name of mainNames(this.records[index]!)) {
      const head = name.split(SUBTITLE)[0]!;
      const base = parseSequelQuery(head)?.base ?? head;
      const key = compactKey(base);
      if (key.length >= minLength) heads.push({ key, whole: key === compactKey(name) });
    }
    return heads;
  }

  /** Whether `a` is likelier than `b` to be where a franchise starts: not a recap, a series, earlier. */
  startsBefore(a: number, b: number): boolean {
    const pa = this.profiles[a]!;
    const pb = this.profiles[b]!;
    if (pa.recap !== pb.recap) return !pa.recap;
    const fa = SERIES_RANK[this.records[a]!.format] ?? 3;
    const fb = SERIES_RANK[this.records[b]!.format] ?? 3;
    if (fa !== fb) return fa < fb;
    return pa.date !== pb.date ? pa.date < pb.date : a < b;
  }

  /**
   * The entry of `top`'s franchise that a season, part or film marker names. `named` holds the
   * entries whose own names matched the base of the query: they come first, since the family of
   * "Love Live! Sunshine!!" also holds "Love Live! School Idol Project 2nd Season".
   */
  pickSequel(top: number, marker: SequelMarker, named: ReadonlySet<number>, wholeBase = -1): SequelPick | null {
    const family = this.familyOf(top);
    const profiles = this.profiles;
    const rank = (i: number) => (named.has(i) ? 0 : 1);
    const byDate = (a: number, b: number) => rank(a) - rank(b) || profiles[a]!.date - profiles[b]!.date || a - b;
    const pick = (declared: boolean) => (index: number | undefined) => (index === undefined ? null : { index, declared });
    const atDeclared = pick(true);
    const atOrdinal = pick(false);
    const laterPart = (i: number) => profiles[i]!.declared.parts.some((p) => p >= 2);
    const choosePart = (list: number[]) =>
      marker.part !== undefined ? list.find((i) => profiles[i]!.declared.parts.includes(marker.part!)) : (list.find((i) => !laterPart(i)) ?? list[0]);
    const series = family.filter((i) => profiles[i]!.tvLike && !profiles[i]!.recap).sort(byDate);

    if (marker.movie !== undefined && marker.season === undefined) {
      const films = family.filter((i) => this.records[i]!.format === AnimeFormat.MOVIE && !profiles[i]!.recap).sort(byDate);
      return atOrdinal(films[marker.movie - 1]);
    }
    // A number after the name of a film or a special counts the franchise's entries of that format
    // ("Mobile Suit Gundam 0083: Stardust Memory - Mayfly of Space 2" is the second special).
    if (marker.bare && marker.season !== undefined && !profiles[top]!.tvLike) {
      const format = this.records[top]!.format;
      const same = family.filter((i) => this.records[i]!.format === format && !profiles[i]!.recap).sort(byDate);
      return atOrdinal(same[marker.season - 1]);
    }
    if (marker.final) {
      const finals = series.filter((i) => profiles[i]!.declared.final);
      return finals.length ? atDeclared(choosePart(finals)) : atOrdinal(series.at(-1));
    }
    const firstSeries = () => series.find((i) => !profiles[i]!.declared.seasons.some((s) => s >= 2) && !laterPart(i));
    // The n-th of the entries (the base's own first, when it is where they start), those named by
    // the base before the rest of the family.
    const nth = (entries: number[], n: number) => {
      const named = entries.filter((i) => rank(i) === 0);
      return atOrdinal((named.length >= n ? named : entries.sort((a, b) => profiles[a]!.date - profiles[b]!.date))[n - 1]);
    };
    if (marker.season !== undefined) {
      const season = marker.season;
      // `wholeBase` is the entry the base is the whole name of: "X season 2" is the season after
      // X, even where X declares a second season of something else ("Shin Tennis no Ouji-sama" is
      // The Prince of Tennis II; its own season 2 is U-17 World Cup).
      // X is itself a later season of its franchise ("Sword Art Online Alicization" is SAO's third):
      // its season n is the n-th series from it in release order, whatever other entries declare
      // in the franchise's own count (War of Underworld's "2nd Season" is its own second cour).
      if (wholeBase >= 0 && season >= 2 && profiles[wholeBase]!.tvLike && profiles[wholeBase]!.declared.seasons.some((s) => s >= 2)) {
        return nth(series.filter((i) => !laterPart(i) && profiles[i]!.date >= profiles[wholeBase]!.date), season);
      }
      const declaring = series.filter((i) => profiles[i]!.declared.seasons.includes(season) && !(i === wholeBase && season >= 2));
      if (declaring.length) return atDeclared(choosePart(declaring));
      if (season === 1) return atOrdinal(firstSeries());
      // Release order counts seasons, not the second halves of split ones, and starts at the base's
      // own entry when that is a first season: what shares a one-word head may be older and
      // unrelated ("Bakumatsu Rock" is not an earlier season of "Bakumatsu").
      const firstSeason = profiles[top]!.tvLike && !profiles[top]!.declared.seasons.some((s) => s >= 2) && !laterPart(top);
      return nth(series.filter((i) => !laterPart(i) && (!firstSeason || profiles[i]!.date >= profiles[top]!.date)), season);
    }
    if (marker.part !== undefined) {
      const part = marker.part;
      const declaring = series.find((i) => profiles[i]!.declared.parts.includes(part));
      if (declaring !== undefined) return atOrdinal(declaring);
      // No entry says "part N": part 1 is where the series starts ("JoJo Part 1"), a later part the
      // series released that many after the base's own ("War of Underworld Part II": its second cour).
      if (part === 1) return atOrdinal(firstSeries());
      if (!profiles[top]!.tvLike) return null;
      return nth(series.filter((i) => profiles[i]!.date >= profiles[top]!.date), part);
    }
    return null;
  }

  private linkComponents(links: (record: IndexedRecord) => readonly TitleLink[]): Int32Array {
    const records = this.records;
    const position = new Map<IndexedRecord, number>(records.map((r, i) => [r, i]));
    const parent = Int32Array.from(records, (_, i) => i);
    const root = (i: number): number => {
      while (parent[i] !== i) i = parent[i] = parent[parent[i]!]!;
      return i;
    };
    const linked = new Uint8Array(records.length);
    records.forEach((record, i) => {
      for (const { anime } of links(record)) {
        const j = position.get(anime);
        if (j === undefined) continue;
        linked[i] = linked[j] = 1;
        parent[root(i)] = root(j);
      }
    });
    const component = new Int32Array(records.length).fill(-1);
    for (let i = 0; i < records.length; i += 1) {
      if (!linked[i]) continue;
      const r = root(i);
      component[i] = r;
      const members = this.componentMembers.get(r);
      if (members) members.push(i);
      else this.componentMembers.set(r, [i]);
    }
    for (const [r, members] of this.componentMembers) if (members.length > MAX_FRANCHISE) this.componentMembers.delete(r);
    return component;
  }
}
