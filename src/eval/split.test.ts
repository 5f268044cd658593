import { createHash } from 'node:crypto';
import { halfOf, isHeldOut } from './split.js';

describe('evaluation split', () => {
  it('holds out exactly the texts whose sha256 starts with an odd byte', () => {
    const texts = ['Cowboy Bebop', 'KnY', 'Kaguya sama s3', '進撃の巨人', 'Initial D', ''];
    for (const text of texts) {
      const first = createHash('sha256').update(text, 'utf8').digest()[0]!;
      expect(isHeldOut(text)).toBe(first % 2 === 1);
      expect(halfOf(text)).toBe(first % 2 === 1 ? 'held-out' : 'tuning');
    }
  });

  it('splits a list of texts into two halves of similar size', () => {
    const texts = Array.from({ length: 2000 }, (_, i) => `query ${i}`);
    const heldOut = texts.filter(isHeldOut).length;
    expect(heldOut).toBeGreaterThan(900);
    expect(heldOut).toBeLessThan(1100);
  });
});
