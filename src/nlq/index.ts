// Public face of the natural-language resolver: text → one persisted operation with variables,
// by the deterministic parser or, when a chat model is given, by the model's checked proposal.
import { resolve } from 'node:path';
import type { BaseChatModel } from '@langchain/core/language_models/chat_models';
import type { Catalog } from '../catalog/index.js';
import { projectRoot } from '../config/index.js';
import { Conversations, hasRefinement, listItems, mergeRefinement, pickOrdinal } from './conversation.js';
import { askModel } from './llm.js';
import { OperationCatalog } from './operations.js';
import { parseQuestion } from './parser.js';
import { japaneseToCues } from './japanese.js';
import { buildResult } from './result.js';
import { catalogTitleTest, toTitleRef } from './titles.js';
import type { Intent, NlqContext, NlqResult, OperationName, Slots, TitleRef } from './types.js';

export { MAX_QUESTION_LENGTH } from './parser.js';
export type { Intent, NlqContext, NlqResult, OperationName, Slots, TitleRef } from './types.js';
export { OPERATION_NAMES } from './types.js';
export { OperationCatalog } from './operations.js';

export interface NlqResolverOptions {
  catalog: Catalog;
  /** A chat model; its proposals are checked, and the parser answers when they fail. */
  llm?: BaseChatModel;
  /** Persisted operations (default schema/operations) and the API schema they are checked against. */
  operationsDir?: string;
  schemaPath?: string;
}

export interface NlqResolver {
  resolve(text: string, ctx?: NlqContext): Promise<NlqResult>;
  /** Tells the session what the operation really answered (upstream lists), for "the second one". */
  remember(sessionId: string, items: TitleRef[]): void;
}

const INTENT_OF: Record<OperationName, Intent> = {
  SearchAnime: 'search',
  GetAnimeById: 'details',
  GetAnimeRecommendations: 'recommendations',
  GetSeasonalAnime: 'seasonal',
  GetStreamingInfo: 'streaming',
  CompareRatings: 'compare_ratings',
  AiringSchedule: 'schedule',
  GetFranchise: 'franchise',
  TopAnime: 'top',
  FindSimilarAnime: 'similar',
  SemanticSearch: 'semantic',
  SearchByImage: 'image',
  NextEpisode: 'next_episode',
  BrowseAnime: 'search',
  GetAnimeFromSource: 'details',
  GetAnimeFromAnidb: 'details',
  GetAnimeFromAnn: 'details',
  GetAnimeCharacters: 'characters',
  GetAnimeStaff: 'staff',
  GetAnimeEpisodes: 'episodes',
  GetAnimeReviews: 'reviews',
  AnimeNews: 'news',
  LivechartSeason: 'seasonal',
};

const TITLE_INTENTS = new Set<Intent>(['details', 'recommendations', 'similar', 'streaming', 'compare_ratings', 'franchise', 'next_episode', 'characters', 'staff', 'episodes', 'reviews']);

const hasSimilarityFilter = (s: Slots) => !!(s.formats?.length || s.statuses?.length) || s.yearFrom != null || s.yearTo != null;

/** What a question about another anime keeps from the previous one (its region, not its title). */
function carried(slots: Slots): Slots {
  const { region, source, service, first } = slots;
  return { region, source, service, first };
}

export function createNlqResolver(options: NlqResolverOptions): NlqResolver {
  const { catalog, llm } = options;
  const root = projectRoot();
  const operations = new OperationCatalog(options.operationsDir ?? resolve(root, 'schema/operations'), options.schemaPath ?? resolve(root, 'schema/api.graphql'));
  const conversations = new Conversations();

  const isTitle = catalogTitleTest(catalog);

  function parse(asked: string, ctx: NlqContext): NlqResult {
    // A question in Japanese is read through its cue words in English (japanese.ts).
    const text = japaneseToCues(asked, isTitle);
    const state = conversations.get(ctx.sessionId);
    const pick = state ? pickOrdinal(text, state.items) : null;
    const parsed = parseQuestion(catalog, pick?.text ?? text, ctx, { focus: state?.focus, picked: pick?.picked });
    let result = parsed.result;
    if (pick) result.slots.ordinal = pick.ordinal;
    if (state && !pick && parsed.refinementOnly && hasRefinement(result.slots)) {
      const slots = mergeRefinement(state.last.slots, result.slots);
      // "only movies" after recommendations: only content similarity can keep to it (likeness.ts).
      const intent = state.last.intent === 'recommendations' && hasSimilarityFilter(slots) ? 'similar' : state.last.intent;
      const merged = buildResult(intent, slots, ctx, null);
      if (merged.operation === state.last.operation || intent !== state.last.intent) result = merged;
    }
    // "what about Vinland Saga?" after a question on one anime: the same question about another.
    if (state && !pick && TITLE_INTENTS.has(state.last.intent) && result.intent === 'search' && result.slots.id && /^(?:and |but )?(?:what|how) about\b|^and\b/i.test(text.trim())) {
      const { title, id, malId } = result.slots;
      result = buildResult(state.last.intent, { ...carried(state.last.slots), title, id, malId, followUp: true }, ctx, null);
    }
    if (pick) result.explanation = result.explanation.replace(/\.$/, `; result #${pick.ordinal} of the previous answer.`);
    return result;
  }

  function fromProposal(operation: OperationName, variables: Record<string, unknown>, reason: string): NlqResult {
    const slots: Slots = { ...variables };
    const id = typeof variables.id === 'string' ? catalog.byId(variables.id) : undefined;
    if (id) Object.assign(slots, { title: id.title });
    return {
      intent: INTENT_OF[operation],
      operation,
      variables,
      slots,
      explanation: `The language model proposed ${operation} with ${JSON.stringify(variables)}; ${reason}.`,
      suggestions: [],
      via: 'llm',
    };
  }

  function save(ctx: NlqContext, result: NlqResult): void {
    const state = conversations.get(ctx.sessionId);
    const items = listItems(catalog, result) ?? state?.items ?? [];
    const record = typeof result.slots.id === 'string' ? catalog.byId(result.slots.id) : undefined;
    const focus = record ? toTitleRef(record) : (items[0] ?? state?.focus ?? null);
    conversations.save(ctx.sessionId, { last: result, items, focus });
  }

  return {
    async resolve(text, ctx = {}) {
      let result: NlqResult | null = null;
      let rejected = '';
      if (llm) {
        const proposal = await askModel(llm, operations, text, ctx, conversations.get(ctx.sessionId)?.last ?? null);
        const checked = proposal.ok ? operations.check(proposal.operation, proposal.variables) : proposal;
        if (proposal.ok && checked.ok) result = fromProposal(proposal.operation as OperationName, checked.variables, 'checked against the persisted operation and the schema');
        else if (!checked.ok) rejected = checked.error;
      }
      if (!result) {
        result = parse(text, ctx);
        if (rejected) result.explanation += ` (The language model's proposal was not used: ${rejected}.)`;
      }
      save(ctx, result);
      return result;
    },
    remember(sessionId, items) {
      conversations.remember(sessionId, items);
    },
  };
}
export { titledItems, type RememberedItem } from './remembered.js';
export { chatModelFromConfig, LlmConfigError } from './chat-model.js';
export { phraseAnswer } from './answer.js';
