// `npm run compose`: recompose schema/supergraph.graphql and schema/api.graphql from the subgraphs.
import { writeFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { projectRoot } from '../../src/config/index.js';
import { API_SCHEMA_FILE, apiSchemaOf, composeSupergraph, supergraphPath } from '../compose.js';

const sdl = await composeSupergraph();
await writeFile(supergraphPath(), sdl);
await writeFile(resolve(projectRoot(), API_SCHEMA_FILE), apiSchemaOf(sdl));
process.stdout.write(`wrote ${supergraphPath()} (${sdl.length} bytes) and ${API_SCHEMA_FILE}\n`);
