// The crosswalk harvest on real AnimeSchedule recordings, and the overlay it feeds to the catalog.
import { readFileSync } from 'node:fs';
import { applyOverlay } from '../../src/catalog/crosswalk-overlay.js';
import { loadConfig } from '../../src/config/index.js';
import { Platform, type AnimeRecord } from '../../src/domain/index.js';
import { createUpstreamKit } from '../../src/http/index.js';
import { startReplayServer, type ReplayServer } from '../../test/replay/server.js';
import { AnimeScheduleApi } from './client.js';
import { crosswalkEntryOf, harvestCrosswalk } from './crosswalk.js';
import { animeSchema } from './upstream.js';

const fixture = (name: string) => `test/fixtures/upstream/animeschedule/${name}`;

describe('AnimeSchedule crosswalk', () => {
  it("reads the platform pages of a real entry (Cowboy Bebop's websites)", () => {
    const bebop = animeSchema.parse(JSON.parse(readFileSync(fixture('anime-cowboy-bebop.json'), 'utf8')));
    expect(crosswalkEntryOf(bebop)).toEqual({
      ref: 'animeschedule:cowboy-bebop',
      urls: ['https://myanimelist.net/anime/1', 'https://anilist.co/anime/1', 'https://kitsu.app/anime/1', 'https://anidb.net/anime/23'],
    });
  });

  it('completes a catalog record with the ids it lacks, never overriding one', () => {
    const bebop = animeSchema.parse(JSON.parse(readFileSync(fixture('anime-cowboy-bebop.json'), 'utf8')));
    const record = {
      platformIds: [
        { platform: Platform.MAL, id: '1', url: 'https://myanimelist.net/anime/1' },
        { platform: Platform.ANIDB, id: '23', url: 'https://anidb.net/anime/23' },
      ],
      relations: [],
    } as unknown as AnimeRecord;
    const report = applyOverlay([record], { source: 'animeschedule', harvestedAt: '2026-11-26T00:00:00Z', entries: [crosswalkEntryOf(bebop)!] });
    expect(report).toMatchObject({ idsAdded: 2, conflicts: 0, unmatched: 0 });
    expect(record.platformIds.map((p) => `${p.platform}:${p.id}`).sort()).toEqual(['ANIDB:23', 'ANILIST:1', 'KITSU:1', 'MAL:1']);
  });

  describe('harvest through the kit', () => {
    let replay: ReplayServer;
    beforeAll(async () => {
      replay = await startReplayServer();
      replay.route({ method: 'GET', path: '/v3/anime', match: (r) => r.query.get('page') === '1', file: fixture('anime-anidb-ids-4880.json') });
      replay.route({ method: 'GET', path: '/v3/anime', match: (r) => r.query.get('page') === '2', status: 404, body: readFileSync(fixture('anime-not-found.txt'), 'utf8') });
    });
    afterAll(() => replay.close());

    it('pages until AnimeSchedule answers 404 and keeps entries with ids', async () => {
      const config = loadConfig({ ANIMESCHEDULE_BASE_URL: `${replay.url}/v3`, ANIMESCHEDULE_TOKEN: 'test-token' });
      const kit = createUpstreamKit(config, { namespace: `harvest-${Date.now()}` });
      const progress: number[] = [];
      const overlay = await harvestCrosswalk(new AnimeScheduleApi(kit, config), { onProgress: ({ page }) => progress.push(page) });
      await kit.close();
      expect(progress).toEqual([1]);
      expect(replay.count('/v3/anime')).toBe(2);
      expect(overlay.entries).toHaveLength(1);
      expect(overlay.entries[0]!.urls).toContain('https://myanimelist.net/anime/1735');
      expect(replay.requests.every((r) => r.headers['authorization'] === 'Bearer test-token')).toBe(true);
    });
  });
});
