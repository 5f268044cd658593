// MCP prompts that fit the service, each a short instruction naming the tools that answer it, and
// completions for their arguments and for the `anime://{id}` template: titles (and ids) from the
// catalog's title search (typo-tolerant, best first), seasons, years, formats, regions and time zones.
import { ErrorCode, McpError, type CompleteResult, type GetPromptResult, type Prompt } from '@modelcontextprotocol/sdk/types.js';
import type { Toolset } from './types.js';

interface PromptSpec extends Prompt {
  text: (args: Record<string, string>) => string;
}

const title = { name: 'title', description: 'An anime title in any spelling or language (completion offers catalog titles)', required: true };

const PROMPTS: PromptSpec[] = [
  {
    name: 'recommend_like',
    title: 'Recommend something like X',
    description: 'Anime to watch next for someone who liked a given title: MyAnimeList users\' recommendations and content similarity.',
    arguments: [title, { name: 'format', description: 'Only this format: TV, MOVIE, OVA, ONA, SPECIAL (optional)' }],
    text: (a) =>
      `Recommend anime for someone who liked "${a['title']}". Find it with search_anime, then use get_anime_recommendations (what MyAnimeList users recommend) and find_similar_anime (content similarity)${a['format'] ? `, keeping only ${a['format']} entries` : ''}. Give 5 picks, each with one line on why it fits, and leave out entries of the same franchise.`,
  },
  {
    name: 'plan_my_season',
    title: 'Plan my season',
    description: 'A watch plan from what is airing in a season, with broadcast times in your time zone.',
    arguments: [
      { name: 'season', description: 'WINTER, SPRING, SUMMER or FALL (default: the current season)' },
      { name: 'year', description: 'The year (default: this year)' },
      { name: 'timezone', description: 'An IANA time zone for broadcast times, e.g. Europe/Berlin (default UTC)' },
      { name: 'region', description: 'Where you stream, as an ISO 3166 country code such as US or DE (optional; adds where to watch)' },
    ],
    text: (a) =>
      `Plan my anime season${a['season'] ? ` for ${a['season']}` : ''}${a['year'] ? ` ${a['year']}` : ''}. List what airs with get_seasonal_anime, check broadcast times with airing_schedule in ${a['timezone'] || 'UTC'}${a['region'] ? `, find where each streams in ${a['region']} with get_streaming_info` : ''}, and propose a weekly plan of at most 8 shows, grouped by weekday, with a short reason for each.`,
  },
  {
    name: 'compare_ratings_of',
    title: 'Compare how platforms rate X',
    description: 'How MyAnimeList, AniList and Kitsu rate one anime, and where they disagree.',
    arguments: [title],
    text: (a) =>
      `Compare how the platforms rate "${a['title']}". Find it with search_anime, then call compare_ratings with its id and explain the consensus, each platform's score and votes, and any disagreement.`,
  },
  {
    name: 'watch_order',
    title: 'Watch order for X',
    description: 'The order in which to watch a franchise (series, films, OVAs), with what can be skipped.',
    arguments: [title],
    text: (a) =>
      `Give the watch order for "${a['title']}". Find it with search_anime, then call get_franchise with its id; list the entries in release order, marking side stories and recaps that can be skipped.`,
  },
  {
    name: 'identify_anime',
    title: 'What is this anime I half remember?',
    description: 'Find an anime from a half-remembered description of its story, characters or look.',
    arguments: [
      { name: 'description', description: 'What you remember: story, characters, setting, era, art style', required: true },
      { name: 'year', description: 'Roughly when it aired, if you know (optional)' },
    ],
    text: (a) =>
      `I half remember an anime: "${a['description']}"${a['year'] ? ` (around ${a['year']})` : ''}. Use semantic_search with the description, check the best candidates with get_anime_by_id, and answer with the most likely titles and what in the description matches each.`,
  },
];

export function listPrompts(): { prompts: Prompt[] } {
  return { prompts: PROMPTS.map(({ text: _text, ...prompt }) => prompt) };
}

export function getPrompt(name: string, args: Record<string, string> = {}): GetPromptResult {
  const prompt = PROMPTS.find((p) => p.name === name);
  if (!prompt) throw new McpError(ErrorCode.InvalidParams, `Unknown prompt ${name}; prompts/list shows the prompts there are`);
  const missing = (prompt.arguments ?? []).filter((a) => a.required && !args[a.name]?.trim()).map((a) => a.name);
  if (missing.length) throw new McpError(ErrorCode.InvalidParams, `Prompt ${name} needs ${missing.join(', ')}`);
  return { description: prompt.description, messages: [{ role: 'user', content: { type: 'text', text: prompt.text(args) } }] };
}

export const MAX_COMPLETIONS = 100;
const SEASONS = ['WINTER', 'SPRING', 'SUMMER', 'FALL'];
const FORMATS = ['TV', 'MOVIE', 'OVA', 'ONA', 'SPECIAL'];
const TITLE_QUERY = 'query CompleteTitle($q: String!) { search(query: $q, first: 100) { nodes { id title } } }';

type Ref = { type: 'ref/prompt'; name: string } | { type: 'ref/resource'; uri: string };

/** completion/complete: values for one prompt argument or template variable, best first. */
export async function complete(toolset: Toolset, ref: Ref, argument: { name: string; value: string }): Promise<CompleteResult> {
  if (ref.type === 'ref/resource') {
    if (ref.uri !== 'anime://{id}' || argument.name !== 'id') throw new McpError(ErrorCode.InvalidParams, `No completions for ${ref.uri} ${argument.name}`);
    return done((await titles(toolset, argument.value)).map((n) => n.id));
  }
  const prompt = PROMPTS.find((p) => p.name === ref.name);
  if (!prompt) throw new McpError(ErrorCode.InvalidParams, `Unknown prompt ${ref.name}; prompts/list shows the prompts there are`);
  if (!prompt.arguments?.some((a) => a.name === argument.name)) throw new McpError(ErrorCode.InvalidParams, `Prompt ${ref.name} has no argument ${argument.name}`);
  const typed = argument.value.trim();
  switch (argument.name) {
    case 'title':
      return done(unique((await titles(toolset, typed)).map((n) => n.title)));
    case 'season':
      return done(startingWith(SEASONS, typed));
    case 'format':
      return done(startingWith(FORMATS, typed));
    case 'year': {
      const now = new Date().getUTCFullYear();
      return done(Array.from({ length: now + 2 - 1960 }, (_, i) => String(now + 1 - i)).filter((y) => y.startsWith(typed)));
    }
    case 'region':
      return done(regions().filter(([code, name]) => code.startsWith(typed.toUpperCase()) || (typed.length > 1 && name.toLowerCase().includes(typed.toLowerCase()))).map(([code]) => code));
    case 'timezone':
      return done(Intl.supportedValuesOf('timeZone').filter((zone) => zone.toLowerCase().includes(typed.toLowerCase())));
    default:
      return done([]);
  }
}

async function titles(toolset: Toolset, typed: string): Promise<Array<{ id: string; title: string }>> {
  if (!typed.trim()) return [];
  const result = await toolset.execute(TITLE_QUERY, { q: typed }, 'CompleteTitle');
  const search = result.data?.['search'] as { nodes?: Array<{ id: string; title: string }> } | undefined;
  return search?.nodes ?? [];
}

let regionList: Array<[string, string]> | undefined;

/** ISO 3166 alpha-2 codes with their English names, as the runtime's ICU data knows them. */
function regions(): Array<[string, string]> {
  if (!regionList) {
    const names = new Intl.DisplayNames(['en'], { type: 'region', fallback: 'none' });
    const letters = [...'ABCDEFGHIJKLMNOPQRSTUVWXYZ'];
    regionList = letters.flatMap((a) => letters.map((b) => a + b)).flatMap((code) => {
      const name = names.of(code);
      // Unknown codes come back undefined, reserved ones like ZZ as "Unknown Region", and retired
      // ones (DD, UK) canonicalise to another code.
      const current = Intl.getCanonicalLocales(`und-${code}`)[0] === `und-${code}`;
      return name && current && !/unknown/i.test(name) ? [[code, name] as [string, string]] : [];
    });
  }
  return regionList;
}

const startingWith = (values: string[], typed: string) => values.filter((v) => v.startsWith(typed.toUpperCase()));
const unique = (values: string[]) => [...new Set(values)];

function done(values: string[]): CompleteResult {
  return { completion: { values: values.slice(0, MAX_COMPLETIONS), total: values.length, hasMore: values.length > MAX_COMPLETIONS } };
}
