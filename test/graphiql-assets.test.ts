// The self-hosted GraphiQL assets over HTTP (no browser): the page links each asset under a
// version, each asset is served from the installed package with a validator and gzip, and a
// browser holding it gets a 304.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import Fastify from 'fastify';
import { GRAPHIQL_ASSET_PREFIX, registerGraphiql } from '../gateway/graphiql.js';

const app = Fastify();
registerGraphiql(app, { endpoint: '/graphql' });
let origin: string;
beforeAll(async () => {
  origin = await app.listen({ host: '127.0.0.1', port: 0 });
});
afterAll(() => app.close());

/** A GET through a real socket; `accept-encoding` is sent only when given (fetch would add gzip). */
async function get(path: string, headers: Record<string, string> = {}): Promise<{ status: number; headers: Headers; body: Buffer }> {
  const { request } = await import('node:http');
  return new Promise((resolvePromise, reject) => {
    request(`${origin}${path}`, { headers }, (response) => {
      const chunks: Buffer[] = [];
      response.on('data', (chunk: Buffer) => chunks.push(chunk));
      response.on('end', () => {
        const h = new Headers();
        for (const [name, value] of Object.entries(response.headers)) if (typeof value === 'string') h.set(name, value);
        resolvePromise({ status: response.statusCode!, headers: h, body: Buffer.concat(chunks) });
      });
    })
      .on('error', reject)
      .end();
  });
}

const installed = (pkg: string, path: string) => readFileSync(join(dirname(createRequire(import.meta.url).resolve(`${pkg}/package.json`)), path));

describe('GraphiQL assets', () => {
  it('links every asset from the page and serves the installed bytes, plain and gzipped, with a 304 for a held copy', async () => {
    const page = await get('/graphiql');
    expect(page.status).toBe(200);
    const links = [...page.body.toString('utf8').matchAll(/(?:src|href)="(\/graphiql\/assets\/[^"]+)"/g)].map((m) => m[1]!.replace(/&amp;/g, '&'));
    expect(links.map((link) => link.slice(GRAPHIQL_ASSET_PREFIX.length).split('?')[0]).sort()).toEqual(
      ['graphiql-boot.js', 'graphiql.min.css', 'graphiql.min.js', 'react-dom.production.min.js', 'react.production.min.js'].sort(),
    );
    expect(links.every((link) => /\?v=[\w-]{12}$/.test(link))).toBe(true);

    const script = links.find((link) => link.includes('graphiql.min.js'))!;
    const plain = await get(script);
    expect(plain.status).toBe(200);
    expect(plain.headers.get('content-type')).toBe('text/javascript; charset=utf-8');
    expect(plain.body.equals(installed('graphiql', 'graphiql.min.js'))).toBe(true);
    const etag = plain.headers.get('etag')!;
    expect(etag).toMatch(/^"[\w-]{27}"$/);

    const zipped = await get(script, { 'accept-encoding': 'gzip' });
    expect(zipped.headers.get('content-encoding')).toBe('gzip');
    expect(gunzipSync(zipped.body).equals(plain.body)).toBe(true);

    const held = await get(script, { 'if-none-match': etag });
    expect(held.status).toBe(304);
    expect(held.body.length).toBe(0);

    const css = await get(links.find((link) => link.includes('.css'))!);
    expect(css.body.equals(installed('graphiql', 'graphiql.min.css'))).toBe(true);
    expect(css.headers.get('etag')).not.toBe(etag);
    expect((await get(`${GRAPHIQL_ASSET_PREFIX}nope.js`)).status).toBe(404);
  });
});
