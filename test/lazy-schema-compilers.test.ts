// The lazy route compilers (gateway/lazy-schema-compilers.ts) against fastify's own defaults: two
// servers with the same routes and schemas, the same requests over real sockets, the same answers
// (status, body, content type): coercion, defaults, removed properties, validation messages and
// serialized responses. And the compiling waits for the first request.
import Fastify, { type FastifyInstance } from 'fastify';
import ValidatorSelector from '@fastify/ajv-compiler';
import SerializerSelector from '@fastify/fast-json-stringify-compiler';
import { lazySerializerFactory, lazyValidatorFactory } from '../gateway/lazy-schema-compilers.js';

const routes = (app: FastifyInstance) => {
  app.get(
    '/items/:id',
    {
      schema: {
        params: { type: 'object', properties: { id: { type: 'integer', minimum: 1 } }, required: ['id'] },
        querystring: { type: 'object', properties: { first: { type: 'integer', minimum: 1, maximum: 50, default: 10 }, region: { type: 'string', pattern: '^[A-Z]{2}$' } }, additionalProperties: false },
        response: { 200: { type: 'object', properties: { id: { type: 'integer' }, first: { type: 'integer' }, region: { type: 'string' }, types: { type: 'string' } } } },
      },
    },
    async (request) => {
      const query = request.query as { first: number; region?: string };
      const { id } = request.params as { id: number };
      // `secret` is not in the response schema: the serializer leaves it out; `types` says what the validators made of the input.
      return { id, first: query.first, region: query.region, secret: 'x', types: `${typeof id}/${typeof query.first}` };
    },
  );
  app.post(
    '/items',
    { schema: { body: { type: 'object', properties: { name: { type: 'string', minLength: 2 }, tags: { type: 'array', items: { type: 'string' }, maxItems: 3 } }, required: ['name'] } } },
    async (request, reply) => reply.code(201).send({ ok: true, body: request.body }),
  );
};

let plain: FastifyInstance;
let lazy: FastifyInstance;
const urls: Record<'plain' | 'lazy', string> = { plain: '', lazy: '' };
/** What the real compilers under the lazy factories compiled, in order: "<part> <url>". */
const compiled: string[] = [];

type Factory = (schemas: unknown, options: unknown) => (route: { httpPart?: string; httpStatus?: string; url: string }) => unknown;
/** The real factory, telling each compile as it happens. */
function counting<F>(build: F): F {
  return ((schemas: unknown, options: unknown) => {
    const compiler = (build as unknown as Factory)(schemas, options);
    return (route: { httpPart?: string; httpStatus?: string; url: string }) => {
      compiled.push(`${route.httpPart ?? `response ${route.httpStatus}`} ${route.url}`);
      return compiler(route);
    };
  }) as unknown as F;
}

beforeAll(async () => {
  plain = Fastify();
  routes(plain);
  lazy = Fastify({
    schemaController: { compilersFactory: { buildValidator: lazyValidatorFactory(counting(ValidatorSelector())), buildSerializer: lazySerializerFactory(counting(SerializerSelector())) } },
  });
  routes(lazy);
  urls.plain = await plain.listen({ host: '127.0.0.1', port: 0 });
  urls.lazy = await lazy.listen({ host: '127.0.0.1', port: 0 });
});

afterAll(async () => {
  await plain?.close();
  await lazy?.close();
});

async function both(path: string, init: RequestInit = {}) {
  const answers = await Promise.all(
    (['plain', 'lazy'] as const).map(async (which) => {
      const res = await fetch(`${urls[which]}${path}`, init);
      return { status: res.status, type: res.headers.get('content-type'), body: await res.text() };
    }),
  );
  return { plain: answers[0]!, lazy: answers[1]! };
}

describe('lazy route compilers', () => {
  it('compile nothing at start and each route part once, on the first request that needs it', async () => {
    expect(compiled).toEqual([]);
    await fetch(`${urls.lazy}/items/1`);
    await fetch(`${urls.lazy}/items/2?first=4`);
    expect(compiled.sort()).toEqual(['params /items/:id', 'querystring /items/:id', 'response 200 /items/:id']);
  });

  it.each([
    ['/items/7', 'coerces params and fills a query default'],
    ['/items/7?first=3&region=JP', 'coerces the query'],
    ['/items/0', 'refuses a param under its minimum'],
    ['/items/abc', 'refuses a param of the wrong type'],
    ['/items/7?first=99', 'refuses a query value over its maximum'],
    ['/items/7?region=jp', 'refuses a query value off its pattern'],
    ['/items/7?other=1', 'refuses an unknown query parameter'],
  ])('GET %s answers as the default compilers do (%s)', async (path) => {
    const { plain: expected, lazy: got } = await both(path);
    expect(got).toEqual(expected);
  });

  it('serializes by the response schema as the defaults do (unlisted fields left out, types kept)', async () => {
    const { plain: expected, lazy: got } = await both('/items/5?first=2');
    expect(got).toEqual(expected);
    expect(JSON.parse(got.body)).toEqual({ id: 5, first: 2, types: 'number/number' });
  });

  it.each([
    [{ name: 'Bebop', tags: ['space'] }],
    [{ name: 'B' }],
    [{ tags: ['a', 'b', 'c', 'd'] }],
    [{ name: 42 }],
  ])('POST /items %j answers as the default compilers do', async (body) => {
    const { plain: expected, lazy: got } = await both('/items', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
    expect(got).toEqual(expected);
  });

  it('refuses a headers schema at start, naming the route', async () => {
    const app = Fastify({ schemaController: { compilersFactory: { buildValidator: lazyValidatorFactory(), buildSerializer: lazySerializerFactory() } } });
    app.get('/h', { schema: { headers: { type: 'object', properties: { 'X-Key': { type: 'string' } } } } }, async () => 'ok');
    await expect(app.ready()).rejects.toThrow(/GET \/h: a headers schema is not lower-cased/);
    await app.close();
  });
});
