// The words the parser knows: genres and tags, formats, data platforms, streaming services,
// regions and time zones, each with the value the operations take.
import { AnimeFormat, canonicalTag, Platform } from '../domain/index.js';

/** Phrase (regex source) → catalog tag. */
const GENRE_PHRASES: ReadonlyArray<[string, string]> = [
  ['action', 'action'],
  ['adventures?', 'adventure'],
  ['comed(?:y|ies)|funny|comedic', 'comedy'],
  ['dramas?|dramatic', 'drama'],
  ['fantasy', 'fantasy'],
  ['horror|scary', 'horror'],
  ['myster(?:y|ies)', 'mystery'],
  ['romance|romantic|love stor(?:y|ies)', 'romance'],
  ['sci[- ]?fi|science fiction', 'sci-fi'],
  ['isekai|another world', 'isekai'],
  ['mecha|giant robots?', 'mecha'],
  ['slice[- ]of[- ]life', 'slice of life'],
  ['sports?', 'sports'],
  ['psychological', 'psychological'],
  ['thrillers?', 'thriller'],
  ['supernatural', 'supernatural'],
  ['historical|history', 'historical'],
  ['military|war', 'military'],
  ['magic(?:al)?', 'magic'],
  ['magical girls?|mahou shoujo', 'mahou shoujo'],
  ['music(?:al)?|idols?', 'music'],
  ['school(?:[- ]life)?|high ?school', 'school'],
  ['space(?: operas?)?', 'space'],
  ['samurai', 'samurai'],
  ['vampires?', 'vampire'],
  ['zombies?', 'zombies'],
  ['crime|detectives?', 'crime'],
  ['shounen|shonen', 'shounen'],
  ['shoujo|shojo', 'shoujo'],
  ['seinen', 'seinen'],
  ['josei', 'josei'],
  ['iyashikei|healing|cozy|comfy', 'iyashikei'],
  ['cyberpunk', 'cyberpunk'],
  ['post[- ]apocalyptic', 'post-apocalyptic'],
  ['time travel', 'time travel'],
  ['cooking|food', 'food'],
  ['martial arts', 'martial arts'],
  ['harem', 'harem'],
  ['kids|children', 'kids'],
  ['super ?powers?', 'super power'],
  ['dark fantasy', 'dark fantasy'],
];

/** The genre phrases with their tags in the catalog's one tag vocabulary (domain/genres.ts). */
export const GENRES: ReadonlyArray<[string, string]> = GENRE_PHRASES.map(([phrase, tag]): [string, string] => [phrase, canonicalTag(tag)]);

/** Phrase → format; plural and singular. */
export const FORMATS: ReadonlyArray<[string, AnimeFormat]> = [
  ['movies?|films?|feature films?', AnimeFormat.MOVIE],
  ['ovas?|oavs?|oads?', AnimeFormat.OVA],
  ['onas?|web series', AnimeFormat.ONA],
  ['tv (?:shows?|series|anime)|tv|television series', AnimeFormat.TV],
  ['specials?', AnimeFormat.SPECIAL],
  ['shorts?|short series', AnimeFormat.TV_SHORT],
  ['music videos?', AnimeFormat.MUSIC],
];

/** Data platforms (where ratings and ids come from), not streaming services. */
export const PLATFORMS: ReadonlyArray<[string, Platform]> = [
  ['myanimelist|my anime list|mal', Platform.MAL],
  ['anilist|ani list', Platform.ANILIST],
  ['kitsu', Platform.KITSU],
  ['anidb', Platform.ANIDB],
  ['anime news network|ann', Platform.ANN],
  ['anime[- ]?planet', Platform.ANIME_PLANET],
  ['livechart', Platform.LIVECHART],
  ['anisearch', Platform.ANISEARCH],
  ['simkl', Platform.SIMKL],
  ['notify\\.?moe', Platform.NOTIFY_MOE],
  ['bangumi', Platform.BANGUMI],
  ['annict', Platform.ANNICT],
];

export const SERVICES: ReadonlyArray<[string, string]> = [
  ['netflix', 'Netflix'],
  ['crunchyroll|crunchy roll', 'Crunchyroll'],
  ['hulu', 'Hulu'],
  ['(?:amazon )?prime video|amazon', 'Amazon Prime Video'],
  ['disney\\+|disney plus', 'Disney+'],
  ['hidive', 'HIDIVE'],
  ['funimation', 'Funimation'],
  ['bilibili', 'Bilibili'],
  ['max|hbo max', 'Max'],
  ['youtube', 'YouTube'],
];

/** Country phrase → ISO 3166-1 alpha-2, and the zone its schedule questions mean. */
export const REGIONS: ReadonlyArray<[string, string, string]> = [
  ['the us|the usa|usa|us|america|the united states|united states|the states', 'US', 'America/New_York'],
  ['the uk|uk|britain|great britain|the united kingdom|united kingdom|england', 'GB', 'Europe/London'],
  ['japan', 'JP', 'Asia/Tokyo'],
  ['germany|deutschland', 'DE', 'Europe/Berlin'],
  ['france', 'FR', 'Europe/Paris'],
  ['canada', 'CA', 'America/Toronto'],
  ['australia', 'AU', 'Australia/Sydney'],
  ['brazil|brasil', 'BR', 'America/Sao_Paulo'],
  ['mexico', 'MX', 'America/Mexico_City'],
  ['spain', 'ES', 'Europe/Madrid'],
  ['italy', 'IT', 'Europe/Rome'],
  ['india', 'IN', 'Asia/Kolkata'],
  ['south korea|korea', 'KR', 'Asia/Seoul'],
  ['china|mainland china', 'CN', 'Asia/Shanghai'],
  ['taiwan', 'TW', 'Asia/Taipei'],
  ['hong kong', 'HK', 'Asia/Hong_Kong'],
  ['the netherlands|netherlands|holland', 'NL', 'Europe/Amsterdam'],
  ['sweden', 'SE', 'Europe/Stockholm'],
  ['poland', 'PL', 'Europe/Warsaw'],
  ['the philippines|philippines', 'PH', 'Asia/Manila'],
  ['indonesia', 'ID', 'Asia/Jakarta'],
];

/** Zone words → IANA zone. */
export const TIME_ZONES: ReadonlyArray<[string, string]> = [
  ['jst|japan time|japanese time|tokyo(?: time)?', 'Asia/Tokyo'],
  ['pst|pdt|pt|pacific(?: time)?|los angeles|la time|california', 'America/Los_Angeles'],
  ['est|edt|et|eastern(?: time)?|new york(?: time)?|nyc', 'America/New_York'],
  ['cst|cdt|central time|chicago', 'America/Chicago'],
  ['mst|mountain time|denver', 'America/Denver'],
  ['gmt|bst|london(?: time)?|uk time', 'Europe/London'],
  ['cet|cest|berlin(?: time)?|central european time', 'Europe/Berlin'],
  ['paris(?: time)?', 'Europe/Paris'],
  ['utc', 'UTC'],
  ['sydney(?: time)?|aest', 'Australia/Sydney'],
  ['ist|indian time|mumbai|delhi', 'Asia/Kolkata'],
  ['seoul|kst', 'Asia/Seoul'],
  ['sao paulo|brt', 'America/Sao_Paulo'],
];
