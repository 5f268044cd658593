// Term normalisation shared by the lexical index and the reasons: lower case, no diacritics,
// English stop words and narrative filler ("anime", "story") dropped, a light plural strip so
// "tunnels" meets "tunnel".
const STOP_WORDS = new Set(
  `a about above after again against all also am an and any are as at be because been before being below between both but by
  can could did do does doing down during each few for from further had has have having he her here hers herself him himself
  his how i if in into is it its itself just me more most my myself no nor not now of off on once only or other our ours out
  over own same she should so some such than that the their theirs them themselves then there these they this those through
  to too under until up very was we were what when where which while who whom why will with would you your yours yourself
  anime show series film movie story one about around where whose gets get find finds something someone thing things like
  kind sort want looking watch`.split(/\s+/),
);

/** The content terms of a text, normalised; empty when it holds only stop words. */
export function contentTerms(text: string): string[] {
  const out: string[] = [];
  for (const raw of text.normalize('NFKD').replace(/\p{M}/gu, '').toLowerCase().split(/[^\p{L}\p{N}]+/u)) {
    if (!raw || STOP_WORDS.has(raw)) continue;
    out.push(stem(raw));
  }
  return out;
}

function stem(word: string): string {
  if (word.length <= 3 || /\d/.test(word)) return word;
  if (word.endsWith('ies')) return `${word.slice(0, -3)}y`;
  if (word.endsWith('sses')) return word.slice(0, -2);
  if (word.endsWith('s') && !word.endsWith('ss') && !word.endsWith('us') && !word.endsWith('is')) return word.slice(0, -1);
  return word;
}
