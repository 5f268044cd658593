// Apps for the access suites: the real app on the real catalog (loaded once per file and shared),
// upstreams replayed from real recordings, each app with its own SQLite store in a temp folder.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createApp, type App } from '../../gateway/app.js';
import { loadCatalog, type Catalog } from '../../src/catalog/index.js';
import type { ReplayServer } from '../replay/server.js';
import { RECORDED_SCHEDULE_NOW, recordedUpstreamConfig, startRecordedUpstreams, writeBebopOverlay } from '../support/replay-bebop.js';

export interface Harness {
  replay: ReplayServer;
  catalog: Catalog;
  dir: string;
  /** A listening app with these settings (on top of the replay config and a store in `dir`). */
  start(env?: Record<string, string>): Promise<{ app: App; origin: string }>;
  close(): Promise<void>;
}

export async function accessHarness(): Promise<Harness> {
  const { replay, config } = await startRecordedUpstreams();
  const catalog = await loadCatalog(config);
  const dir = mkdtempSync(join(tmpdir(), 'access-'));
  const apps: App[] = [];
  return {
    replay,
    catalog,
    dir,
    async start(env = {}) {
      // No background similarity build: it would share the CPU with every request of the suite.
      const own = recordedUpstreamConfig(replay, await writeBebopOverlay(), { STORE_PATH: join(dir, 'store.sqlite'), SIMILARITY_WARM: '0', ...env });
      const app = await createApp({ logger: false, config: own, catalog, now: () => RECORDED_SCHEDULE_NOW });
      apps.push(app);
      const origin = await app.app.listen({ port: 0, host: '127.0.0.1' });
      return { app, origin };
    },
    async close() {
      for (const app of apps) await app.close();
      await replay.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

export interface Answer {
  status: number;
  headers: Headers;
  body: any;
}

export async function call(origin: string, path: string, init: RequestInit & { key?: string; keyHeader?: 'bearer' | 'x-api-key' } = {}): Promise<Answer> {
  const headers = new Headers(init.headers);
  if (init.key !== undefined) {
    if (init.keyHeader === 'x-api-key') headers.set('x-api-key', init.key);
    else headers.set('authorization', `Bearer ${init.key}`);
  }
  const response = await fetch(`${origin}${path}`, { ...init, headers });
  const text = await response.text();
  let body: unknown = text;
  try {
    body = JSON.parse(text);
  } catch {
    // Not JSON (SSE from MCP): kept as text.
  }
  return { status: response.status, headers: response.headers, body };
}

export const json = (body: unknown, extra: Record<string, string> = {}) => ({
  method: 'POST',
  body: JSON.stringify(body),
  headers: { 'content-type': 'application/json', accept: 'application/json, text/event-stream', ...extra },
});

export const MCP_INITIALIZE = { jsonrpc: '2.0', id: 1, method: 'initialize', params: { protocolVersion: '2025-06-18', capabilities: {}, clientInfo: { name: 'access-test', version: '1' } } };
