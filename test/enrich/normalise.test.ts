// The normalisers on real recordings, field by field against the raw JSON: every recorded AniList
// Media (full Media answers and shorter Page items), Jikan's /full and base answers, Kitsu
// resources without includes.
import { AnimeFormat, AnimeStatus, Season } from '../../src/domain/index.js';
import { isClassFailure, normaliseAnilist, normaliseJikan, normaliseKitsu, type FieldPayloads, type NormalisedAnswer } from '../../src/enrich/index.js';
import { anilistMediaSchema } from '../../subgraphs/anilist/upstream.js';
import { animeResponse } from '../../subgraphs/jikan/payloads.js';
import { kitsuAnimeDocument } from '../../subgraphs/kitsu/payloads.js';
import { ANILIST_MEDIA_FILES, anilistMediaById, kitsuResourcesById, recording } from './recordings.js';

function classOf<K extends keyof FieldPayloads>(answer: NormalisedAnswer, key: K): FieldPayloads[K] {
  const value = answer[key];
  if (value === null || isClassFailure(value)) throw new Error(`${key} is ${JSON.stringify(value)}`);
  return value as FieldPayloads[K];
}

describe('AniList Media → field classes', () => {
  const media = anilistMediaById();

  it('reads all 15 recorded Media, every class, none failing', () => {
    expect(media.size).toBe(15);
    for (const raw of media.values()) {
      const answer = normaliseAnilist(anilistMediaSchema.parse(raw));
      for (const value of Object.values(answer)) expect(isClassFailure(value)).toBe(false);
      if (raw.title.romaji) expect(classOf(answer, 'titles').romaji).toBe(raw.title.romaji);
      else expect(answer.titles).toBeNull();
      expect(classOf(answer, 'facts').format).not.toBe(AnimeFormat.UNKNOWN);
    }
  });

  it('Cowboy Bebop (full Media answer): titles, synopsis, genres, tags with rank, scores, facts, pictures, relations', () => {
    const raw = recording(ANILIST_MEDIA_FILES[0]!).data.Media;
    const answer = normaliseAnilist(anilistMediaSchema.parse(raw));
    const titles = classOf(answer, 'titles');
    expect(titles).toMatchObject({ romaji: raw.title.romaji, english: raw.title.english, native: raw.title.native });
    // Every recorded synonym survives (none of them repeats a main title here).
    expect(titles.synonyms).toEqual(raw.synonyms);
    const synopsis = classOf(answer, 'synopsis').text;
    expect(synopsis.startsWith('Enter a world in the distant future, where Bounty Hunters roam the solar system.')).toBe(true);
    expect(synopsis).not.toMatch(/<[a-z]+/i);
    expect(synopsis).toContain('\n\nWhile traveling, they meet up');
    const genres = classOf(answer, 'genres');
    expect(genres.genres).toEqual(raw.genres);
    expect(genres.tags.map((t) => [t.name, t.rank])).toEqual(
      [...raw.tags].sort((a: any, b: any) => b.rank - a.rank).map((t: any) => [t.name, t.rank]),
    );
    const scores = classOf(answer, 'scores');
    expect(scores).toMatchObject({ raw: raw.averageScore, score: raw.averageScore / 10, scaleMax: 100, popularity: raw.popularity, popularityKind: 'anilist-list-users', favourites: raw.favourites });
    expect(scores.votes).toBe(raw.stats.scoreDistribution.reduce((sum: number, b: any) => sum + b.amount, 0));
    const facts = classOf(answer, 'facts');
    expect(facts).toMatchObject({ format: AnimeFormat.TV, status: AnimeStatus.COMPLETED, episodes: raw.episodes, durationMinutes: raw.duration, season: Season.SPRING, year: raw.seasonYear, startDate: '1998-04-03', endDate: '1999-04-24' });
    expect(facts.studios).toEqual(raw.studios.edges.map((e: any) => ({ name: e.node.name, main: e.isMain })).sort((a: any, b: any) => Number(b.main) - Number(a.main)));
    expect(classOf(answer, 'pictures')).toEqual({ large: raw.coverImage.extraLarge, medium: raw.coverImage.large, small: null, banner: raw.bannerImage, color: null });
    const relations = classOf(answer, 'relations').relations;
    const animeEdges = raw.relations.edges.filter((e: any) => e.node.type === 'ANIME');
    expect(relations.map((r) => [r.relationType, r.id])).toEqual(animeEdges.map((e: any) => [e.relationType, String(e.node.id)]));
    expect(relations.find((r) => r.id === '5')).toMatchObject({ kind: 'SIDE_STORY', platform: 'ANILIST', format: 'MOVIE' });
  });

  it('a Page item (Gintama: THE FINAL) has what the page asked: no synonyms, tags or relations', () => {
    const raw = media.get(114129);
    const answer = normaliseAnilist(anilistMediaSchema.parse(raw));
    // That page asked only `title { userPreferred }`.
    expect(answer.titles).toBeNull();
    expect(classOf(answer, 'genres')).toEqual({ genres: raw.genres, tags: [] });
    expect(classOf(answer, 'pictures')).toMatchObject({ large: raw.coverImage.extraLarge, color: raw.coverImage.color });
    expect(answer.relations).toBeNull();
    expect(classOf(answer, 'facts')).toMatchObject({ format: AnimeFormat.MOVIE, episodes: raw.episodes, studios: raw.studios.edges.map((e: any) => ({ name: e.node.name, main: e.isMain })) });
  });

  it('a RELEASING Media reports AIRING, so it refreshes daily', () => {
    const answer = normaliseAnilist(anilistMediaSchema.parse(media.get(235)));
    expect(classOf(answer, 'facts').status).toBe(AnimeStatus.AIRING);
  });
});

describe('Jikan anime → field classes', () => {
  it('Cowboy Bebop /full: titles, plain synopsis without the credit line, genres and themes, scores, facts, relations', () => {
    const raw = recording('jikan/anime-1-full.json').data;
    const answer = normaliseJikan(animeResponse.parse({ data: raw }).data);
    expect(classOf(answer, 'titles')).toEqual({ romaji: raw.title, english: raw.title_english, native: raw.title_japanese, synonyms: raw.title_synonyms });
    const synopsis = classOf(answer, 'synopsis').text;
    expect(raw.synopsis).toContain('[Written by MAL Rewrite]');
    expect(synopsis).not.toContain('[Written by');
    expect(synopsis.endsWith('revenge for his old wounds.')).toBe(true);
    const genres = classOf(answer, 'genres');
    expect(genres.genres).toEqual(raw.genres.map((g: any) => g.name));
    expect(genres.tags.map((t) => t.name)).toEqual([...raw.themes, ...raw.demographics].map((g: any) => g.name));
    expect(classOf(answer, 'scores')).toMatchObject({ score: raw.score, raw: raw.score, scaleMax: 10, votes: raw.scored_by, popularity: raw.members, popularityKind: 'mal-members' });
    expect(classOf(answer, 'facts')).toMatchObject({ format: AnimeFormat.TV, status: AnimeStatus.COMPLETED, episodes: 26, durationMinutes: 24, startDate: '1998-04-03', endDate: '1999-04-24', isAdult: false });
    expect(classOf(answer, 'pictures')).toMatchObject({ large: raw.images.jpg.large_image_url, medium: raw.images.jpg.image_url, small: raw.images.jpg.small_image_url });
    const relations = classOf(answer, 'relations').relations;
    const animeEntries = raw.relations.flatMap((r: any) => r.entry.filter((e: any) => e.type === 'anime').map((e: any) => [r.relation, String(e.mal_id)]));
    expect(relations.map((r) => [r.relationType, r.id])).toEqual(animeEntries);
    expect(relations.find((r) => r.id === '5')).toMatchObject({ kind: 'SIDE_STORY', platform: 'MAL' });
  });

  it('a base-endpoint answer (SAO) has no relations class rather than an empty one', () => {
    const raw = recording('jikan/anime-11757.json').data;
    const answer = normaliseJikan(animeResponse.parse({ data: raw }).data);
    expect(answer.relations).toBeNull();
    expect(classOf(answer, 'titles').english).toBe(raw.title_english);
  });
});

describe('Kitsu anime → field classes', () => {
  it('Cowboy Bebop: The Movie (kitsu 2): locale titles, synopsis, 0–100 rating as 0–10, users, poster', () => {
    const resource = kitsuResourcesById().get('2');
    const answer = normaliseKitsu(kitsuAnimeDocument.parse({ data: resource }));
    const a = resource.attributes;
    const titles = classOf(answer, 'titles');
    expect(titles).toMatchObject({ romaji: a.titles.en_jp, english: a.titles.en ?? a.titles.en_us ?? null, native: a.titles.ja_jp });
    expect(classOf(answer, 'synopsis').text.startsWith(a.synopsis.slice(0, 60))).toBe(true);
    expect(classOf(answer, 'scores')).toMatchObject({ raw: Number(a.averageRating), score: Math.round(Number(a.averageRating) * 10) / 100, scaleMax: 100, popularity: a.userCount, popularityKind: 'kitsu-users' });
    expect(classOf(answer, 'scores').votes).toBe(Object.values(a.ratingFrequencies).reduce((s: number, v: any) => s + Number(v), 0));
    expect(classOf(answer, 'facts')).toMatchObject({ format: AnimeFormat.MOVIE, episodes: a.episodeCount, startDate: a.startDate, endDate: a.endDate });
    expect(classOf(answer, 'pictures')).toMatchObject({ large: a.posterImage.original, medium: a.posterImage.medium, small: a.posterImage.tiny });
    expect(answer.relations).toBeNull();
    // Not included in the recorded request: genres and categories are unknown, not empty.
    expect(answer.genres).toBeNull();
  });
});
