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

  it('keys Anime in the catalog by the ids sources join by, and nothing else', async () => {
    const sdl = await readSupergraph();
    for (const key of ['id', 'malId', 'anilistId', 'kitsuId']) expect(sdl).toContain(`@join__type(graph: CATALOG, key: "${key}")`);
    // A catalog key on these ids made the planner try every path through them (docs/decisions.md).
    for (const key of ['anidbId', 'annId', 'animePlanetId', 'livechartId', 'anisearchId', 'animecountdownId']) {
      expect(sdl).not.toContain(`key: "${key}"`);
    }
  });

  it('joins AniDB, ANN and the scraped sites by id, each field requiring its own id from the catalog', async () => {
    const sdl = await readSupergraph();
    for (const graph of ['ANIDB', 'ANN', 'SCRAPED']) expect(sdl).toContain(`@join__type(graph: ${graph}, key: "id")`);
    for (const [graph, field, id] of [
      ['ANIDB', 'anidb', 'anidbId'],
      ['ANN', 'ann', 'annId'],
      ['SCRAPED', 'animePlanet', 'animePlanetId'],
      ['SCRAPED', 'livechart', 'livechartId'],
      ['SCRAPED', 'anisearch', 'anisearchId'],
    ]) {
      expect(sdl).toMatch(new RegExp(`\\b${field}: \\w+ @join__field\\(graph: ${graph}, requires: "${id}"\\)`));
    }
  });
});
