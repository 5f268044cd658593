// The chat model behind the optional LLM path, chosen by configuration. The provider package is
// loaded only when configured, so the default install never reaches for a model.
import type { BaseChatModel } from '@langchain/core/language_models/chat_models';
import type { Config } from '../config/index.js';

export class LlmConfigError extends Error {}

export async function chatModelFromConfig(config: Pick<Config, 'NLQ_LLM_PROVIDER' | 'NLQ_LLM_MODEL' | 'NLQ_LLM_BASE_URL' | 'NLQ_LLM_API_KEY'>): Promise<BaseChatModel | undefined> {
  if (config.NLQ_LLM_PROVIDER === 'none') return undefined;
  if (!config.NLQ_LLM_API_KEY && !config.NLQ_LLM_BASE_URL) {
    throw new LlmConfigError('NLQ_LLM_PROVIDER=openai needs NLQ_LLM_API_KEY (or NLQ_LLM_BASE_URL of a server that needs none)');
  }
  const { ChatOpenAI } = await import('@langchain/openai');
  return new ChatOpenAI({
    model: config.NLQ_LLM_MODEL,
    apiKey: config.NLQ_LLM_API_KEY ?? 'not-needed',
    temperature: 0,
    maxRetries: 1,
    configuration: config.NLQ_LLM_BASE_URL ? { baseURL: config.NLQ_LLM_BASE_URL } : undefined,
  });
}
