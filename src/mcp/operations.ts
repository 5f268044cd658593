// Persisted operations as MCP reads them: one named operation per .graphql file, its leading `#`
// comment as the description, parsed and checked against the public schema once per load.
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { Kind, parse, validate, type GraphQLSchema, type OperationDefinitionNode } from 'graphql';

export interface PersistedOperation {
  /** The operation name as written (`SearchAnime`). */
  name: string;
  /** The MCP tool name: the operation name in snake_case (`search_anime`). */
  toolName: string;
  description: string;
  source: string;
  file: string;
  definition: OperationDefinitionNode;
}

export interface OperationLoad {
  operations: PersistedOperation[];
  /** Files that were skipped, with the reason (they never stop the others from loading). */
  problems: string[];
}

/** `GetAnimeById` → `get_anime_by_id`, `AiringSchedule` → `airing_schedule`, `TopAnime` → `top_anime`. */
export function toolNameOf(operationName: string): string {
  return operationName
    .replace(/([a-z0-9])([A-Z])/g, '$1_$2')
    .replace(/([A-Z]+)([A-Z][a-z])/g, '$1_$2')
    .toLowerCase();
}

/** The `#` comment lines before the operation, joined into one paragraph per blank-line block. */
export function leadingComment(source: string): string {
  const lines: string[] = [];
  for (const line of source.split('\n')) {
    const trimmed = line.trim();
    if (trimmed.startsWith('#')) lines.push(trimmed.replace(/^#\s?/, ''));
    else if (trimmed === '' && lines.length === 0) continue;
    else break;
  }
  return lines.join(' ').replace(/\s+/g, ' ').trim();
}

export async function loadOperations(dir: string, schema: GraphQLSchema): Promise<OperationLoad> {
  const files = (await readdir(dir)).filter((f) => f.endsWith('.graphql')).sort();
  const operations: PersistedOperation[] = [];
  const problems: string[] = [];
  for (const file of files) {
    try {
      const source = await readFile(join(dir, file), 'utf8');
      const document = parse(source);
      const definitions = document.definitions.filter((d): d is OperationDefinitionNode => d.kind === Kind.OPERATION_DEFINITION);
      const definition = definitions[0];
      if (definitions.length !== 1 || !definition?.name) throw new Error('expected exactly one named operation');
      const errors = validate(schema, document);
      if (errors.length) throw new Error(errors.map((e) => e.message).join('; '));
      const name = definition.name.value;
      operations.push({ name, toolName: toolNameOf(name), description: leadingComment(source) || `Runs the ${name} operation.`, source, file, definition });
    } catch (error) {
      problems.push(`${file}: ${(error as Error).message}`);
    }
  }
  return { operations, problems };
}
