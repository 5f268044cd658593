// The model-free image embedder on real anime posters (test/fixtures/images, see PROVENANCE.md):
// a "screenshot" made from a poster (cropped, scaled, re-encoded) finds that poster first; bad
// bytes get a typed error.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import sharp from 'sharp';
import { PerceptualImageEmbedder, IMAGE_DIMENSION } from '../../src/embed/image.js';
import { IMAGE_UNREADABLE } from '../../src/embed/errors.js';
import { dot } from '../../src/embed/projection.js';
import { AppError, ErrorCode } from '../../src/errors/index.js';

const dir = join(process.cwd(), 'test/fixtures/images');
const posters = readdirSync(dir).filter((f) => /\.(jpe?g|webp|png)$/.test(f));
const embedder = new PerceptualImageEmbedder();
const index = new Map<string, Float32Array>();

beforeAll(async () => {
  for (const file of posters) index.set(file, await embedder.embedImage(readFileSync(join(dir, file))));
});

function rank(query: Float32Array): Array<{ file: string; score: number }> {
  return [...index].map(([file, v]) => ({ file, score: dot(query, v) })).sort((a, b) => b.score - a.score);
}

/** A screen grab of a poster: a border cut off, scaled down, saved as a lower-quality JPEG. */
async function screenshot(bytes: Buffer, crop: number, scale: number): Promise<Buffer> {
  const { width = 0, height = 0 } = await sharp(bytes).metadata();
  const dx = Math.round(width * crop);
  const dy = Math.round(height * crop);
  return sharp(bytes)
    .extract({ left: dx, top: dy, width: width - 2 * dx, height: height - 2 * dy })
    .resize(Math.round(width * scale))
    .jpeg({ quality: 55 })
    .toBuffer();
}

describe('PerceptualImageEmbedder', () => {
  it('gives a normalised vector of the declared dimension, the same for the same bytes', async () => {
    expect(posters.length).toBeGreaterThanOrEqual(5);
    const bytes = readFileSync(join(dir, posters[0]!));
    const [a, b] = [await embedder.embedImage(bytes), await embedder.embedImage(bytes)];
    expect(a).toHaveLength(IMAGE_DIMENSION);
    expect(Math.abs(dot(a, a) - 1)).toBeLessThan(1e-5);
    expect(b).toEqual(a);
  });

  it.each([
    [0.03, 0.6],
    [0.08, 0.4],
    [0, 0.25],
  ])('finds the poster behind a screenshot cropped by %p and scaled to %p', async (crop, scale) => {
    for (const file of posters) {
      const query = await embedder.embedImage(await screenshot(readFileSync(join(dir, file)), crop, scale));
      const [first, second] = rank(query);
      expect(first!.file).toBe(file);
      expect(first!.score - second!.score).toBeGreaterThan(0.1);
    }
  });

  it('finds the poster after a format change (WebP/JPEG to PNG)', async () => {
    for (const file of posters) {
      const png = await sharp(readFileSync(join(dir, file))).png().toBuffer();
      expect(rank(await embedder.embedImage(png))[0]!.file).toBe(file);
    }
  });

  it.each([
    ['empty bytes', Buffer.alloc(0)],
    ['text', Buffer.from('<html>not an image</html>')],
    ['a truncated JPEG', readFileSync(join(dir, 'fma.jpg')).subarray(0, 4000)],
    ['an SVG document', Buffer.from('<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"><rect width="10" height="10"/></svg>')],
  ])('rejects %s with BAD_USER_INPUT / IMAGE_UNREADABLE', async (_name, bytes) => {
    const error = await embedder.embedImage(bytes).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AppError);
    expect((error as AppError).code).toBe(ErrorCode.BAD_USER_INPUT);
    expect((error as AppError).details['reason']).toBe(IMAGE_UNREADABLE);
  });
});
