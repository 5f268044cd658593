// `npm run crosswalk:harvest`: collect the platform ids AnimeSchedule reports into the crosswalk
// overlay (CATALOG_CROSSWALK_PATH) that the catalog applies at start-up. Needs ANIMESCHEDULE_TOKEN.
import { resolve } from 'node:path';
import { writeOverlay } from '../../src/catalog/crosswalk-overlay.js';
import { ConfigError, loadConfig } from '../../src/config/index.js';
import { createUpstreamKit } from '../../src/http/index.js';
import { AnimeScheduleApi } from '../../subgraphs/animeschedule/client.js';
import { harvestCrosswalk } from '../../subgraphs/animeschedule/crosswalk.js';

const config = loadConfig();
const kit = createUpstreamKit(config);
try {
  if (!config.ANIMESCHEDULE_TOKEN) throw new ConfigError('set ANIMESCHEDULE_TOKEN (an AnimeSchedule v3 application token) to harvest');
  const path = resolve(config.root, config.CATALOG_CROSSWALK_PATH);
  const overlay = await harvestCrosswalk(new AnimeScheduleApi(kit, config), {
    onProgress: ({ page, entries }) => process.stderr.write(`crosswalk: page ${page}, ${entries} entries with ids\n`),
  });
  await writeOverlay(path, overlay);
  process.stdout.write(`crosswalk: wrote ${overlay.entries.length} entries to ${path}\n`);
} catch (error) {
  process.stderr.write(`crosswalk:harvest failed: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exitCode = 1;
} finally {
  await kit.close();
}
