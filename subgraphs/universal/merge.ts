// The merges of text and facts: synopsis (best available, pin honoured), genres and tags (union
// with the sources of each), episodes and status (newest answer wins, disagreements kept as
// conflicts) and streaming links (one per service). Pure: sources.ts made the inputs uniform.
import { PREFERENCE, SCRAPED, pick, rankSources, type SourceHealth } from './selection.js';
import type { Origin, Pin, SourceFacts, Status } from './sources.js';

export interface Sourced<T> {
  value: T;
  source: Pin;
  fetchedAt: Date | null;
  origin: Origin;
}
export interface SourcedTerm {
  name: string;
  sources: Pin[];
}
export interface Conflict {
  field: string;
  values: Array<{ source: Pin; value: string }>;
  chosen: Pin | null;
}

const sourced = <T>(hit: { facts: SourceFacts; value: T } | null): Sourced<T> | null =>
  hit ? { value: hit.value, source: hit.facts.source, fetchedAt: hit.facts.fetchedAt, origin: hit.facts.origin } : null;

export function mergeSynopsis(facts: readonly SourceFacts[], health: SourceHealth = {}, pin?: Pin | null): Sourced<string> | null {
  return sourced(pick(facts, (f) => f.synopsis, PREFERENCE.synopsis, health, pin));
}

/** "Sci-Fi", "sci fi" and "SciFi" are one term. */
export const termKey = (name: string) => name.normalize('NFKD').toLowerCase().replace(/[^a-z0-9]/g, '');

function union(lists: Array<[Pin, string[]]>, health: SourceHealth): SourcedTerm[] {
  const terms = new Map<string, { name: string; rank: number; sources: Pin[] }>();
  const ranked = rankSources(lists.map(([source]) => ({ source, origin: 'UPSTREAM' as Origin })), PREFERENCE.names, health).map((f) => f.source);
  for (const [source, names] of lists) {
    const rank = ranked.indexOf(source);
    for (const name of names) {
      const key = termKey(name);
      if (!key) continue;
      const term = terms.get(key);
      if (!term) terms.set(key, { name, rank, sources: [source] });
      else {
        if (!term.sources.includes(source)) term.sources.push(source);
        if (rank < term.rank) Object.assign(term, { name, rank });
      }
    }
  }
  const order = (s: Pin) => ranked.indexOf(s);
  // Most widely listed first, then by name: a stable order a client can diff.
  return [...terms.values()]
    .map((t) => ({ name: t.name, sources: t.sources.sort((a, b) => order(a) - order(b)) }))
    .sort((a, b) => b.sources.length - a.sources.length || a.name.localeCompare(b.name));
}

/** Genre keys some live source lists: the catalog's mixed tag list counts as listing those. */
const genreKeys = (facts: readonly SourceFacts[]) => new Set(facts.flatMap((f) => f.genres.map(termKey)));

export function mergeGenres(facts: readonly SourceFacts[], health: SourceHealth = {}): SourcedTerm[] {
  const keys = genreKeys(facts);
  return union(
    facts.map((f) => [f.source, f.source === 'CATALOG' ? f.tags.filter((t) => keys.has(termKey(t))) : f.genres]),
    health,
  );
}

export function mergeTags(facts: readonly SourceFacts[], health: SourceHealth = {}): SourcedTerm[] {
  const keys = genreKeys(facts);
  return union(
    facts.map((f) => [f.source, f.tags.filter((t) => !keys.has(termKey(t)))]),
    health,
  );
}

/** Sources disagree on genres when the live sources that list genres list different sets. */
export function genreConflict(facts: readonly SourceFacts[]): Conflict | null {
  const listing = facts.filter((f) => f.genres.length > 0);
  const sets = listing.map((f) => [...new Set(f.genres.map(termKey))].sort().join(','));
  if (new Set(sets).size <= 1) return null;
  return { field: 'genres', values: listing.map((f) => ({ source: f.source, value: f.genres.join(', ') })), chosen: null };
}

export interface Reconciled {
  episodes: Sourced<number> | null;
  status: Sourced<Status> | null;
  conflicts: Conflict[];
}

const MINUTE = 60_000;

/**
 * The newest answer first (to the minute; the catalog snapshot is oldest), then the preference
 * order; a scraped page only after every other source but the catalog, however recent.
 * Minutes are counted back from the newest answer, not on the clock: two answers fetched a second
 * apart for one request are equally new even when a minute turns between them (counted on the
 * clock, MAL's and AniList's answers to one query swapped places about once a minute of skew).
 */
function newestFirst(facts: readonly SourceFacts[], health: SourceHealth): SourceFacts[] {
  const ranked = rankSources(facts, PREFERENCE.facts, health);
  const tier = (f: SourceFacts) => (f.source === 'CATALOG' ? 2 : SCRAPED.includes(f.source) ? 1 : 0);
  const newest = Math.max(...ranked.map((f) => f.fetchedAt?.getTime() ?? -Infinity));
  const minutesOld = (f: SourceFacts) => (f.fetchedAt ? Math.floor((newest - f.fetchedAt.getTime()) / MINUTE) : Infinity);
  return ranked
    .map((f, i) => ({ f, i }))
    .sort((a, b) => tier(a.f) - tier(b.f) || minutesOld(a.f) - minutesOld(b.f) || a.i - b.i)
    .map(({ f }) => f);
}

function reconcileOne<T extends string | number>(field: string, facts: readonly SourceFacts[], value: (f: SourceFacts) => T | null, health: SourceHealth, pin?: Pin | null) {
  // Without a pin, newestFirst has ranked the candidates; pick with an empty order keeps that order.
  const chosen = sourced(pin ? pick(facts, value, [], health, pin) : pick(newestFirst(facts, health), value, [], {}, null));
  const stated = facts.flatMap((f) => {
    const v = value(f);
    return v === null ? [] : [{ source: f.source, value: String(v) }];
  });
  const conflict: Conflict | null = new Set(stated.map((s) => s.value)).size > 1 ? { field, values: stated, chosen: chosen?.source ?? null } : null;
  return { chosen, conflict };
}

/** Episodes and status: the pinned source's, or the newest answer's; every disagreement becomes a conflict. */
export function reconcile(facts: readonly SourceFacts[], health: SourceHealth = {}, pin?: Pin | null): Reconciled {
  const episodes = reconcileOne('episodes', facts, (f) => f.episodes, health, pin);
  const status = reconcileOne('status', facts, (f) => f.status, health, pin);
  return {
    episodes: episodes.chosen,
    status: status.chosen as Sourced<Status> | null,
    conflicts: [episodes.conflict, status.conflict].filter((c): c is Conflict => c !== null),
  };
}

export interface MergedStreamingLink {
  service: string;
  url: string | null;
  regions: string[];
  sources: Pin[];
}

// Sources spell services differently ("Tubi TV" / "Tubi", "Amazon Prime Video" / "Prime Video").
const SERVICE_ALIASES: Record<string, string> = { amazonprimevideo: 'amazon', primevideo: 'amazon', amazonvideo: 'amazon', tubitv: 'tubi', hidivetv: 'hidive' };
export const serviceKey = (name: string) => {
  const key = termKey(name);
  return SERVICE_ALIASES[key] ?? key;
};

/** One entry per service; `region` keeps offers for that ISO code or without region data. */
export function mergeStreaming(facts: readonly SourceFacts[], region?: string | null, health: SourceHealth = {}, pin?: Pin | null): MergedStreamingLink[] {
  const code = region?.toUpperCase();
  const ranked = pin ? facts.filter((f) => f.source === pin) : rankSources(facts, PREFERENCE.streaming, health);
  // The catalog names services by bangumi-data site id ("netflix"): the display name comes from
  // the names order (the live sources write "Netflix"), the link from the streaming order.
  const nameRank = (pinOf: Pin) => PREFERENCE.names.indexOf(pinOf);
  const links = new Map<string, MergedStreamingLink & { nameRank: number }>();
  for (const f of ranked) {
    for (const s of f.streaming) {
      if (code && s.regions.length > 0 && !s.regions.map((r) => r.toUpperCase()).includes(code)) continue;
      const key = serviceKey(s.service);
      const link = links.get(key);
      if (!link) links.set(key, { service: s.service, url: s.url, regions: [...s.regions], sources: [f.source], nameRank: nameRank(f.source) });
      else {
        if (!link.sources.includes(f.source)) link.sources.push(f.source);
        if (nameRank(f.source) < link.nameRank) Object.assign(link, { service: s.service, nameRank: nameRank(f.source) });
        link.url ??= s.url;
        for (const r of s.regions) if (!link.regions.includes(r)) link.regions.push(r);
      }
    }
  }
  return [...links.values()].map(({ nameRank: _, ...link }) => link);
}
