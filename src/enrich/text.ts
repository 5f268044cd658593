// Small text clean-ups shared by the source normalisers.
import { decodeHTML } from 'entities';

/**
 * Plain text from a synopsis: AniList keeps light HTML (`<br>`, `<i>`) and entities, MAL ends
 * with a credit line ("[Written by MAL Rewrite]"). Paragraph breaks survive as one blank line.
 */
export function plainSynopsis(raw: string | null | undefined): string | null {
  if (!raw) return null;
  const text = decodeHTML(raw.replace(/<br\s*\/?>/gi, '\n').replace(/<[^>]+>/g, ''))
    .replace(/\r\n?/g, '\n')
    .replace(/\n?\s*\[Written by [^\]]*\]\s*$/i, '')
    .split('\n')
    .map((line) => line.replace(/[ \t\u00a0]+/g, ' ').trim())
    .join('\n')
    .replace(/\n{3,}/g, '\n\n')
    .trim();
  return text || null;
}

export const nonEmpty = (value: string | null | undefined): string | null => (value && value.trim() ? value.trim() : null);

/** Names in first-seen order, without blanks, case-insensitive duplicates or any of `exclude`. */
export function distinctNames(names: Iterable<string | null | undefined>, exclude: Iterable<string | null | undefined> = []): string[] {
  const seen = new Set([...exclude].filter((n): n is string => !!n).map((n) => n.trim().toLowerCase()));
  const out: string[] = [];
  for (const name of names) {
    const clean = nonEmpty(name);
    if (!clean || seen.has(clean.toLowerCase())) continue;
    seen.add(clean.toLowerCase());
    out.push(clean);
  }
  return out;
}

/** "2006-04-05T00:00:00+00:00" or "2006-04-05" → "2006-04-05"; anything else → null. */
export function isoDay(value: string | null | undefined): string | null {
  const m = value ? /^(\d{4}-\d{2}-\d{2})/.exec(value) : null;
  return m ? m[1]! : null;
}
