// Studio names as people type them against names as sources list them: "Kyoto Animation" is
// "Kyoto Animation Co., Ltd.", "Wit Studio" is "WIT STUDIO, Inc.", "JC Staff" is "J.C.Staff".
// Company forms and a leading or trailing "studio" say nothing about which studio it is.
const COMPANY = new Set(['co', 'ltd', 'inc', 'corp', 'corporation', 'llc', 'kk', 'limited', 'company', 'studio', 'studios']);

function studioTokens(name: string): string[] {
  const words = name
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .split(/[^\p{L}\p{N}]+/u)
    .filter(Boolean);
  while (words.length > 1 && COMPANY.has(words[words.length - 1]!)) words.pop();
  while (words.length > 1 && COMPANY.has(words[0]!)) words.shift();
  return words;
}

/** The asked name is the listed one, or its first words ("Toei" for "Toei Animation"). */
export function studioMatches(listed: string, asked: string): boolean {
  const l = studioTokens(listed);
  const a = studioTokens(asked);
  if (!a.length || !l.length) return false;
  if (l.join('') === a.join('')) return true;
  return a.length <= l.length && a.every((word, i) => l[i] === word);
}

export function matchesAnyStudio(listed: readonly string[], asked: readonly string[]): boolean {
  return asked.some((a) => listed.some((l) => studioMatches(l, a)));
}
