// The checked-in supergraph and API schema must be what the subgraphs compose to today.
import { readFile } from 'node:fs/promises';
import { API_SCHEMA_FILE, apiSchemaOf, composeSupergraph, readSupergraph } from '../gateway/compose.js';

describe('schema/supergraph.graphql', () => {
  it('is up to date with the subgraphs (run `npm run compose` when this fails)', async () => {
    const fresh = await composeSupergraph();
    expect(await readSupergraph()).toBe(fresh);
    expect(await readFile(API_SCHEMA_FILE, 'utf8')).toBe(apiSchemaOf(fresh));
  });

  it('declares one Anime key per identity', async () => {
    const sdl = await readSupergraph();
    for (const key of ['id', 'malId', 'anilistId', 'kitsuId', 'anidbId', 'annId', 'animePlanetId', 'livechartId', 'anisearchId', 'animecountdownId']) {
      expect(sdl).toContain(`@join__type(graph: CATALOG, key: "${key}")`);
    }
  });
});
