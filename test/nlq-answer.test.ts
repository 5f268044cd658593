// `ask` end to end on the replay server's real recordings (test/support/replay-bebop.ts): a source
// pinned and read now (AniDB's record of Haikyuu!!, aid 10145), one anime's characters, staff,
// episodes and reviews (Jikan's recordings of Cowboy Bebop and Sword Art Online), and the news feed
// (the real RSS feed standing in for ANN's); each answer phrased by `phraseAnswer`.
import { createApp, type App } from '../gateway/app.js';
import { phraseAnswer } from '../src/nlq/index.js';
import type { ReplayServer } from './replay/server.js';
import { RECORDED_SCHEDULE_NOW, startRecordedUpstreams } from './support/replay-bebop.js';

let app: App;
let replay: ReplayServer;
let origin: string;

beforeAll(async () => {
  const upstreams = await startRecordedUpstreams();
  replay = upstreams.replay;
  app = await createApp({ logger: false, config: upstreams.config, now: () => RECORDED_SCHEDULE_NOW });
  origin = await app.app.listen({ port: 0, host: '127.0.0.1' });
}, 120_000);

afterAll(async () => {
  await app?.close();
  await replay?.close();
});

interface Asked {
  intent: string;
  slots?: Record<string, unknown>;
  operation: string;
  variables: Record<string, unknown>;
  explanation: string;
  result: Record<string, any> | null;
}

async function ask(text: string): Promise<Asked> {
  const response = await fetch(`${origin}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ query: 'query($t: String!) { ask(text: $t) { intent operation variables explanation result } }', variables: { t: text } }),
  });
  const body = (await response.json()) as { data?: { ask: Asked }; errors?: unknown[] };
  expect(body.data?.ask).toBeDefined();
  return body.data!.ask;
}

describe('ask on recorded upstreams', () => {
  it('pins AniDB for "what does AniDB rate Haikyuu!!", reads it now and answers with its rating on its scale', async () => {
    const answer = await ask('what does AniDB rate Haikyuu!!');
    expect(answer).toMatchObject({ operation: 'GetAnimeFromSource', variables: { source: 'ANIDB', withAnidb: true } });
    expect(answer.explanation).toContain('reading AniDB (rated 1–10) now');
    // aid 10145's recorded answer: <permanent count="2196">8.27</permanent>.
    expect(answer.result!.anime.anidb.ratings.permanent).toEqual({ value: 8.27, votes: 2196 });
    expect(replay.requests.some((r) => r.path === '/anidb/httpapi' && r.query.get('aid') === '10145')).toBe(true);
    expect(phraseAnswer(answer, answer.result)).toMatch(/^AniDB rates Haikyuu!! 8\.27\/10 from 2,196 votes \(its scale: 1–10\)/);
  });

  it('answers who voices whom from the characters list, first characters first', async () => {
    const answer = await ask('who voices Spike in Cowboy Bebop');
    expect(answer).toMatchObject({ intent: 'characters', operation: 'GetAnimeCharacters', variables: { id: 'mal:1' } });
    const first = answer.result!.anime.mal.characters[0];
    const voice = first.voiceActors.find((v: { language: string }) => v.language === 'Japanese');
    expect(phraseAnswer(answer, answer.result)).toContain(`Characters of Cowboy Bebop on MyAnimeList: ${first.character.name}, voiced by ${voice.person.name} (Japanese)`);
    // The character asked about comes first: MAL's "Spiegel, Spike" and his Japanese voice.
    const spike = answer.result!.anime.mal.characters.find((c: { character: { name: string } }) => c.character.name === 'Spiegel, Spike');
    const spikeVoice = spike.voiceActors.find((v: { language: string }) => v.language === 'Japanese').person.name;
    expect(phraseAnswer({ ...answer, slots: { character: 'spike' } }, answer.result)).toMatch(new RegExp(`^Spiegel, Spike, voiced by ${spikeVoice} \\(Japanese\\)\\. Characters of`));
  });

  it.each([
    ['staff of Sword Art Online', 'GetAnimeStaff', /^Staff of Sword Art Online on MyAnimeList: Iwakami, Atsuhiro \(Producer\)\.$/],
    ['episode list of Sword Art Online', 'GetAnimeEpisodes', /^Episodes of Sword Art Online on MyAnimeList: 1\. /],
    ['reviews of Sword Art Online', 'GetAnimeReviews', /MyAnimeList reviews? of Sword Art Online/],
  ])('"%s" → %s, phrased from its first entries', async (text, operation, phrase) => {
    const answer = await ask(text);
    expect(answer).toMatchObject({ operation, variables: { id: 'mal:11757' } });
    expect(phraseAnswer(answer, answer.result)).toMatch(phrase);
  });

  it('answers "latest anime news" from the news feed, newest titles first', async () => {
    const answer = await ask('latest anime news');
    expect(answer).toMatchObject({ intent: 'news', operation: 'AnimeNews', variables: {} });
    const items = answer.result!.annNews as Array<{ title: string }>;
    expect(items.length).toBeGreaterThan(0);
    expect(phraseAnswer(answer, answer.result)).toContain(`Latest news: “${items[0]!.title}”`);
  });
});
