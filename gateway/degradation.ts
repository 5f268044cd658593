// `extensions.degradation` on gateway responses: one OutcomeRecorder per operation, filled by the
// upstream kit (embedded subgraphs run inside it) and by remote subgraphs, which send their own
// outcomes back as `extensions.sourceOutcomes` (see subgraph-server.ts). Levels: src/http/degradation.ts.
import type { ApolloServerPlugin, BaseContext } from '@apollo/server';
import { currentRecorder, OutcomeRecorder, summarizeOutcomes, withOutcomes } from '../src/http/index.js';

/** The extension key a subgraph server reports its upstream outcomes under. */
export const SOURCE_OUTCOMES_EXTENSION = 'sourceOutcomes';

// Keyed by the operation's context object, which Apollo hands to every data source unchanged.
const recorders = new WeakMap<object, OutcomeRecorder>();

/** The recorder of the gateway operation whose context this is. */
export function recorderOf(context: object | undefined): OutcomeRecorder | undefined {
  return context ? recorders.get(context) : undefined;
}

/** Gateway plugin: starts a recorder per operation and writes the summary into executed responses. */
export function degradationPlugin<TContext extends BaseContext>(): ApolloServerPlugin<TContext> {
  return {
    async requestDidStart({ contextValue }) {
      const recorder = new OutcomeRecorder();
      recorders.set(contextValue, recorder);
      // An operation run from inside another one (`ask` executes through the gateway) reports to it too.
      const parent = currentRecorder();
      return {
        async willSendResponse({ response }) {
          parent?.merge(recorder.outcomes);
          if (response.body.kind !== 'single') return;
          const result = response.body.singleResult;
          // Requests rejected before execution (syntax, validation, limits) touched nothing.
          if (!('data' in result)) return;
          result.extensions = { ...result.extensions, degradation: summarizeOutcomes(recorder.outcomes) };
        },
      };
    },
  };
}

/** Subgraph server plugin: reports the operation's upstream outcomes to the calling gateway. */
export function sourceOutcomesPlugin<TContext extends BaseContext>(): ApolloServerPlugin<TContext> {
  return {
    async requestDidStart() {
      return {
        async willSendResponse({ response }) {
          const recorder = currentRecorder();
          if (!recorder || response.body.kind !== 'single') return;
          const result = response.body.singleResult;
          result.extensions = { ...result.extensions, [SOURCE_OUTCOMES_EXTENSION]: recorder.outcomes };
        },
      };
    },
  };
}

/** Wraps a route handler (Fastify's) so everything it runs records into a fresh recorder. */
export function recordingOutcomes<A extends unknown[], R>(handler: (...args: A) => R): (...args: A) => R {
  return (...args) => withOutcomes(new OutcomeRecorder(), () => handler(...args));
}
