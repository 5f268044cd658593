// Every persisted operation in schema/operations is valid against the public schema and runs on
// the embedded server without errors (these become MCP tools and REST routes later).
import { readdir, readFile } from 'node:fs/promises';
import { buildSchema, parse, validate } from 'graphql';
import { postGraphQL, startTestApp, type TestApp } from './support/app.js';

const SAMPLE_VARIABLES: Record<string, Record<string, unknown>> = {
  AnimeById: { malId: 1 },
  SearchAnime: { query: 'cowboy bebop', filter: { formats: ['TV'] } },
  SeasonalAnime: { year: 2013, season: 'SPRING' },
  Franchise: { id: 'mal:16498' },
};

let app: TestApp;
let operations: Array<{ file: string; source: string; name: string }>;
beforeAll(async () => {
  app = await startTestApp();
  const files = (await readdir('schema/operations')).filter((f) => f.endsWith('.graphql'));
  operations = await Promise.all(
    files.map(async (file) => {
      const source = await readFile(`schema/operations/${file}`, 'utf8');
      const name = source.match(/^(?:query|mutation)\s+(\w+)/m)?.[1] ?? '';
      return { file, source, name };
    }),
  );
}, 120_000);
afterAll(() => app?.close());

describe('persisted operations', () => {
  it('each file holds one named operation with a leading description comment', () => {
    expect(operations.length).toBeGreaterThanOrEqual(4);
    for (const op of operations) {
      expect(op.name).not.toBe('');
      expect(op.source.trimStart().startsWith('#')).toBe(true);
    }
  });

  it('validate against schema/api.graphql', async () => {
    const schema = buildSchema(await readFile('schema/api.graphql', 'utf8'));
    for (const op of operations) expect(validate(schema, parse(op.source))).toEqual([]);
  });

  it('run on the server with sample variables and return data', async () => {
    for (const op of operations) {
      const variables = SAMPLE_VARIABLES[op.name];
      expect(variables).toBeDefined();
      const { body } = await postGraphQL(app, op.source, variables);
      expect(body.errors).toBeUndefined();
      expect(Object.values(body.data ?? {})[0]).toBeTruthy();
    }
  });
});
