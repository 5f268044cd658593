// docker-compose.yml is scale mode's deployment: one service per subgraph of gateway/subgraphs.ts,
// the gateway pointed at each, healthchecks, and start-up ordered by health.
import { readFile } from 'node:fs/promises';
import { parse } from 'yaml';
import { SUBGRAPHS } from '../gateway/subgraphs.js';

interface Service {
  command?: string[] | string;
  environment?: Record<string, string | number>;
  healthcheck?: { test: string[] };
  depends_on?: Record<string, { condition: string }>;
  profiles?: string[];
}

let services: Record<string, Service>;

beforeAll(async () => {
  services = (parse(await readFile('docker-compose.yml', 'utf8'), { merge: true }) as { services: Record<string, Service> }).services;
});

describe('docker-compose.yml', () => {
  it('has a healthy-checked service per subgraph, each starting that subgraph', () => {
    for (const { name } of SUBGRAPHS) {
      const service = services[name];
      expect({ name, present: Boolean(service) }).toEqual({ name, present: true });
      expect(service!.command).toEqual(['node', 'dist/gateway/cli/start-subgraph.js', name]);
      expect(service!.healthcheck?.test.join(' ')).toContain('/health');
      expect(service!.depends_on?.['build']).toEqual({ condition: 'service_completed_successfully' });
    }
  });

  it('points the gateway at every subgraph service and waits for each to be healthy', () => {
    const gateway = services['gateway']!;
    const urls = new Map(
      String(gateway.environment?.['SUBGRAPH_URLS'])
        .split(',')
        .map((pair) => pair.split('=') as [string, string]),
    );
    expect([...urls.keys()].sort()).toEqual(SUBGRAPHS.map((s) => s.name).sort());
    for (const [name, url] of urls) {
      expect(url).toBe(`http://${name}:4001/graphql`);
      expect(gateway.depends_on?.[name]).toEqual({ condition: 'service_healthy' });
    }
    expect(gateway.environment?.['REDIS_URL']).toBe('redis://redis:6379');
  });

  it('keeps Milvus and PostgreSQL behind profiles', () => {
    expect(services['milvus']?.profiles).toEqual(['vectors']);
    expect(services['postgres']?.profiles).toEqual(['store']);
    expect(services['redis']?.profiles).toBeUndefined();
  });
});
