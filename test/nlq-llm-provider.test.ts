// The configured LLM path end to end over HTTP: ChatOpenAI talks to a loopback stand-in of an
// OpenAI-compatible server (the process edge), its proposal is validated before it is used, and a
// bad proposal falls back to the deterministic parser.
import { createServer, type Server } from 'node:http';
import { loadCatalog, type Catalog } from '../src/catalog/index.js';
import { loadConfig } from '../src/config/index.js';
import { chatModelFromConfig, createNlqResolver, LlmConfigError } from '../src/nlq/index.js';

let server: Server;
let baseUrl: string;
let reply = '';
const prompts: string[] = [];
let catalog: Catalog;

beforeAll(async () => {
  server = createServer(async (req, res) => {
    let body = '';
    for await (const chunk of req) body += chunk;
    prompts.push(body);
    res.writeHead(200, { 'content-type': 'application/json' }).end(
      JSON.stringify({
        id: 'chatcmpl-test',
        object: 'chat.completion',
        created: 0,
        model: 'test-model',
        choices: [{ index: 0, message: { role: 'assistant', content: reply }, finish_reason: 'stop' }],
        usage: { prompt_tokens: 1, completion_tokens: 1, total_tokens: 2 },
      }),
    );
  });
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  baseUrl = `http://127.0.0.1:${(server.address() as { port: number }).port}/v1`;
  catalog = await loadCatalog(loadConfig({}));
}, 120_000);
afterAll(() => server?.close());

describe('NLQ with a configured OpenAI-compatible model', () => {
  it('is off by default and refuses a half-configured provider', async () => {
    expect(await chatModelFromConfig(loadConfig({}))).toBeUndefined();
    await expect(chatModelFromConfig(loadConfig({ NLQ_LLM_PROVIDER: 'openai' }))).rejects.toBeInstanceOf(LlmConfigError);
  });

  it('uses a valid proposal from the model, and falls back to the parser on an invalid one', async () => {
    const llm = await chatModelFromConfig(loadConfig({ NLQ_LLM_PROVIDER: 'openai', NLQ_LLM_BASE_URL: baseUrl, NLQ_LLM_MODEL: 'test-model' }));
    const nlq = createNlqResolver({ catalog, llm });

    reply = 'Sure: {"operation": "GetFranchise", "variables": {"id": "mal:16498"}}';
    const good = await nlq.resolve('in what order should I watch attack on titan', {});
    expect(good).toMatchObject({ via: 'llm', operation: 'GetFranchise', variables: { id: 'mal:16498' } });
    expect(prompts.at(-1)).toContain('test-model');

    reply = '{"operation": "DropAllTables", "variables": {}}';
    const bad = await nlq.resolve('watch order of shingeki no kyojin', {});
    expect(bad.via).toBe('parser');
    expect(bad.operation).toBe('GetFranchise');
  });
});
