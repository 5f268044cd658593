// `npm run start:subgraph -- <name>`: serve one subgraph on PORT (distributed mode).
import { ConfigError, loadConfig } from '../../src/config/index.js';
import { createSubgraphApp } from '../subgraph-server.js';
import { SUBGRAPHS } from '../subgraphs.js';

const name = process.argv[2];
try {
  if (!name) throw new ConfigError(`usage: npm run start:subgraph -- <${SUBGRAPHS.map((s) => s.name).join('|')}>`);
  const config = loadConfig();
  const app = await createSubgraphApp(name, config);
  const shutdown = async (signal: string) => {
    app.log.info({ signal }, 'shutting down');
    await app.close();
    process.exit(0);
  };
  process.once('SIGINT', () => void shutdown('SIGINT'));
  process.once('SIGTERM', () => void shutdown('SIGTERM'));
  const address = await app.listen({ port: config.PORT, host: config.HOST });
  app.log.info(`subgraph ${name} at ${address}/graphql`);
} catch (error) {
  process.stderr.write(`start:subgraph failed: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
}
