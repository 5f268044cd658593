// `npm run start:distributed`: every subgraph its own process on PORT+1, PORT+2, … (or from
// DISTRIBUTED_BASE_PORT), and the gateway on PORT calling them over HTTP. Ctrl-C stops them all.
import { fileURLToPath } from 'node:url';
import { ConfigError } from '../../src/config/index.js';
import { startDistributed } from '../distributed.js';

const subgraphScript = fileURLToPath(new URL('./start-subgraph.js', import.meta.url));

try {
  const running = await startDistributed({ subgraphArgs: (name) => [subgraphScript, name] });
  running.gateway.app.log.info(`distributed: gateway at ${running.url}/graphql, ${running.subgraphs.size} subgraph processes`);
  const shutdown = async (reason: string, code: number) => {
    running.gateway.app.log.info({ reason }, 'shutting down the gateway and every subgraph');
    await running.close();
    process.exit(code);
  };
  process.once('SIGINT', () => void shutdown('SIGINT', 0));
  process.once('SIGTERM', () => void shutdown('SIGTERM', 0));
  void running.crashed.then((name) => shutdown(`subgraph ${name} exited`, 1));
} catch (error) {
  const message = error instanceof ConfigError ? error.message : error instanceof Error ? error.message : String(error);
  process.stderr.write(`start:distributed failed: ${message}\n`);
  process.exit(1);
}
