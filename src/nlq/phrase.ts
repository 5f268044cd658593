// The text being parsed: every recognised phrase is taken out, so what remains is the title.
export class Phrase {
  private rest: string;

  constructor(readonly text: string) {
    this.rest = ` ${text} `;
  }

  /** Runs `re` on what remains; on a match calls `use` and blanks the match out. */
  take(re: RegExp, use: (m: RegExpExecArray) => void): boolean {
    const m = re.exec(this.rest);
    if (!m) return false;
    use(m);
    this.rest = this.rest.slice(0, m.index) + ' '.repeat(m[0].length) + this.rest.slice(m.index + m[0].length);
    return true;
  }

  /** Takes every match of a global-less regex, one after another. */
  takeAll(re: RegExp, use: (m: RegExpExecArray) => void): void {
    while (this.take(re, use));
  }

  test(re: RegExp): boolean {
    return re.test(this.rest);
  }

  get remaining(): string {
    return this.rest.replace(/\s+/g, ' ').trim();
  }
}

/** Lower case, straight quotes, no trailing punctuation, single spaces. */
export function normalizeQuestion(text: string): string {
  return text
    .normalize('NFKC')
    .replace(/[’‘`]/g, "'")
    .replace(/[“”]/g, '"')
    .toLowerCase()
    // "rom-com" is two genres the lexicon knows by their names.
    .replace(/\brom[- ]?coms?\b/g, 'romantic comedy')
    .replace(/[?!.,;:]+(\s|$)/g, ' ')
    // "(airing now / very recent)": brackets set words apart, they join none.
    .replace(/[()[\]{}]/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
}
