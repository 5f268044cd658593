// The checked-in supergraph and API schema must be what the subgraphs compose to today.
import { readFile } from 'node:fs/promises';
import { API_SCHEMA_FILE, apiSchemaOf, composeSupergraph, readSupergraph } from '../gateway/compose.js';

describe('schema/supergraph.graphql', () => {
  it('is up to date with the subgraphs (run `npm run compose` when this fails)', async () => {
    const fresh = await composeSupergraph();
    expect(await readSupergraph()).toBe(fresh);
    expect(await readFile(API_SCHEMA_FILE, 'utf8')).toBe(apiSchemaOf(fresh));
  });

  it('joins every source subgraph to Anime by its own platform key, with its namespaced field', async () => {
    const sdl = await readSupergraph();
    for (const [graph, key, field] of [
      ['JIKAN', 'malId', 'mal: MalAnime'],
      ['ANILIST', 'anilistId', 'anilist: AnilistMedia'],
      ['KITSU', 'kitsuId', 'kitsu: KitsuAnime'],
      ['ANIMESCHEDULE', 'malId', '): ScheduleInfo @join__field(graph: ANIMESCHEDULE)'],
    ]) {
      expect(sdl).toContain(`@join__type(graph: ${graph}, key: "${key}")`);
      expect(sdl).toContain(field);
    }
  });

  it('declares one Anime key per identity', async () => {
    const sdl = await readSupergraph();
    for (const key of ['id', 'malId', 'anilistId', 'kitsuId', 'anidbId', 'annId', 'animePlanetId', 'livechartId', 'anisearchId', 'animecountdownId']) {
      expect(sdl).toContain(`@join__type(graph: CATALOG, key: "${key}")`);
    }
  });
});
