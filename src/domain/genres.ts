// One genre/tag vocabulary for every source: MyAnimeList genres, AniList genres and tags, Kitsu
// categories, AniDB tags (through the AOD) and the films catalog's genres spell the same idea
// differently ("Sci-Fi", "Science Fiction", "sci fi"; "Shounen", "Shonen"; "slice-of-life").
// Tags are compared everywhere (filters, similarity, the question parser) in the canonical form
// this module gives, so "sci fi" finds what MAL calls "Sci-Fi" and AniDB "science fiction".

/**
 * Canonical tag → the other spellings sources use for it. Only spellings of one idea (plural,
 * romanisation, hyphenation, a platform's official rename), never related ideas: "cooking" and
 * "food", "school" and "high school" stay distinct tags.
 */
const SPELLINGS: Readonly<Record<string, readonly string[]>> = {
  'sci-fi': ['science fiction', 'scifi'],
  shounen: ['shonen'],
  shoujo: ['shojo'],
  // MAL renamed Shounen Ai / Shoujo Ai to Boys Love / Girls Love in 2020.
  'shounen ai': ['shonen ai', 'boys love', "boys' love"],
  'shoujo ai': ['shojo ai', 'girls love', "girls' love"],
  'slice of life': ['sliceoflife'],
  'mahou shoujo': ['mahou shojo', 'magical girl', 'magical girls'],
  sports: ['sport'],
  historical: ['history'],
  'super power': ['super powers', 'superpower', 'superpowers'],
  'martial arts': ['martial art'],
  // MAL renamed Dementia to Avant Garde in 2020.
  dementia: ['avant garde', 'avant-garde'],
  demons: ['demon'],
  vampire: ['vampires'],
  zombies: ['zombie'],
  aliens: ['alien'],
  robots: ['robot'],
  ghosts: ['ghost'],
  dragons: ['dragon'],
  pirates: ['pirate'],
  cyborgs: ['cyborg'],
  curses: ['curse'],
  monsters: ['monster'],
  detectives: ['detective'],
  'serial killers': ['serial killer'],
  orphans: ['orphan'],
  rivalry: ['rivalries'],
  'gender bender': ['gender bending', 'genderbender'],
  'cross-dressing': ['crossdressing'],
  'anti-hero': ['antihero'],
  'post-apocalyptic': ['post apocalypse', 'post-apocalypse', 'postapocalyptic'],
  'coming of age': ['coming-of-age'],
  'fan service': ['fanservice'],
  'e-sports': ['esports'],
  game: ['games'],
  cars: ['car'],
  kids: ['kid', 'kodomo'],
};

/** Spelling-insensitive key: case, width, hyphens, underscores and spacing do not matter. */
function tagKey(tag: string): string {
  return tag
    .normalize('NFKC')
    .toLowerCase()
    .replace(/[\s_\-‐-―]+/g, ' ')
    .trim();
}

const CANONICAL = new Map<string, string>();
for (const [canonical, variants] of Object.entries(SPELLINGS)) {
  for (const spelling of [canonical, ...variants]) {
    CANONICAL.set(tagKey(spelling), canonical);
    // "sci fi" and "scifi", "slice of life" and "sliceoflife": written with or without spaces.
    CANONICAL.set(tagKey(spelling).replace(/ /g, ''), canonical);
  }
}

/**
 * The canonical (lower-case) form of a genre or tag from any source. Spellings the table does not
 * list still meet each other: hyphens and spaces count the same ("fast-paced" = "fast paced").
 */
export function canonicalTag(tag: string): string {
  const key = tagKey(tag);
  return CANONICAL.get(key) ?? CANONICAL.get(key.replace(/ /g, '')) ?? key;
}

/** Canonical tags of a list, each once, in first-seen order; empty names dropped. */
export function canonicalTags(tags: Iterable<string>): string[] {
  const seen = new Set<string>();
  for (const tag of tags) {
    const canonical = canonicalTag(tag);
    if (canonical) seen.add(canonical);
  }
  return [...seen];
}
