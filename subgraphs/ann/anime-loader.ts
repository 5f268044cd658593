// Gathers the ANN ids asked for while one operation resolves (an `_entities` call with many
// anime) into `api.xml?anime=1/2/…` calls of up to 50 ids.
import DataLoader from 'dataloader';
import type { SourceAnswer } from '../../src/http/types.js';
import { ANN_MAX_IDS_PER_REQUEST, type AnnApi } from './client.js';
import type { UpstreamAnnAnime } from './upstream.js';

export type AnnAnswer = SourceAnswer<UpstreamAnnAnime>;
export type AnnLoader = DataLoader<number, AnnAnswer | null>;

/**
 * One loader per operation, found by the operation's context object, for the reasons
 * subgraphs/anilist/media-loader.ts gives: a batch shared by concurrent operations would record
 * every upstream outcome into the first one's recorder and fail them together.
 */
export function annLoaderPerOperation(api: Pick<AnnApi, 'animeMany'>): (context: unknown) => AnnLoader {
  const loaders = new WeakMap<object, AnnLoader>();
  const contextless = createAnnLoader(api, { cache: false });
  return (context) => {
    if (typeof context !== 'object' || context === null) return contextless;
    let loader = loaders.get(context);
    if (!loader) loaders.set(context, (loader = createAnnLoader(api, { cache: true })));
    return loader;
  };
}

function createAnnLoader(api: Pick<AnnApi, 'animeMany'>, { cache }: { cache: boolean }): AnnLoader {
  return new DataLoader<number, AnnAnswer | null>(
    async (ids) => {
      const { found } = await api.animeMany(ids);
      // An id ANN has no result for (its <warning>) is absence: null, not an error.
      return ids.map((id) => found.get(id) ?? null);
    },
    {
      cache,
      // One batch is one upstream call, so a failed call fails only the ids it carried.
      maxBatchSize: ANN_MAX_IDS_PER_REQUEST,
      batchScheduleFn: (dispatch) => setImmediate(dispatch),
    },
  );
}
