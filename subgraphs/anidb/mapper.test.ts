// The AniDB mapper on real recordings (test/fixtures/upstream/anidb): Haikyuu!! (aid 10145),
// Fullmetal Panic? Fumoffu (959), the trimmed Evangelion sample (22) and the ongoing Bahamut (11223).
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { AnimeFormat, AnimeStatus, Platform } from '../../src/domain/index.js';
import { parseSourceUrl } from '../../src/crosswalk/index.js';
import { decodeAnidbAnswer } from './client.js';
import { crosswalkEntryOf } from './crosswalk.js';
import { AnidbEpisodeKind, toAnidbAnime, toSynopsis } from './mapper.js';
import { anidbAnimeSchema } from './upstream.js';

const fixture = (name: string) => readFileSync(resolve(process.cwd(), 'test/fixtures/upstream/anidb', name), 'utf8');
const read = (name: string) => anidbAnimeSchema.parse(decodeAnidbAnswer(fixture(name), 'text/xml', 200)).anime;
const TODAY = new Date('2026-12-02T00:00:00Z');

describe('toAnidbAnime', () => {
  const haikyuu = toAnidbAnime(read('vagab0nd_10145.xml'), TODAY);

  it('keeps every title with its language and type', () => {
    expect(haikyuu.title).toBe('Haikyuu!!');
    expect(haikyuu.titleRomaji).toBe('Haikyuu!!');
    expect(haikyuu.titleEnglish).toBe('Haikyu!!');
    expect(haikyuu.titleJapanese).toBe('ハイキュー!!');
    expect(haikyuu.titles).toContainEqual({ title: 'Висока топка', language: 'bg', type: 'synonym' });
    expect(haikyuu.titles).toContainEqual({ title: '排球少年!!', language: 'zh-Hans', type: 'official' });
  });

  it('reads the three ratings with their votes and scores the permanent one', () => {
    expect(haikyuu.ratings).toEqual({
      permanent: { value: 8.27, votes: 2196 },
      temporary: { value: 8.04, votes: 2212 },
      review: { value: 6.66, votes: 1 },
    });
    expect(haikyuu.score).toBe(8.27);
  });

  it('maps type, dates, status, studio and creators', () => {
    expect(haikyuu).toMatchObject({ id: 10145, url: 'https://anidb.net/anime/10145', type: 'TV Series', format: AnimeFormat.TV, episodeCount: 25 });
    expect(haikyuu).toMatchObject({ startDate: '2014-04-06', endDate: '2014-09-21', status: AnimeStatus.COMPLETED, restricted: false });
    expect(haikyuu.studios).toEqual(['Production I.G']);
    expect(haikyuu.creators).toContainEqual({ id: 39882, name: 'Furudate Haruichi', role: 'Original Work' });
    expect(haikyuu.picture).toBe('https://cdn.anidb.net/images/main/152230.jpg');
  });

  it('turns resources into crosswalk ids (MAL, ANN, Syoboi) and links', () => {
    const of = (type: number) => haikyuu.resources.filter((r) => r.type === type);
    expect(of(2)).toEqual([{ type: 2, site: 'MyAnimeList', platform: Platform.MAL, identifiers: ['20583'], url: 'https://myanimelist.net/anime/20583' }]);
    expect(of(1)[0]).toMatchObject({ platform: Platform.ANN, identifiers: ['15683'] });
    expect(of(8)[0]).toMatchObject({ platform: Platform.SYOBOCAL, identifiers: ['3380'] });
    expect(of(6)[0]).toMatchObject({ site: 'Wikipedia (English)', platform: Platform.OTHER, identifiers: ['Haikyū!!'] });
    expect(of(4).map((r) => r.url)).toEqual(['http://www.production-ig.co.jp/works/haikyu/', 'http://www.j-haikyu.com/anime/index.html']);
  });

  it('orders episodes regular first, then credits and trailers, with titles and air dates', () => {
    expect(haikyuu.episodes).toHaveLength(30);
    expect(haikyuu.episodes.slice(0, 25).every((e) => e.kind === AnidbEpisodeKind.REGULAR)).toBe(true);
    expect(haikyuu.episodes.slice(0, 3).map((e) => e.index)).toEqual([1, 2, 3]);
    expect(haikyuu.episodes.slice(25).map((e) => e.number)).toEqual(['C1', 'C2', 'C3', 'C4', 'T1']);
    const first = haikyuu.episodes[0]!;
    expect(first.airDate).toBe('2014-04-06');
    expect(first.title).toEqual(expect.any(String));
    expect(first.titles.map((t) => t.language)).toEqual(expect.arrayContaining(['en', 'ja', 'x-jat']));
  });

  it('keeps tag weights and spoiler flags', () => {
    expect(haikyuu.tags.length).toBeGreaterThan(10);
    expect(haikyuu.tags.every((t) => t.weight === null || (t.weight >= 0 && t.weight <= 600))).toBe(true);
    expect(haikyuu.tags.some((t) => (t.weight ?? 0) > 0)).toBe(true);
  });

  it('writes the description as plain text: AniDB links become their labels', () => {
    expect(haikyuu.description).toContain('http://anidb.net/ch60471 [Hinata Shouyou]');
    expect(haikyuu.synopsis).toMatch(/^A chance event triggered Hinata Shouyou`s love for volleyball/);
    expect(haikyuu.synopsis).not.toContain('anidb.net');
    expect(toSynopsis('see http://anidb.net/cr123 [Someone] here')).toBe('see Someone here');
  });

  it('decodes numeric character references in episode titles (Evangelion sample)', () => {
    const eva = toAnidbAnime(read('darkfeline_anime_aid22.xml'), TODAY);
    expect(eva.episodes[0]!.titles).toContainEqual({ title: '使徒, 襲来', language: 'ja', type: null });
    expect(eva.episodes.map((e) => [e.number, e.kind])).toEqual([
      ['1', AnidbEpisodeKind.REGULAR],
      ['S1', AnidbEpisodeKind.SPECIAL],
    ]);
    expect(eva.ratings.review).toEqual({ value: 8.08, votes: 30 });
    expect(eva.episodes[0]!.rating).toEqual({ value: 5.91, votes: 51 });
  });

  it('handles an entry without an end date, review rating or characters (Bahamut)', () => {
    const bahamut = toAnidbAnime(read('darkfeline_anime_ongoing_aid11223.xml'), new Date('2017-05-01T00:00:00Z'));
    expect(bahamut).toMatchObject({ endDate: null, status: AnimeStatus.AIRING, score: 7.57, titleEnglish: null });
    expect(bahamut.ratings.review).toBeNull();
    expect(toAnidbAnime(read('darkfeline_anime_ongoing_aid11223.xml'), TODAY).status).toBe(AnimeStatus.UNKNOWN);
  });

  it('reads every recording', () => {
    for (const name of ['vagab0nd_959.xml', 'vagab0nd_series_aid1.xml', 'vagab0nd_series2_aid5576.xml']) {
      const anime = toAnidbAnime(read(name), TODAY);
      expect(anime.titles.length).toBeGreaterThan(0);
      expect(anime.episodes.length).toBeGreaterThan(0);
      expect(anime.resources.some((r) => r.platform === Platform.MAL)).toBe(true);
    }
    // Zoku Sayonara Zetsubou-sensei links two MAL entries.
    expect(toAnidbAnime(read('vagab0nd_series2_aid5576.xml'), TODAY).resources.filter((r) => r.platform === Platform.MAL).map((r) => r.identifiers[0])).toEqual(['3228', '8317']);
  });
});

describe('crosswalkEntryOf', () => {
  it('turns AniDB resources into a crosswalk overlay entry (AniDB, MAL, ANN, Syoboi)', () => {
    const entry = crosswalkEntryOf(toAnidbAnime(read('vagab0nd_10145.xml'), TODAY))!;
    expect(entry.ref).toBe('anidb:10145');
    expect(entry.urls.map((u) => parseSourceUrl(u)).map((p) => `${p.platform}:${p.id}`)).toEqual(['ANIDB:10145', 'ANN:15683', 'MAL:20583', 'SYOBOCAL:3380']);
  });
});
