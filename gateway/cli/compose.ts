// `npm run compose`: recompose schema/supergraph.graphql from the subgraphs.
import { writeFile } from 'node:fs/promises';
import { composeSupergraph, supergraphPath } from '../compose.js';

const sdl = await composeSupergraph();
await writeFile(supergraphPath(), sdl);
process.stdout.write(`wrote ${supergraphPath()} (${sdl.length} bytes)\n`);
