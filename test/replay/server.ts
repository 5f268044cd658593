// Loopback replay server: serves real upstream recordings on 127.0.0.1 so no test touches the
// internet, and injects faults (latency, status + Retry-After, truncated body, garbage, hang) to
// exercise the upstream kit. Every request is recorded with its arrival and completion time.
import { readFileSync } from 'node:fs';
import { createServer, type IncomingHttpHeaders, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';

export type ReplayMethod = 'GET' | 'POST';

export interface ReplayRequest {
  method: string;
  path: string;
  query: URLSearchParams;
  headers: IncomingHttpHeaders;
  body: string;
  /** Arrival time, ms (server clock, Date.now()). */
  at: number;
  /** When the response was finished or the socket destroyed; unset while in flight (or hanging). */
  doneAt?: number;
  /** Under a `barrier` fault: whether the barrier filled or its time ran out before the answer. */
  releasedBy?: 'barrier' | 'timeout';
}

export interface ReplayRoute {
  /** Unset: any method. */
  method?: ReplayMethod;
  path: string | RegExp;
  match?: (req: Pick<ReplayRequest, 'method' | 'path' | 'query' | 'headers' | 'body'>) => boolean;
  /** A real recording (JSON) served as the body. */
  file?: string;
  status?: number;
  headers?: Record<string, string>;
  /** A fixed body, or one composed from the request (e.g. the recorded items a batch request names). */
  body?: string | ((req: ReplayRequest) => string);
  /** Serve only this top-level key of the file. */
  jsonPath?: string;
}

export interface ReplayFaultTarget {
  path: string | RegExp;
  method?: ReplayMethod;
}

export interface ReplayFault {
  /** Delay before responding (combines with the other options). */
  latencyMs?: number;
  /** Respond with this status instead of the routed body. */
  status?: number;
  /** Sent as Retry-After (seconds) with `status`. */
  retryAfterS?: number;
  /** Apply to the next N matching requests, then stop; default: forever. */
  times?: number;
  /** Announce the full Content-Length, write half of the body, destroy the socket. */
  truncate?: boolean;
  /** 200 with the first half of the routed body (not valid JSON) and a matching Content-Length. */
  garbage?: boolean;
  /** Never respond (the socket is closed when the server closes). */
  hang?: boolean;
  /**
   * Hold each answer until `count` requests of this fault are held at once, then answer them all;
   * after `timeoutMs` a held request is answered anyway. Proves calls run in parallel without
   * timing: calls made one after another can never fill the barrier.
   */
  barrier?: { count: number; timeoutMs: number };
}

export interface ReplayServer {
  readonly url: string;
  route(route: ReplayRoute): void;
  fault(target: ReplayFaultTarget, fault: ReplayFault): void;
  readonly requests: ReplayRequest[];
  count(path?: string | RegExp): number;
  /** Clears faults and recorded requests; routes stay. */
  reset(): void;
  close(): Promise<void>;
}

interface ActiveFault {
  target: ReplayFaultTarget;
  fault: ReplayFault;
  remaining: number;
  /** Releases of the requests a barrier holds. */
  held: Array<() => void>;
}

const pathMatches = (pattern: string | RegExp, path: string) =>
  typeof pattern === 'string' ? pattern === path : pattern.test(path);

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

export async function startReplayServer(): Promise<ReplayServer> {
  const routes: ReplayRoute[] = [];
  let faults: ActiveFault[] = [];
  const requests: ReplayRequest[] = [];
  const sockets = new Set<Socket>();
  const fileCache = new Map<string, Buffer>();

  const routedBody = (route: ReplayRoute, record: ReplayRequest): Buffer => {
    if (typeof route.body === 'function') return Buffer.from(route.body(record), 'utf8');
    if (route.body !== undefined) return Buffer.from(route.body, 'utf8');
    if (route.file === undefined) return Buffer.alloc(0);
    const key = `${route.file}#${route.jsonPath ?? ''}`;
    let body = fileCache.get(key);
    if (!body) {
      const raw = readFileSync(route.file);
      body = route.jsonPath === undefined ? raw : Buffer.from(JSON.stringify(JSON.parse(raw.toString('utf8'))[route.jsonPath]), 'utf8');
      fileCache.set(key, body);
    }
    return body;
  };

  const takeFault = (record: ReplayRequest): ActiveFault | undefined => {
    const active = faults.find(
      (f) => f.remaining > 0 && (!f.target.method || f.target.method === record.method) && pathMatches(f.target.path, record.path),
    );
    if (!active) return undefined;
    active.remaining -= 1;
    return active;
  };

  const hold = (active: ActiveFault, record: ReplayRequest, barrier: { count: number; timeoutMs: number }) =>
    new Promise<void>((resolve) => {
      const timer = setTimeout(() => {
        active.held = active.held.filter((release) => release !== byBarrier);
        record.releasedBy = 'timeout';
        resolve();
      }, barrier.timeoutMs);
      const byBarrier = () => {
        clearTimeout(timer);
        record.releasedBy = 'barrier';
        resolve();
      };
      active.held.push(byBarrier);
      if (active.held.length >= barrier.count) for (const release of active.held.splice(0)) release();
    });

  const handle = async (req: IncomingMessage, res: ServerResponse) => {
    const at = Date.now();
    const url = new URL(req.url ?? '/', 'http://replay.local');
    const body = await readBody(req);
    const record: ReplayRequest = { method: req.method ?? 'GET', path: url.pathname, query: url.searchParams, headers: req.headers, body, at };
    requests.push(record);
    const done = () => {
      record.doneAt ??= Date.now();
    };
    res.on('finish', done);
    res.on('close', done);

    const route = routes.find(
      (r) => (!r.method || r.method === record.method) && pathMatches(r.path, record.path) && (!r.match || r.match(record)),
    );
    const active = takeFault(record);
    const fault = active?.fault;
    if (fault?.barrier) await hold(active!, record, fault.barrier);
    if (fault?.latencyMs) await new Promise((resolve) => setTimeout(resolve, fault.latencyMs));
    if (fault?.hang) return; // never answer; close() destroys the socket
    if (res.destroyed) return;

    if (fault?.status !== undefined) {
      const payload = JSON.stringify({ status: fault.status, message: 'fault injected by replay server' });
      const headers: Record<string, string | number> = { 'content-type': 'application/json', 'x-replay': 'fault', 'content-length': Buffer.byteLength(payload) };
      if (fault.retryAfterS !== undefined) headers['retry-after'] = String(fault.retryAfterS);
      res.writeHead(fault.status, headers).end(payload);
      return;
    }
    if (!route) {
      const payload = JSON.stringify({ status: 404, message: 'not recorded', replay: true });
      res.writeHead(404, { 'content-type': 'application/json', 'x-replay': 'miss', 'content-length': Buffer.byteLength(payload) }).end(payload);
      return;
    }

    const full = routedBody(route, record);
    const headers = { 'content-type': 'application/json', 'x-replay': 'hit', ...route.headers };
    if (fault?.garbage) {
      const half = full.subarray(0, Math.floor(full.length / 2));
      res.writeHead(200, { ...headers, 'x-replay': 'garbage', 'content-length': half.length }).end(half);
      return;
    }
    if (fault?.truncate) {
      res.writeHead(route.status ?? 200, { ...headers, 'x-replay': 'truncate', 'content-length': full.length });
      res.write(full.subarray(0, Math.floor(full.length / 2)), () => {
        res.destroy();
        done();
      });
      return;
    }
    res.writeHead(route.status ?? 200, { ...headers, 'content-length': full.length }).end(full);
  };

  const server = createServer((req, res) => {
    handle(req, res).catch((error: unknown) => {
      if (!res.headersSent) res.writeHead(500, { 'content-type': 'text/plain', 'x-replay': 'error' });
      res.end(`replay server error: ${String(error)}`);
    });
  });
  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;

  return {
    url: `http://127.0.0.1:${port}`,
    route(route) {
      routes.push(route);
    },
    fault(target, fault) {
      faults.push({ target, fault, remaining: fault.times ?? Number.POSITIVE_INFINITY, held: [] });
    },
    requests,
    count(path) {
      return path === undefined ? requests.length : requests.filter((r) => pathMatches(path, r.path)).length;
    },
    reset() {
      faults = [];
      requests.length = 0;
    },
    close() {
      return new Promise<void>((resolve) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
        server.closeAllConnections();
      });
    },
  };
}
