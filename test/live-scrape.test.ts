// LIVE=1 npm test -- test/live-scrape: one page from each scraped site (never in CI). Each site
// gets its robots.txt and one anime page, spaced by SCRAPE_MIN_INTERVAL_MS, with USER_AGENT.
// A SOURCE_BLOCKED answer means the site put up a bot wall: do not re-run to get past it.
import { graphql, type GraphQLSchema } from 'graphql';
import { Catalog } from '../src/catalog/index.js';
import { loadConfig } from '../src/config/index.js';
import { createUpstreamKit } from '../src/http/index.js';
import { buildScrapedSchema } from '../subgraphs/scraped/schema.js';

const live = process.env['LIVE'] === '1';
const config = loadConfig();
// The catalog only links livechartSeason's entries, which these smoke tests do not read.
const services = { upstream: createUpstreamKit(config), config, catalog: new Catalog([], []) };

let scraped: Promise<GraphQLSchema> | undefined;
async function entity(representation: Record<string, unknown>, selection: string) {
  const schema = await (scraped ??= buildScrapedSchema(services));
  return graphql({
    schema,
    source: `query($r: [_Any!]!) { _entities(representations: $r) { ... on Anime { ${selection} } } }`,
    variableValues: { r: [{ __typename: 'Anime', ...representation }] },
  });
}

(live ? describe : describe.skip)('live scraped sites (LIVE=1)', () => {
  afterAll(() => services.upstream.close());

  it('Anime-Planet shows Cowboy Bebop', async () => {
    const result = await entity({ animePlanetId: 'cowboy-bebop' }, 'animePlanet { title rating { value votes } tags }');
    expect(result.errors).toBeUndefined();
    expect(JSON.stringify(result.data)).toMatch(/Cowboy Bebop/);
  }, 30_000);

  it('LiveChart shows Death Note', async () => {
    const result = await entity({ livechartId: 3437 }, 'livechart { title rating { value votes } }');
    expect(result.errors).toBeUndefined();
    expect(JSON.stringify(result.data)).toMatch(/Death Note/);
  }, 30_000);

  it('aniSearch shows Death Note', async () => {
    const result = await entity({ anisearchId: 3633 }, 'anisearch { title rating { value votes } }');
    expect(result.errors).toBeUndefined();
    expect(JSON.stringify(result.data)).toMatch(/Death Note/);
  }, 30_000);
});
