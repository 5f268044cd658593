// Linking news to catalog anime, on real ANN headlines (the <news> titles of the recorded api.xml
// answers, test/fixtures/upstream/ann) against the full default catalog.
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { loadCatalog, type Catalog } from '../../src/catalog/index.js';
import { titleKey } from '../../src/catalog/search/normalize.js';
import { loadConfig, projectRoot } from '../../src/config/index.js';
import { linkAnime, titleKeysOf, type TitleKeys } from './news.js';
import { annAnswerSchema, decodeXml } from './upstream.js';

let catalog: Catalog;
let keys: TitleKeys;

/** Every recorded headline, as ANN wrote it (with its <cite> markup). */
const HEADLINES = ['bacowan_annExample_anime_4658_jinki_extend.xml', 'sprak3000_api_anime_885_rebuilt.xml'].flatMap((file) => {
  const xml = readFileSync(resolve(projectRoot(), 'test/fixtures/upstream/ann', file), 'utf8');
  return annAnswerSchema.parse(decodeXml('ann', xml, 'text/xml', 200)).anime[0]!.news.map((n) => n['#text']!);
});
const headline = (start: string) => HEADLINES.find((h) => h.startsWith(start))!;
const linked = (title: string, description: string | null = null) => linkAnime(title, description, keys).map((l) => [l.name, l.record.id, l.record.title]);

beforeAll(async () => {
  catalog = await loadCatalog(loadConfig({ LOG_LEVEL: 'silent' }));
  keys = titleKeysOf(catalog.records);
});

describe('linkAnime on real ANN headlines', () => {
  it('links the titles a headline cites, and titles of two words or more in its text', () => {
    expect(HEADLINES).toHaveLength(17);
    expect(linked(headline('<cite>Shonen Gangan</cite>'))).toEqual([['Shikabane Hime: Aka', 'mal:4581', 'Shikabane Hime: Aka']]);
    // A cited list of titles: each title is found in the headline's words. "Strike Witches" is the
    // TV series' title and, by AniDB's titles dump, a synonym of the pilot OVA: the title wins.
    expect(linked(headline('Dubbed <cite>Strike Witches'))).toEqual([['Strike Witches', 'mal:3667', 'Strike Witches']]);
    // Shattered Angels is the English title of Kyoushirou to Towa no Sora (AniDB's titles dump).
    expect(linked(headline('<cite>Shattered Angels'))).toEqual([
      ['Shattered Angels', 'mal:1810', 'Kyoushirou to Towa no Sora'],
      ['Gunslinger Girl', 'mal:134', 'Gunslinger Girl'],
    ]);
    // An English title the catalog lists as a synonym.
    expect(linked(headline('<cite>Sherlock Hound</cite>'))).toEqual([['Sherlock Hound', 'mal:1972', 'Meitantei Holmes']]);
  });

  it('links nothing where no catalog title is named exactly', () => {
    const unlinked = HEADLINES.filter((h) => !/Shikabane|Strike Witches|Gunslinger|Sherlock|Moeyo Ken/.test(h));
    expect(unlinked).toHaveLength(12);
    for (const h of unlinked) expect([h, linked(h)]).toEqual([h, []]);
  });

  it('links a cited name that is exactly one entry\'s synonym (AniDB\'s names included)', () => {
    // "Moeyo Ken" is not a title in the catalog ("Kidou Shinsengumi Moeyo Ken", TV and OVA), but
    // AniDB's titles dump lists it as a name of the TV series, and of no other entry.
    expect(linked(headline('Crunchyroll, Funimation Stream Shinkai Works'))).toEqual([['Moeyo Ken', 'mal:511', 'Kidou Shinsengumi Moeyo Ken TV']]);
  });

  it('links a one-word title only where ANN cites it', () => {
    const another = keys.get(titleKey('Another'));
    expect(another?.title).toBe('Another');
    expect(linked('Another Anime Gets New Cast Member')).toEqual([]);
    expect(linked('<cite>Another</cite> Anime Gets New Cast Member')).toEqual([['Another', another!.id, 'Another']]);
  });

  it('links no name two catalog entries share', () => {
    const shared = catalog.records.flatMap((r) => [r.title, ...r.synonyms]).find((name) => titleKey(name).length >= 8 && name.includes(' ') && keys.get(titleKey(name)) === null)!;
    expect(shared).toBeDefined();
    expect(linked(`<cite>${shared}</cite> Gets Sequel`)).toEqual([]);
    expect(linked(`${shared} Gets Sequel`)).toEqual([]);
  });
});
