/**
 * Self-hosted GraphiQL: every byte the page needs is served by this process from installed npm
 * packages (graphiql's UMD bundle + React 18 UMD), so the IDE works with no network at all.
 * Apollo's landing page pulls its app from a CDN; it is disabled in favour of this page.
 *
 * - `registerGraphiql(app, { endpoint })` serves the assets under `/graphiql/assets/<name>` and the
 *   page itself at GET `/graphiql` (the gateway also answers GET /graphql + `Accept: text/html`
 *   with `graphiqlHtml('/graphql')`).
 * - The page's Content-Security-Policy (a `<meta>` tag, also sent as a header by the route here)
 *   allows scripts and connections to 'self' only, which proves nothing comes from a CDN.
 *   There is no inline script at all: the boot code is an asset too, and reads its config from a
 *   non-executable JSON `<script>`.
 */
import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { gzipSync } from 'node:zlib';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';

export interface GraphiqlOptions {
  /** The GraphQL endpoint the IDE POSTs to, e.g. '/graphql'. */
  endpoint: string;
  /** Where to serve the standalone page; `false` to not register it. Default '/graphiql'. */
  pagePath?: string | false;
}

export const GRAPHIQL_ASSET_PREFIX = '/graphiql/assets/';

export const GRAPHIQL_DEFAULT_QUERY = `# Anime federation: press Ctrl-Enter or ▶ to run.
{
  search(query: "cowboy bebop", first: 3) {
    totalCount
    nodes {
      id
      title
      year
      format
    }
  }
}
`;

/**
 * 'self' only. `data:` is needed for the fonts embedded in graphiql.min.css and for the inline
 * favicon (no network either way); inline styles are allowed because React/CodeMirror/Radix set
 * style attributes and inject small <style> elements. Scripts: 'self' only, no inline, no eval.
 */
export const GRAPHIQL_CSP = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "font-src 'self' data:",
  "img-src 'self' data:",
  "connect-src 'self'",
  "worker-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'self'",
].join('; ');

/** Boot code, served as an asset so the CSP needs no 'unsafe-inline' for scripts. */
const BOOT_JS = `(function () {
  'use strict';
  var config = JSON.parse(document.getElementById('graphiql-config').textContent);
  var fetcher = GraphiQL.createFetcher({ url: new URL(config.endpoint, location.href).toString() });
  var root = ReactDOM.createRoot(document.getElementById('graphiql'));
  root.render(
    React.createElement(GraphiQL, {
      fetcher: fetcher,
      defaultQuery: config.defaultQuery,
      defaultEditorToolsVisibility: true,
      shouldPersistHeaders: false,
    }),
  );
})();
`;

interface AssetSource {
  name: string;
  type: string;
  /** `package/relative-path`; resolved via the package's package.json (react's `exports` hides umd/). */
  file?: { pkg: string; path: string };
  inline?: string;
}

const SOURCES: readonly AssetSource[] = [
  { name: 'react.production.min.js', type: 'text/javascript; charset=utf-8', file: { pkg: 'react', path: 'umd/react.production.min.js' } },
  { name: 'react-dom.production.min.js', type: 'text/javascript; charset=utf-8', file: { pkg: 'react-dom', path: 'umd/react-dom.production.min.js' } },
  { name: 'graphiql.min.js', type: 'text/javascript; charset=utf-8', file: { pkg: 'graphiql', path: 'graphiql.min.js' } },
  { name: 'graphiql.min.css', type: 'text/css; charset=utf-8', file: { pkg: 'graphiql', path: 'graphiql.min.css' } },
  { name: 'graphiql-boot.js', type: 'text/javascript; charset=utf-8', inline: BOOT_JS },
];

interface Asset {
  name: string;
  type: string;
  /** The bytes, read on the first request for them (~3.5 MB that a server nobody opens GraphiQL on never holds). */
  body?: Buffer;
  /** Gzipped body, computed on first request that accepts gzip. */
  gzip?: Buffer;
  read: () => Buffer;
  etag: string;
  /** Short content hash, appended as ?v= to bust the immutable cache on upgrades. */
  version: string;
}

let assets: Map<string, Asset> | undefined;

/**
 * Finds every asset once per process (throws with a clear message if a package is missing). A
 * file's version is its package's name, version and path: the same release of a package ships the
 * same bytes, so nothing is read before a browser asks for it.
 */
function loadAssets(): Map<string, Asset> {
  if (assets) return assets;
  const require = createRequire(import.meta.url);
  const loaded = new Map<string, Asset>();
  for (const src of SOURCES) {
    let identity: string;
    let read: () => Buffer;
    if (src.file) {
      let pkgJson: string;
      try {
        pkgJson = require.resolve(`${src.file.pkg}/package.json`);
      } catch (err) {
        throw new Error(`GraphiQL asset ${src.name}: npm package '${src.file.pkg}' is not installed (npm ci)`, { cause: err });
      }
      const { version } = JSON.parse(readFileSync(pkgJson, 'utf8')) as { version?: string };
      const path = join(dirname(pkgJson), src.file.path);
      if (!existsSync(path)) throw new Error(`GraphiQL asset ${src.name}: ${src.file.pkg} has no ${src.file.path} (npm ci)`);
      identity = `${src.file.pkg}@${String(version)}/${src.file.path}`;
      read = () => readFileSync(path);
    } else {
      const body = Buffer.from(src.inline ?? '', 'utf8');
      identity = body.toString('utf8');
      read = () => body;
    }
    const hash = createHash('sha256').update(identity).digest('base64url');
    loaded.set(src.name, {
      name: src.name,
      type: src.type,
      read,
      etag: `"${hash.slice(0, 27)}"`,
      version: hash.slice(0, 12),
    });
  }
  assets = loaded;
  return loaded;
}

function assetUrl(name: string): string {
  const asset = loadAssets().get(name);
  if (!asset) throw new Error(`unknown GraphiQL asset ${name}`);
  return `${GRAPHIQL_ASSET_PREFIX}${asset.name}?v=${asset.version}`;
}

function escapeHtml(s: string): string {
  return s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

/** JSON safe to embed in a <script type="application/json"> element. */
function jsonForScript(value: unknown): string {
  return JSON.stringify(value)
    .replace(/</g, '\\u003c')
    .replace(/>/g, '\\u003e')
    .replace(/&/g, '\\u0026')
    .replace(/\u2028/g, '\\u2028')
    .replace(/\u2029/g, '\\u2029');
}

/** The GraphiQL page; it references only the local assets above. */
export function graphiqlHtml(endpoint: string): string {
  const config = jsonForScript({ endpoint, defaultQuery: GRAPHIQL_DEFAULT_QUERY });
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="${escapeHtml(GRAPHIQL_CSP)}">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="referrer" content="no-referrer">
<title>GraphiQL · anime federation</title>
<link rel="icon" href="data:,">
<link rel="stylesheet" href="${escapeHtml(assetUrl('graphiql.min.css'))}">
<style>html, body { height: 100%; margin: 0; overflow: hidden; } #graphiql { height: 100vh; }</style>
</head>
<body>
<div id="graphiql">Loading GraphiQL…</div>
<script type="application/json" id="graphiql-config">${config}</script>
<script src="${escapeHtml(assetUrl('react.production.min.js'))}"></script>
<script src="${escapeHtml(assetUrl('react-dom.production.min.js'))}"></script>
<script src="${escapeHtml(assetUrl('graphiql.min.js'))}"></script>
<script src="${escapeHtml(assetUrl('graphiql-boot.js'))}"></script>
</body>
</html>
`;
}

function acceptsGzip(request: FastifyRequest): boolean {
  const ae = request.headers['accept-encoding'];
  return typeof ae === 'string' && /\bgzip\b/.test(ae);
}

/** Serves the GraphiQL assets (and, unless `pagePath: false`, the page at GET /graphiql). */
export function registerGraphiql(app: FastifyInstance, opts: GraphiqlOptions): void {
  const table = loadAssets();
  const html = graphiqlHtml(opts.endpoint);

  app.get<{ Params: { name: string } }>(`${GRAPHIQL_ASSET_PREFIX}:name`, async (request, reply: FastifyReply) => {
    const asset = table.get(request.params.name);
    if (!asset) return reply.code(404).type('text/plain; charset=utf-8').send('Not Found');
    reply
      .header('content-type', asset.type)
      .header('cache-control', 'public, max-age=31536000, immutable')
      .header('etag', asset.etag)
      .header('vary', 'accept-encoding')
      .header('x-content-type-options', 'nosniff');
    if (request.headers['if-none-match'] === asset.etag) return reply.code(304).send();
    if (acceptsGzip(request)) {
      asset.gzip ??= gzipSync((asset.body ??= asset.read()), { level: 9 });
      return reply.header('content-encoding', 'gzip').send(asset.gzip);
    }
    return reply.send((asset.body ??= asset.read()));
  });

  const pagePath = opts.pagePath ?? '/graphiql';
  if (pagePath !== false) {
    app.get(pagePath, async (_request, reply) =>
      reply
        .type('text/html; charset=utf-8')
        .header('cache-control', 'no-cache')
        .header('content-security-policy', GRAPHIQL_CSP)
        .header('x-content-type-options', 'nosniff')
        .send(html),
    );
  }
}
