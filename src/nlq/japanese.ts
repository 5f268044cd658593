// Questions written in Japanese (「進撃の巨人に似たアニメ」, 「2023年秋のアニメ」,
// 「カウボーイビバップはどこで見られる？」): the cue words and the particles around them become the
// English cues the parser knows, with spaces, so what is left is the title as the catalog's Japanese
// titles spell it. Japanese writes no spaces, so a cue takes the particle that ties it to the title.
const SEASONS: Record<string, string> = { 春: 'spring', 夏: 'summer', 秋: 'fall', 冬: 'winter' };

const P = '(?:は|を|が|の|って|に|で|も|と)?';

/** [pattern, English cue]; the first rules are the longest phrases, so they win over their parts. */
const CUES: ReadonlyArray<[RegExp, string | ((...groups: string[]) => string)]> = [
  // Dates and seasons.
  [/(\d{4})年\s*の?\s*(春|夏|秋|冬)(?:アニメ|期|クール|季)?/g, (_, y, s) => ` ${SEASONS[s!]} ${y} `],
  [/(春|夏|秋|冬)(?:アニメ|期|クール)/g, (_, s) => ` ${SEASONS[s!]} anime `],
  [/(\d{4})年代/g, (_, y) => ` ${y}s `],
  [/(\d0)年代/g, (_, d) => ` ${d}s `],
  [/(\d{4})年(?:放送|公開|放映)?(?:の|に|から)?/g, (_, y) => ` ${y} `],
  [/今期|今季|今クール/g, ' this season '],
  [/来期|来季|来クール/g, ' next season '],
  [/前期|前クール|先期/g, ' last season '],
  [/今年/g, ' this year '],
  [/去年|昨年/g, ' last year '],
  // Next episode, schedule, airing.
  [new RegExp(`${P}(?:次の?(?:話|回|エピソード)|次回|最新話)(?:は|って)?(?:いつ|何時|何日)?(?:放送|配信|放映)?(?:される|する|です)?(?:か)?`, 'g'), ' next episode of '],
  [new RegExp(`${P}(?:次は)?いつ(?:から)?(?:放送|配信|放映|公開)(?:される|する|です|開始)?(?:の)?(?:か)?`, 'g'), ' when does air next '],
  [/今日(?:の)?(?:放送|配信)?(?:の)?(?:アニメ)?/g, ' airing today '],
  [/明日(?:の)?(?:放送|配信)?(?:の)?(?:アニメ)?/g, ' airing tomorrow '],
  [/今週(?:の)?(?:放送|配信)?/g, ' airing this week '],
  [/来週(?:の)?(?:放送|配信)?/g, ' airing next week '],
  [/(?:今|いま|現在)?(?:放送中|放映中|配信中)(?:の)?/g, ' currently airing '],
  [/放送(?:スケジュール|予定)|番組表/g, ' schedule '],
  // Streaming.
  [new RegExp(`${P}(?:どこで|どこに|どこから)(?:見|観|視聴|配信|ストリーミング)(?:ら?れ|でき|さ|して)?(?:る|ます|ますか|てる|ている|れてる|れている)?(?:の)?(?:か)?`, 'g'), ' where can i watch '],
  [new RegExp(`${P}(?:配信(?:サービス|先|サイト|状況)?|見放題|サブスク)(?:は|を|で)?`, 'g'), ' streaming '],
  // Franchise.
  [new RegExp(`${P}(?:見る|観る|視聴)?(?:順番|順序)|${P}視聴順|${P}時系列(?:順)?`, 'g'), ' watch order of '],
  [new RegExp(`${P}(?:続編|シリーズ全部|全シリーズ)`, 'g'), ' sequels of '],
  // Likeness.
  [new RegExp(`(?:に|と)似(?:た|ている|てる)(?:アニメ|作品|もの)?`, 'g'), ' similar to '],
  [new RegExp(`(?:みたいな|のような|っぽい)(?:アニメ|作品)?`, 'g'), ' like '],
  [new RegExp(`(?:が|を)?好きな(?:人|ひと)(?:に|へ)?(?:おすすめ|オススメ|お勧め)?(?:の)?(?:アニメ)?`, 'g'), ' fans of recommend '],
  // One anime's cast, staff, episode list, reviews; news.
  [new RegExp(`${P}(?:声優|キャスト)(?:は|って)?(?:誰)?(?:ですか|か)?`, 'g'), ' voice actors of '],
  [new RegExp(`${P}(?:登場人物|キャラクター|キャラ)(?:一覧)?`, 'g'), ' characters of '],
  [new RegExp(`${P}(?:監督|スタッフ|作曲家?|原作者)(?:は|って)?(?:誰)?(?:ですか|か)?`, 'g'), ' staff of '],
  [new RegExp(`${P}(?:エピソード|話|各話)(?:一覧|リスト|タイトル)`, 'g'), ' episode list of '],
  [new RegExp(`${P}(?:レビュー|感想)`, 'g'), ' reviews of '],
  [new RegExp(`${P}(?:ニュース|最新情報)`, 'g'), ' news about '],
  // Ratings, details.
  [new RegExp(`${P}(?:評価|評判|スコア|点数)`, 'g'), ' ratings '],
  [new RegExp(`${P}(?:あらすじ|ストーリー|内容)`, 'g'), ' synopsis of '],
  [new RegExp(`${P}(?:何話|話数)(?:ある|です|まで)?(?:か)?`, 'g'), ' how many episodes '],
  [new RegExp(`${P}(?:制作会社|スタジオ)(?:は|って)?(?:どこ)?`, 'g'), ' what studio made '],
  [new RegExp(`(?:について|に関して)(?:教えて|知りたい)?(?:ください)?`, 'g'), ' tell me about '],
  [/とは/g, ' what is '],
  // Episode counts ("12話以下", "100話以上").
  [/(\d+)話(?:以下|以内|まで)/g, (_, n) => ` at most ${n} episodes `],
  [/(\d+)話未満/g, (_, n) => ` under ${n} episodes `],
  [/(\d+)話以上/g, (_, n) => ` at least ${n} episodes `],
  [/(\d+)話(?:超え?|より多い)/g, (_, n) => ` more than ${n} episodes `],
  [/(\d+)話(?:の)?/g, (_, n) => ` ${n}-episode `],
  [/1クール|ワンクール/g, ' one cour '],
  [/長編/g, ' long-running '],
  // Top lists.
  [new RegExp(`${P}(?:おすすめ|オススメ|お勧め|おススメ)(?:の)?`, 'g'), ' recommend '],
  [/人気(?:の)?/g, ' popular '],
  [/ランキング|名作|傑作|神アニメ|ベスト|トップ/g, ' best '],
  [/上位(\d+)/g, (_, n) => ` top ${n} `],
  // Formats and genres.
  [/(?:アニメ)?映画|劇場アニメ/g, ' movies '],
  [/(?:テレビ|TV)アニメ/gi, ' tv anime '],
  [/短編/g, ' shorts '],
  [/ロボット|ロボ/g, ' mecha '],
  [/ラブコメ/g, ' romance comedy '],
  [/恋愛/g, ' romance '],
  [/異世界/g, ' isekai '],
  [/ホラー/g, ' horror '],
  [/スポーツ/g, ' sports '],
  [/日常系/g, ' slice of life '],
  [/ファンタジー/g, ' fantasy '],
  [/ミステリー|推理/g, ' mystery '],
  [/アクション/g, ' action '],
  [/コメディ|ギャグ/g, ' comedy '],
  [/魔法少女/g, ' magical girl '],
  [/アイドル|音楽/g, ' music '],
  [/SF/g, ' sci-fi '],
  // Places and words that carry no meaning here.
  [/日本で/g, ' in japan '],
  [/アメリカで/g, ' in the us '],
  [/(?:の)?(?:作品|制作|製作)(?:の)?/g, ' '],
  // "物語シリーズ": the series word after a title the catalog knows without it.
  [/シリーズ(?:の)?/g, ' series '],
  // Not inside a studio's name (京都アニメーション).
  [/アニメ(?!ーション)/g, ' anime '],
  [/教えて(?:ください)?|ください|知りたい|ありますか|ある|ですか|ますか|見たい|探して/g, ' '],
];

// Particles left at a word's edge once the cues are out ("カウボーイビバップは").
const TRAILING_PARTICLE = /(?<=[\p{L}\p{N}ー]{2})(?:は|を|が|って|で|に|も|の|と)$/u;
const LEADING_PARTICLE = /^(?:の|は|を|が|で|に)(?=[\p{Script=Han}\p{Script=Katakana}\p{Script=Hiragana}]{2})/u;

// A particle left alone between two cues ("100話以上のアニメ" → "at least 100 episodes の anime").
const PARTICLE = /^(?:の|は|を|が|に|で|も|と|って|へ|や|か|な)$/;

const JAPANESE = /[\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Han}]/u;

export const hasJapanese = (text: string): boolean => JAPANESE.test(text);

/** Tells whether a run of text is an anime's full title, which no cue may cut into. */
export type IsTitle = (text: string) => boolean;

const LONGEST_TITLE = 60;
const SHORTEST_TITLE = 3;

/** Stretches of the text that are whole titles, longest first from the left. */
function titleSpans(text: string, isTitle: IsTitle): Array<[number, number]> {
  const spans: Array<[number, number]> = [];
  for (let i = 0; i < text.length; i++) {
    if (!JAPANESE.test(text[i]!)) continue;
    for (let j = Math.min(text.length, i + LONGEST_TITLE); j >= i + SHORTEST_TITLE; j--) {
      if (isTitle(text.slice(i, j))) {
        spans.push([i, j]);
        i = j - 1;
        break;
      }
    }
  }
  return spans;
}

function rewrite(part: string): string {
  let out = part;
  for (const [pattern, replacement] of CUES) out = out.replace(pattern, replacement as string);
  return out
    .split(/\s+/)
    .map((word) => word.replace(TRAILING_PARTICLE, '').replace(LEADING_PARTICLE, ''))
    .filter((word) => !PARTICLE.test(word))
    .join(' ');
}

/**
 * The question with its Japanese cue words in English; text without Japanese is returned as it is.
 * Whole titles found by `isTitle` are kept as they are ("映画けいおん！" is a film, not "movies K-ON").
 */
export function japaneseToCues(text: string, isTitle: IsTitle = () => false): string {
  if (!hasJapanese(text)) return text;
  const clean = text.normalize('NFKC').replace(/[、。！？!?「」『』【】（）()]/g, ' ');
  let out = '';
  let at = 0;
  for (const [start, end] of titleSpans(clean, isTitle)) {
    out += ` ${rewrite(clean.slice(at, start))} ${clean.slice(start, end)} `;
    at = end;
  }
  out += ` ${rewrite(clean.slice(at))}`;
  return out.split(/\s+/).filter(Boolean).join(' ');
}
