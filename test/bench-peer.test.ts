// The peer bench (bench/peer.ts) points Hive Gateway at the subgraph processes by rewriting the
// checked-in supergraph's @join__graph URLs: if the composed file's wording changes and the
// rewrite silently matches nothing, Hive would call *.subgraph.local instead of the processes.
import { readSupergraph } from '../gateway/compose.js';
import { SUBGRAPHS } from '../gateway/subgraphs.js';
import { pointSupergraphAt } from '../bench/peer.js';

describe('pointSupergraphAt', () => {
  it('points every subgraph of gateway/subgraphs.ts at its own address in the checked-in supergraph', async () => {
    const supergraph = await readSupergraph();
    const urls = new Map(SUBGRAPHS.map((s, i) => [s.name, `http://127.0.0.1:${27401 + i}/graphql`]));
    const pointed = pointSupergraphAt(supergraph, urls);
    for (const [name, url] of urls) expect(pointed).toContain(`@join__graph(name: "${name}", url: "${url}")`);
    expect(pointed).not.toContain('.subgraph.local');
    // Nothing but the URLs changes.
    expect(pointed.replace(/url: "[^"]*"/g, '')).toBe(supergraph.replace(/url: "[^"]*"/g, ''));
  });

  it('leaves a subgraph without an address as composed', async () => {
    const supergraph = await readSupergraph();
    const pointed = pointSupergraphAt(supergraph, new Map([['catalog', 'http://127.0.0.1:27401/graphql']]));
    expect(pointed).toContain('@join__graph(name: "catalog", url: "http://127.0.0.1:27401/graphql")');
    expect(pointed).toContain('@join__graph(name: "jikan", url: "http://jikan.subgraph.local/graphql")');
  });
});
