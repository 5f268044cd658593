// TRUSTED_DOCUMENTS=1: /graphql runs only the persisted operations of schema/operations, sent by
// id (documentId or Apollo's persistedQuery hash) or as their exact text; anything else is refused
// with a typed error before it runs. REST and MCP, which run those same operations, are unaffected.
import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { Writable } from 'node:stream';
import { pino } from 'pino';
import { loggerOptions } from '../../src/log/index.js';
import { accessHarness, call, json, type Harness } from './support.js';

let harness: Harness;
let origin: string;
let source: string;
const hash = () => createHash('sha256').update(source).digest('hex');

beforeAll(async () => {
  harness = await accessHarness();
  ({ origin } = await harness.start({ TRUSTED_DOCUMENTS: '1' }));
  source = await readFile('schema/operations/compare-ratings.graphql', 'utf8');
}, 120_000);

afterAll(async () => {
  await harness?.close();
});

describe('trusted documents mode', () => {
  it('runs a persisted operation sent as its exact text', async () => {
    const res = await call(origin, '/graphql', json({ query: source, variables: { id: 'mal:1' } }));
    expect(res.status).toBe(200);
    expect(res.body.data).toBeTruthy();
  });

  it('runs a persisted operation by documentId "sha256:<hash>", over POST and GET', async () => {
    const post = await call(origin, '/graphql', json({ documentId: `sha256:${hash()}`, variables: { id: 'mal:1' } }));
    expect(post.status).toBe(200);
    const text = await call(origin, '/graphql', json({ query: source, variables: { id: 'mal:1' } }));
    expect(post.body.data).toEqual(text.body.data);
    const get = await call(origin, `/graphql?documentId=sha256:${hash()}&variables=${encodeURIComponent(JSON.stringify({ id: 'mal:1' }))}`, { headers: { accept: 'application/json', 'apollo-require-preflight': '1' } });
    expect(get.status).toBe(200);
    expect(get.body.data).toEqual(text.body.data);
  });

  it("runs a persisted operation by Apollo's persistedQuery hash", async () => {
    const res = await call(origin, '/graphql', json({ variables: { id: 'mal:1' }, extensions: { persistedQuery: { version: 1, sha256Hash: hash() } } }));
    expect(res.status).toBe(200);
    expect(res.body.data).toBeTruthy();
  });

  it('refuses any other document with 403 PERSISTED_DOCUMENT_REQUIRED', async () => {
    const res = await call(origin, '/graphql', json({ query: '{ anime(malId: 1) { title } }' }));
    expect(res.status).toBe(403);
    expect(res.body.errors[0]).toMatchObject({ message: expect.stringMatching(/only its persisted operations/), extensions: { code: 'PERSISTED_DOCUMENT_REQUIRED' } });
    // A persisted document with one character changed is another document.
    expect((await call(origin, '/graphql', json({ query: `${source} `, variables: { id: 'mal:1' } }))).status).toBe(403);
  });

  it('refuses an unknown id with 400 PERSISTED_DOCUMENT_NOT_FOUND, and an id with another text with 403', async () => {
    const unknown = await call(origin, '/graphql', json({ documentId: `sha256:${'0'.repeat(64)}` }));
    expect(unknown.status).toBe(400);
    expect(unknown.body.errors[0].extensions.code).toBe('PERSISTED_DOCUMENT_NOT_FOUND');
    const mismatch = await call(origin, '/graphql', json({ documentId: `sha256:${hash()}`, query: '{ anime(malId: 1) { title } }' }));
    expect(mismatch.status).toBe(403);
  });

  it('leaves REST alone: its routes run the persisted operations anyway', async () => {
    expect((await call(origin, '/api/anime/mal:1/ratings')).status).toBe(200);
  });
});

describe('logs', () => {
  it('censor the Authorization and X-API-Key headers wherever a request is logged', async () => {
    const lines: string[] = [];
    const sink = new Writable({ write: (chunk, _encoding, done) => (lines.push(String(chunk)), done()) });
    const log = pino(loggerOptions('info'), sink);
    const key = `af_AAAAAAAAAAAA_${'s'.repeat(43)}`;
    log.info({ req: { method: 'GET', url: '/api', headers: { authorization: `Bearer ${key}`, 'x-api-key': key } } }, 'request');
    log.info({ headers: { authorization: `Bearer ${key}` } }, 'headers');
    expect(lines).toHaveLength(2);
    expect(lines.join('')).not.toContain(key);
    expect(lines.join('')).toContain('[redacted]');
  });
});
