// ANN encyclopedia answers → AnnAnime, on the real recordings of test/fixtures/upstream/ann (see
// PROVENANCE.md): one raw api.xml answer and two rebuilt from their holder's JSON.
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { projectRoot } from '../../src/config/index.js';
import { AnimeFormat } from '../../src/domain/index.js';
import { missingIdsOf, toAnnAnime } from './mapper.js';
import { annAnswerSchema, decodeXml } from './upstream.js';

const fixture = (name: string) => readFileSync(resolve(projectRoot(), 'test/fixtures/upstream/ann', name), 'utf8');
const answerOf = (xml: string) => annAnswerSchema.parse(decodeXml('ann', xml, 'text/xml', 200));
const animeOf = (name: string) => toAnnAnime(answerOf(fixture(name)).anime[0]!);

describe('toAnnAnime', () => {
  it('maps every part of the raw Jinki:Extend answer (anime 4658)', () => {
    const anime = animeOf('bacowan_annExample_anime_4658_jinki_extend.xml');
    expect(anime).toMatchObject({
      id: 4658,
      url: 'https://www.animenewsnetwork.com/encyclopedia/anime.php?id=4658',
      name: 'Jinki:Extend',
      type: 'TV',
      format: AnimeFormat.TV,
      precision: 'TV',
      mainTitle: 'Jinki:Extend',
      genres: ['drama', 'science fiction'],
      themes: ['Giant Robots', 'mecha', 'military', 'real robot'],
      objectionableContent: 'TA',
      episodeCount: 12,
      vintage: ['2005-01-05 to 2005-03-23'],
      openingThemes: ['"FLY AWAY" by unicorn table'],
      // ANN escapes markup inside values (&lt;i&gt;); the field is plain text.
      endingThemes: ['"未来とゆう名の答え (Mirai to yuu na no kotae)" by angela'],
      picture: 'http://cdn.animenewsnetwork.com/thumbnails/fit200x200/encyc/A4658-7.jpg',
      ratings: { votes: 406, weightedScore: 5.9799, bayesianScore: 6.02802 },
      related: [{ relation: 'adapted from', annId: 4199, direction: 'PREVIOUS' }],
      generatedOn: new Date('2015-07-26T18:51:26Z'),
    });
    expect(anime.titles).toEqual([
      { title: 'Jinki:Extend', language: 'JA', kind: 'MAIN' },
      { title: 'Боевые роботы Дзинки', language: 'RU', kind: 'ALTERNATIVE' },
      { title: 'ジンキ・エクステンド', language: 'JA', kind: 'ALTERNATIVE' },
    ]);
    expect(anime.plotSummary).toMatch(/^Aoba is a young girl who loves to build models of robots\./);
    expect(anime.officialWebsites[1]).toEqual({ title: 'TV Asahi\'s Official "Jinki: Extend" Website', url: 'http://www.tv-asahi.co.jp/jinki/', language: 'JA' });
    expect(anime.episodes).toHaveLength(13);
    expect(anime.episodes[0]).toEqual({ num: '1', number: 1, titles: [{ title: 'The Battlefield the Girl Saw', language: 'EN' }] });
    expect(anime.staff).toEqual([
      { task: 'Director', person: { id: 3610, name: 'Masahiko Murata' } },
      { task: 'Storyboard', person: { id: 4422, name: 'Kinji Yoshimoto' } },
      { task: 'Music', person: { id: 140, name: 'Kenji Kawai' } },
    ]);
    expect(anime.cast[2]).toEqual({ role: 'Shizuka Tsuzaki', language: 'JA', person: { id: 278, name: 'Satsuki Yukino' } });
    expect(anime.companies).toEqual([
      { task: 'Animation Production', company: { id: 8883, name: 'feel.' } },
      { task: 'Production', company: { id: 8883, name: 'feel.' } },
    ]);
    expect(anime.news).toHaveLength(16);
    expect(anime.news[6]).toEqual({
      title: "Shonen Gangan Details Gainax's Shikabane Hime: Aka Anime",
      url: 'http://www.animenewsnetwork.com/news/2008-06-11/shonen-gangan-details-gainax-shikabane-hime-aka-anime',
      date: '2008-06-11T17:57:28Z',
    });
    expect(anime.reviews).toHaveLength(3);
    expect(anime.releases[0]).toEqual({
      title: 'Jinki: Extend - Complete Series (DVD)',
      url: 'http://www.animenewsnetwork.com/encyclopedia/releases.php?id=14829',
      date: '2009-09-08',
    });
    expect(anime.otherInfo).toEqual([]);
  });

  it('reads the answers rebuilt from JSON, where the holder\'s conversion lost attributes of elements with children', () => {
    const part2 = animeOf('sprak3000_api_anime_885_rebuilt.xml');
    expect(part2).toMatchObject({ id: 885, name: 'Lupin III: Part II', mainTitle: 'Lupin III: Part II', type: null, format: AnimeFormat.UNKNOWN, episodeCount: 155, runningTime: 'half hour' });
    expect(part2.titles).toHaveLength(10);
    expect(part2.genres).toEqual(['adventure', 'comedy', 'science fiction']);
    expect(part2.vintage).toHaveLength(4);
    expect(part2.openingThemes[0]).toBe('#1: "THEME FROM LUPIN III (Non-vocal)" by Yuji Ohno (eps 1-26)');
    // Episode numbers (the num attribute) are among what the conversion lost.
    expect(part2.episodes).toHaveLength(156);
    expect(part2.episodes[0]).toEqual({ num: null, number: null, titles: [{ title: 'The Dashing Entrance of Lupin III', language: 'EN' }] });
    expect(part2.staff).toHaveLength(55);
    expect(part2.cast[0]).toEqual({ role: 'Goemon Ishikawa', language: null, person: { id: 536, name: 'Steve Kramer' } });
    expect(part2.news).toEqual([
      {
        title: 'Sherlock Hound Anime Streamed in English on YouTube',
        url: expect.stringMatching(/^http:\/\/www\.animenewsnetwork\.com\/news\/2009-04-17\/sherlock-ho/),
        date: '2009-04-17T06:33:20Z',
      },
    ]);
    expect(part2.releases).toHaveLength(20);
    expect(part2.ratings).toBeNull();

    const sweet = animeOf('sprak3000_api_anime_10076_rebuilt.xml');
    expect(sweet).toMatchObject({ id: 10076, mainTitle: 'Lupin III: Sweet Lost Night - Mahō no Lamp wa Akumu no Yokan', genres: ['action'], vintage: ['2008-07-25', '2009-03-14 (Italy)'] });
    expect(sweet.companies).toEqual([
      { task: 'Animation Production', company: { id: 1555, name: 'Tokyo Movie' } },
      { task: 'Production', company: { id: 292, name: 'TMS Entertainment' } },
    ]);
  });
});

describe('missingIdsOf', () => {
  it('reads the ids of ANN\'s "no result" warnings', () => {
    expect(missingIdsOf([{ '#text': 'no result for anime=999999' }, { '#text': 'something else' }])).toEqual([999999]);
  });
});
