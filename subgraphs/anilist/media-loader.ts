// Gathers the AniList ids asked for while one operation resolves (an `_entities` call with many
// ids, a list of relations) into `Page { media(id_in) }` calls.
import DataLoader from 'dataloader';
import type { SourceAnswer } from '../../src/http/types.js';
import type { AnilistApi } from './client.js';
import { MAX_PER_PAGE } from './queries.js';
import type { AnilistMediaPayload } from './upstream.js';

export type MediaAnswer = SourceAnswer<AnilistMediaPayload>;
export type MediaLoader = DataLoader<number, MediaAnswer | null>;

/**
 * One loader per operation, found by the operation's context object (Apollo gives every
 * operation its own; in embedded mode the gateway passes its operation's context to each
 * subgraph). Per operation rather than one shared loader because the batch runs in the async
 * context of the load that opened it: a batch shared by concurrent operations would record every
 * upstream outcome into the first operation's recorder (src/http/outcomes.ts) and fail them all
 * together. Memoising inside one operation is safe (it dies with the context); caching across
 * operations is the kit's job.
 */
export function mediaLoaderPerOperation(api: Pick<AnilistApi, 'mediaManyWithMeta'>): (context: unknown) => MediaLoader {
  const loaders = new WeakMap<object, MediaLoader>();
  // Only an execution without a context object lands here; no memo, so nothing outlives a request.
  const contextless = createMediaLoader(api, { cache: false });
  return (context) => {
    if (typeof context !== 'object' || context === null) return contextless;
    let loader = loaders.get(context);
    if (!loader) loaders.set(context, (loader = createMediaLoader(api, { cache: true })));
    return loader;
  };
}

function createMediaLoader(api: Pick<AnilistApi, 'mediaManyWithMeta'>, { cache }: { cache: boolean }): MediaLoader {
  return new DataLoader<number, MediaAnswer | null>(
    async (ids) => {
      const found = await api.mediaManyWithMeta(ids);
      return ids.map((id) => found.get(id) ?? null);
    },
    {
      cache,
      // One batch is one upstream call, so a failed call fails only the ids it carried.
      maxBatchSize: MAX_PER_PAGE,
      // Later than DataLoader's default, which leaves on a process.nextTick once the promise jobs
      // queued so far have run: setImmediate also waits for ticks queued after it, so a sibling
      // whose resolution takes a nextTick detour still joins (the old batcher's timing).
      batchScheduleFn: (dispatch) => setImmediate(dispatch),
    },
  );
}
