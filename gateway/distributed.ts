// Scale mode on one machine: every subgraph its own process (`start:subgraph`) and the gateway
// calling them over HTTP, started, watched and stopped together (`npm run start:distributed`).
import { spawn, type ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';
import { createInterface } from 'node:readline';
import { ConfigError, loadConfig, type Config } from '../src/config/index.js';
import { createApp, type App } from './app.js';
import { SUBGRAPHS } from './subgraphs.js';

export interface DistributedOptions {
  /** The environment every process reads its configuration from (process.env by default). */
  env?: NodeJS.ProcessEnv;
  /** Node arguments that run one subgraph service: [script, name] for the built CLI. */
  subgraphArgs(name: string): string[];
  /** Where the processes' output and the runner's own lines go. */
  write?(line: string): void;
  /** How long a subgraph may take to answer /health (a cold catalog load takes a while). */
  readyTimeoutMs?: number;
}

export interface Distributed {
  gateway: App;
  url: string;
  subgraphs: Map<string, string>;
  /** Stops the gateway, then every subgraph (SIGTERM, SIGKILL after 10 s). */
  close(): Promise<void>;
  /** Resolves when a subgraph process exits on its own (the runner should stop then). */
  crashed: Promise<string>;
}

/** Throws a ConfigError naming the first port that cannot be bound. */
export async function assertPortsFree(ports: Array<[label: string, port: number]>, host: string): Promise<void> {
  for (const [label, port] of ports) {
    await new Promise<void>((resolve, reject) => {
      const probe = createServer();
      probe.once('error', (error: NodeJS.ErrnoException) =>
        reject(
          new ConfigError(
            error.code === 'EADDRINUSE'
              ? `port ${port} (${label}) is taken: stop what listens there, or set PORT / DISTRIBUTED_BASE_PORT`
              : `port ${port} (${label}) cannot be used: ${error.message}`,
          ),
        ),
      );
      probe.listen(port, host, () => probe.close(() => resolve()));
    });
  }
}

async function waitHealthy(url: string, child: ChildProcess, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null || child.signalCode !== null) throw new Error(`exited (${child.exitCode ?? child.signalCode}) before answering ${url}`);
    try {
      const response = await fetch(url, { signal: AbortSignal.timeout(2_000) });
      if (response.ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  throw new Error(`did not answer ${url} within ${Math.round(timeoutMs / 1000)} s`);
}

function stop(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    const kill = setTimeout(() => child.kill('SIGKILL'), 10_000);
    child.once('exit', () => {
      clearTimeout(kill);
      resolve();
    });
    child.kill('SIGTERM');
  });
}

export async function startDistributed(options: DistributedOptions): Promise<Distributed> {
  const env = options.env ?? process.env;
  const write = options.write ?? ((line: string) => process.stdout.write(`${line}\n`));
  const config: Config = loadConfig(env);
  // Subgraphs listen on loopback only: the gateway is the one door (and the host guard's).
  const subgraphHost = '127.0.0.1';
  const basePort = config.DISTRIBUTED_BASE_PORT ?? config.PORT + 1;
  const ports = SUBGRAPHS.map((s, i) => [s.name, basePort + i] as const);
  await assertPortsFree([['gateway', config.PORT], ...ports.map(([name, port]) => [`subgraph ${name}`, port] as [string, number])], subgraphHost);
  const gatewayUrl = `http://127.0.0.1:${config.PORT}/graphql`;
  const children = new Map<string, ChildProcess>();
  /** The last lines each process wrote: a subgraph that dies at start says why in the error. */
  const lastLines = new Map<string, string[]>();
  let closing = false;
  let onCrash: (name: string) => void = () => {};
  const crashed = new Promise<string>((resolve) => (onCrash = resolve));

  const stopAll = () => Promise.all([...children.values()].map(stop)).then(() => undefined);
  try {
    for (const [name, port] of ports) {
      const child = spawn(process.execPath, options.subgraphArgs(name), {
        env: { ...env, PORT: String(port), HOST: subgraphHost, SUBGRAPH_URLS: '', GATEWAY_URL: gatewayUrl },
        stdio: ['ignore', 'pipe', 'pipe'],
      });
      children.set(name, child);
      const recent: string[] = [];
      lastLines.set(name, recent);
      for (const stream of [child.stdout!, child.stderr!]) {
        createInterface({ input: stream }).on('line', (line) => {
          write(`[${name}] ${line}`);
          recent.push(line);
          if (recent.length > 5) recent.shift();
        });
      }
      child.once('exit', (code, signal) => {
        if (closing) return;
        write(`[${name}] exited (${code ?? signal})`);
        onCrash(name);
      });
    }
    // Started together, waited for together: the catalog loads in several of them at once.
    await Promise.all(
      ports.map(async ([name, port]) => {
        try {
          await waitHealthy(`http://${subgraphHost}:${port}/health`, children.get(name)!, options.readyTimeoutMs ?? 180_000);
        } catch (error) {
          // Let the output streams drain, so the error can quote the process's last words.
          await new Promise((resolve) => setTimeout(resolve, 100));
          const said = lastLines.get(name)?.join(' | ');
          throw new Error(`subgraph ${name} ${error instanceof Error ? error.message : String(error)}${said ? `; it said: ${said}` : ''}`);
        }
        write(`subgraph ${name} ready at http://${subgraphHost}:${port}/graphql`);
      }),
    );
  } catch (error) {
    closing = true;
    await stopAll();
    throw error;
  }

  const subgraphs = new Map(ports.map(([name, port]) => [name, `http://${subgraphHost}:${port}/graphql`]));
  const gatewayConfig = loadConfig({ ...env, SUBGRAPH_URLS: [...subgraphs].map(([name, url]) => `${name}=${url}`).join(',') });
  let gateway: App;
  try {
    gateway = await createApp({ config: gatewayConfig });
  } catch (error) {
    closing = true;
    await stopAll();
    throw error;
  }
  const url = await gateway.app.listen({ port: gatewayConfig.PORT, host: gatewayConfig.HOST });
  return {
    gateway,
    url,
    subgraphs,
    crashed,
    async close() {
      if (closing) return;
      closing = true;
      await gateway.close();
      await stopAll();
    },
  };
}
