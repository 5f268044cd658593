// Animation studios people name in questions ("anime by Kyoto Animation", "MAPPA shows from
// 2020", 「京アニの作品」), with the spelling the catalog's `studios` filter is given. Names that are
// also plain words ("bones", "trigger", "shaft") count only with a cue: "by", "studio", "from".
import type { Phrase } from './phrase.js';
import type { Slots } from './types.js';

interface Studio {
  /** Regex source of the ways it is typed, lower case. */
  words: string;
  name: string;
  /** A word of everyday English: needs "by X", "studio X" or "X studio". */
  needsCue?: boolean;
}

const STUDIOS: readonly Studio[] = [
  { words: 'kyoto animation|kyoani|kyo ani|京都アニメーション|京アニ', name: 'Kyoto Animation' },
  { words: 'mappa', name: 'MAPPA' },
  { words: 'madhouse|mad house|マッドハウス', name: 'Madhouse' },
  { words: 'ufotable|ユーフォーテーブル', name: 'ufotable' },
  { words: '(?:studio )?ghibli|スタジオジブリ|ジブリ', name: 'Studio Ghibli' },
  { words: 'toei animation|toei|東映アニメーション|東映', name: 'Toei Animation' },
  { words: 'production i\\.?g|production ig|prod i\\.?g|i\\.g|プロダクション・?アイジー|プロダクションi\\.g', name: 'Production I.G' },
  { words: 'wit studio', name: 'Wit Studio' },
  { words: 'wit', name: 'Wit Studio', needsCue: true },
  { words: 'cloverworks|clover works', name: 'CloverWorks' },
  { words: 'a-1 pictures|a1 pictures|a-1', name: 'A-1 Pictures' },
  { words: 'j\\.?c\\.? ?staff', name: 'J.C.Staff' },
  { words: 'science saru|サイエンスsaru', name: 'Science SARU' },
  { words: 'p\\.?a\\.? works', name: 'P.A. Works' },
  { words: 'doga kobo|dogakobo|動画工房', name: 'Doga Kobo' },
  { words: 'kinema citrus', name: 'Kinema Citrus' },
  { words: 'white fox', name: 'White Fox' },
  { words: 'david production', name: 'David Production' },
  { words: 'silver link', name: 'Silver Link' },
  { words: 'lerche', name: 'Lerche' },
  { words: 'sunrise|サンライズ', name: 'Sunrise', needsCue: true },
  { words: 'bones|ボンズ', name: 'Bones', needsCue: true },
  { words: 'trigger|トリガー', name: 'Trigger', needsCue: true },
  { words: 'shaft|シャフト', name: 'Shaft', needsCue: true },
  { words: '(?:studio )?pierrot|ぴえろ', name: 'Pierrot', needsCue: true },
  { words: '(?:studio )?deen', name: 'Studio Deen', needsCue: true },
  { words: 'gainax|ガイナックス', name: 'Gainax' },
  { words: 'tms entertainment|tokyo movie shinsha', name: 'TMS Entertainment' },
  { words: 'tatsunoko(?: production)?|タツノコプロ', name: 'Tatsunoko Production' },
  { words: 'shin-?ei animation|シンエイ動画', name: 'Shin-Ei Animation' },
  { words: 'studio 4 ?°? ?c', name: 'Studio 4°C' },
  { words: 'comix ?wave(?: films)?|コミックス・ウェーブ・フィルム', name: 'CoMix Wave Films' },
  { words: 'olm', name: 'OLM', needsCue: true },
  { words: 'nippon animation|日本アニメーション', name: 'Nippon Animation' },
  { words: 'polygon pictures', name: 'Polygon Pictures' },
  { words: "brain'?s base", name: "Brain's Base" },
  { words: 'studio bind', name: 'Studio Bind' },
  { words: '8bit', name: '8bit' },
  { words: 'xebec', name: 'Xebec' },
  { words: 'gonzo', name: 'Gonzo', needsCue: true },
  { words: 'studio chizu', name: 'Studio Chizu' },
  { words: 'studio ponoc', name: 'Studio Ponoc' },
  { words: 'orange', name: 'Orange', needsCue: true },
  { words: 'satelight', name: 'Satelight' },
  { words: 'telecom animation(?: film)?', name: 'Telecom Animation Film' },
  { words: 'cygames pictures', name: 'CygamesPictures' },
];

const before = '(?:(?:made|animated|produced|done|created|drawn) )?(?:by|from) (?:(?:the )?studio )?';
const after = "(?:'s)?(?: studio)?";
// Latin names need word edges; Japanese names sit between particles with no spaces.
const edge = (words: string) => `(?:(?<![\\p{L}\\p{N}])(?:${words})(?![\\p{L}\\p{N}]))`;

/** Takes the studios named out of the text; the slot lists each once, in the text's order. */
export function extractStudios(p: Phrase, slots: Slots): void {
  const found: [number, string][] = [];
  for (const studio of STUDIOS) {
    const name = edge(studio.words);
    const cued = new RegExp(`(?<![\\p{L}\\p{N}])${before}${name}${after}|(?<![\\p{L}\\p{N}])studio ${name}|${name} studio(?![\\p{L}\\p{N}])`, 'u');
    const plain = new RegExp(`${name}${after}`, 'u');
    p.takeAll(studio.needsCue ? cued : new RegExp(`${cued.source}|${plain.source}`, 'u'), (m) => {
      if (!found.some(([, n]) => n === studio.name)) found.push([m.index, studio.name]);
    });
  }
  if (found.length) slots.studios = found.sort((a, b) => a[0] - b[0]).map(([, name]) => name);
}
