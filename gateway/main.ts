// `npm start`: the embedded server (gateway + every subgraph in one process).
import { ConfigError, loadConfig } from '../src/config/index.js';
import { createApp } from './app.js';

async function main(): Promise<void> {
  const config = loadConfig();
  const { app, close } = await createApp({ config });
  const shutdown = async (signal: string) => {
    app.log.info({ signal }, 'shutting down');
    await close();
    process.exit(0);
  };
  process.once('SIGINT', () => void shutdown('SIGINT'));
  process.once('SIGTERM', () => void shutdown('SIGTERM'));
  const address = await app.listen({ port: config.PORT, host: config.HOST });
  app.log.info(`GraphQL at ${address}/graphql (GraphiQL in a browser), health at ${address}/health`);
}

main().catch((error: unknown) => {
  const message = error instanceof ConfigError ? error.message : error instanceof Error ? (error.stack ?? error.message) : String(error);
  process.stderr.write(`anime-federation failed to start: ${message}\n`);
  process.exit(1);
});
