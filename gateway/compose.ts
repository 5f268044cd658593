// Composes the supergraph from the subgraph schemas (@apollo/composition). The result is checked
// in as schema/supergraph.graphql; a test recomposes and fails when the file is stale.
import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { composeServices } from '@apollo/composition';
import { Supergraph } from '@apollo/federation-internals';
import { printSubgraphSchema } from '@apollo/subgraph';
import { parse, printSchema } from 'graphql';
import { Catalog } from '../src/catalog/index.js';
import { loadConfig, projectRoot } from '../src/config/index.js';
import { createUpstreamKit } from '../src/http/index.js';
import { buildSubgraphSchemas } from './subgraphs.js';

export const SUPERGRAPH_FILE = 'schema/supergraph.graphql';
/** The public API schema (what clients see; codegen and docs read it). */
export const API_SCHEMA_FILE = 'schema/api.graphql';

export function supergraphPath(root = projectRoot()): string {
  return resolve(root, SUPERGRAPH_FILE);
}

export async function composeSupergraph(): Promise<string> {
  // Schemas only: an empty catalog and a memory-only kit are enough to print the SDL.
  const config = loadConfig({});
  const upstream = createUpstreamKit(config);
  const schemas = await buildSubgraphSchemas({ catalog: new Catalog([], []), upstream, config, now: () => new Date() });
  await upstream.close();
  const result = composeServices(
    [...schemas].map(([name, schema]) => ({ name, url: `http://${name}.subgraph.local/graphql`, typeDefs: parse(printSubgraphSchema(schema)) })),
  );
  if (result.errors) throw new Error(`Composition failed:\n${result.errors.map((e) => `  ${e.message}`).join('\n')}`);
  return result.supergraphSdl;
}

export function apiSchemaOf(supergraphSdl: string): string {
  return printSchema(Supergraph.build(supergraphSdl).apiSchema().toGraphQLJSSchema());
}

export async function readSupergraph(root = projectRoot()): Promise<string> {
  try {
    return await readFile(supergraphPath(root), 'utf8');
  } catch {
    throw new Error(`${SUPERGRAPH_FILE} is missing: run \`npm run compose\``);
  }
}
