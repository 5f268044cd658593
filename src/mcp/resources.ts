// MCP resources: any catalog entry through the `anime://{id}` template (JSON and a markdown
// summary), the supergraph SDL, and each persisted operation. resources/list pages through the
// fixed ones only: the catalog's ~16k entries are reached through the template, not listed.
import { readFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { ErrorCode, McpError, type ReadResourceResult, type Resource, type ResourceTemplate } from '@modelcontextprotocol/sdk/types.js';
import type { Toolset } from './types.js';

export const ANIME_TEMPLATE: ResourceTemplate = {
  uriTemplate: 'anime://{id}',
  name: 'anime',
  title: 'One anime of the catalog',
  description: 'Any catalog entry by its canonical id or any "<platform>:<id>" alias (anime://mal:1, anime://anidb:23): the entry as JSON and a markdown summary.',
  mimeType: 'application/json',
};

export const RESOURCE_PAGE_SIZE = 20;
const SUPERGRAPH_URI = 'schema://supergraph';
const RESOURCE_NOT_FOUND = -32002;

function fixedResources(toolset: Toolset): Resource[] {
  return [
    { uri: SUPERGRAPH_URI, name: 'supergraph', title: 'Supergraph SDL', description: 'The composed federation schema (every subgraph, with its directives).', mimeType: 'application/graphql' },
    ...toolset.operations().map((operation) => ({
      uri: `operation://${operation.name}`,
      name: operation.name,
      title: `Persisted operation ${operation.name} (tool ${operation.toolName})`,
      description: operation.description,
      mimeType: 'application/graphql',
    })),
  ];
}

/** One page of resources/list; the cursor is the offset of the next page. */
export function listResources(toolset: Toolset, cursor: string | undefined): { resources: Resource[]; nextCursor?: string } {
  const all = fixedResources(toolset);
  const start = cursor === undefined ? 0 : Number(cursor);
  if (!Number.isInteger(start) || start < 0 || start > all.length) throw new McpError(ErrorCode.InvalidParams, `Invalid cursor ${JSON.stringify(cursor)}; pass nextCursor from the previous page`);
  const end = start + RESOURCE_PAGE_SIZE;
  return { resources: all.slice(start, end), ...(end < all.length ? { nextCursor: String(end) } : {}) };
}

const ANIME_QUERY = `query AnimeResource($id: ID!) {
  anime(id: $id) { id title titleEnglish titleJapanese synonyms format status episodes season year startDate endDate tags studios
    score malId anilistId kitsuId anidbId annId }
}`;

export async function readResource(toolset: Toolset, uri: string): Promise<ReadResourceResult> {
  if (uri === SUPERGRAPH_URI) {
    const sdl = await readFile(join(dirname(toolset.schemaPath), 'supergraph.graphql'), 'utf8');
    return { contents: [{ uri, mimeType: 'application/graphql', text: sdl }] };
  }
  const operation = uri.startsWith('operation://') ? toolset.operation(uri.slice('operation://'.length)) : undefined;
  if (operation) return { contents: [{ uri, mimeType: 'application/graphql', text: operation.source }] };
  const anime = /^anime:\/\/([a-z]+:[^/\s]+)$/i.exec(uri);
  if (anime) {
    const id = decodeURIComponent(anime[1]!);
    const result = await toolset.execute(ANIME_QUERY, { id }, 'AnimeResource');
    const entry = result.data?.['anime'] as Record<string, unknown> | null | undefined;
    if (!entry) {
      const why = result.errors?.map((e) => e.message).join('; ');
      throw new McpError(RESOURCE_NOT_FOUND, `No anime with id ${id}${why ? ` (${why})` : ''}; ids look like mal:1 or anidb:23`, { uri });
    }
    return {
      contents: [
        { uri, mimeType: 'application/json', text: JSON.stringify(entry, null, 2) },
        { uri, mimeType: 'text/markdown', text: markdownSummary(entry) },
      ],
    };
  }
  throw new McpError(RESOURCE_NOT_FOUND, `Unknown resource ${uri}; resources/list and resources/templates/list show what there is`, { uri });
}

function markdownSummary(entry: Record<string, unknown>): string {
  const list = (value: unknown) => (Array.isArray(value) && value.length ? value.join(', ') : null);
  const ids = ['malId', 'anilistId', 'kitsuId', 'anidbId', 'annId'].filter((k) => entry[k] != null).map((k) => `${k.replace(/Id$/, '')} ${String(entry[k])}`);
  const lines = [
    `# ${String(entry['title'])}`,
    '',
    [entry['titleEnglish'], entry['titleJapanese']].filter(Boolean).join(' · ') || null,
    `- **Format**: ${entry['format'] ?? 'unknown'}${entry['episodes'] != null ? `, ${entry['episodes']} episodes` : ''}`,
    `- **Status**: ${entry['status'] ?? 'unknown'}`,
    `- **Aired**: ${[entry['season'], entry['year']].filter(Boolean).join(' ') || 'unknown'}${entry['startDate'] ? ` (${entry['startDate']}${entry['endDate'] ? ` – ${entry['endDate']}` : ''})` : ''}`,
    list(entry['studios']) && `- **Studios**: ${list(entry['studios'])}`,
    entry['score'] != null && `- **Score**: ${entry['score']}`,
    list(entry['tags']) && `- **Tags**: ${list(entry['tags'])}`,
    `- **Ids**: ${String(entry['id'])}${ids.length ? ` (${ids.join(', ')})` : ''}`,
  ];
  return lines.filter((line) => line !== null && line !== false).join('\n') + '\n';
}
