// The one rule that splits every evaluation set of this project into a tuning half and a held-out
// half: by the SHA-256 of the row's text (the query), so a row stays in its half whatever else
// changes in the file. Tune only on the tuning half; report the held-out half, never look at it.
import { createHash } from 'node:crypto';

/** True for the held-out half: the first byte of sha256(text, UTF-8) is odd. */
export function isHeldOut(text: string): boolean {
  return (createHash('sha256').update(text, 'utf8').digest()[0]! & 1) === 1;
}

export type Half = 'tuning' | 'held-out';

export function halfOf(text: string): Half {
  return isHeldOut(text) ? 'held-out' : 'tuning';
}
