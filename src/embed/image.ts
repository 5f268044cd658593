// The model-free image embedder (`kind: 'image'`): a DCT perceptual hash (structure) and a coarse
// HSV colour histogram (palette) in one normalised vector. It finds the poster a picture was made
// from — the same artwork resized, re-encoded, lightly cropped or recoloured — and ranks other
// images by layout and palette; it does not understand what is drawn (no "two robots fighting").
import { createRequire } from 'node:module';
import type Sharp from 'sharp';
import { imageUnreadable } from './errors.js';
import { normalize } from './projection.js';
import type { ImageEmbedder } from './types.js';

// sharp (libvips, ~35 MB resident) is loaded on the first image, not at start: most servers never
// embed one.
let sharpModule: typeof Sharp | null = null;
const sharp: typeof Sharp = ((...args: Parameters<typeof Sharp>) => (sharpModule ??= createRequire(import.meta.url)('sharp') as typeof Sharp)(...args)) as typeof Sharp;

const HASH_SIDE = 32;
const HASH_LOW = 8;
const HUE_BINS = 12;
const SAT_BINS = 3;
const VAL_BINS = 3;
const HIST_SIDE = 64;
/** Structure counts a little more than palette: posters of one series share colours. */
const HASH_WEIGHT = 0.75;
const COLOUR_WEIGHT = 0.66;
/** Decoded pixels allowed (a 40-megapixel bomb is refused before it is decoded). */
export const MAX_IMAGE_PIXELS = 40_000_000;

const RASTER_FORMATS = new Set(['jpeg', 'png', 'webp', 'gif', 'avif', 'heif', 'tiff']);

export const IMAGE_DIMENSION = HASH_LOW * HASH_LOW + HUE_BINS * SAT_BINS * VAL_BINS;

const COS = (() => {
  const table = new Float64Array(HASH_SIDE * HASH_SIDE);
  for (let u = 0; u < HASH_SIDE; u += 1) for (let x = 0; x < HASH_SIDE; x += 1) table[u * HASH_SIDE + x] = Math.cos(((2 * x + 1) * u * Math.PI) / (2 * HASH_SIDE));
  return table;
})();

/** The low 8×8 DCT frequencies of a 32×32 grey image, as ±1 around their median (pHash bits). */
export function perceptualHash(grey: Uint8Array): Float32Array {
  const coeffs = new Float64Array(HASH_LOW * HASH_LOW);
  for (let u = 0; u < HASH_LOW; u += 1) {
    for (let v = 0; v < HASH_LOW; v += 1) {
      let sum = 0;
      for (let y = 0; y < HASH_SIDE; y += 1) {
        const cy = COS[v * HASH_SIDE + y]!;
        for (let x = 0; x < HASH_SIDE; x += 1) sum += grey[y * HASH_SIDE + x]! * COS[u * HASH_SIDE + x]! * cy;
      }
      coeffs[v * HASH_LOW + u] = sum;
    }
  }
  // The DC term (overall brightness) says nothing about structure: it is excluded from the median.
  const median = [...coeffs.subarray(1)].sort((a, b) => a - b)[Math.floor((coeffs.length - 1) / 2)]!;
  const bits = new Float32Array(coeffs.length);
  for (let i = 1; i < coeffs.length; i += 1) bits[i] = coeffs[i]! > median ? 1 : -1;
  return bits;
}

/** Hue × saturation × value histogram; grey pixels (low saturation) fall in the first hue bin. */
export function colourHistogram(rgb: Uint8Array): Float32Array {
  const hist = new Float32Array(HUE_BINS * SAT_BINS * VAL_BINS);
  for (let i = 0; i + 2 < rgb.length; i += 3) {
    const r = rgb[i]! / 255;
    const g = rgb[i + 1]! / 255;
    const b = rgb[i + 2]! / 255;
    const max = Math.max(r, g, b);
    const delta = max - Math.min(r, g, b);
    const s = max === 0 ? 0 : delta / max;
    let h = 0;
    if (delta > 0) h = max === r ? ((g - b) / delta + 6) % 6 : max === g ? (b - r) / delta + 2 : (r - g) / delta + 4;
    const hb = s < 0.15 ? 0 : Math.min(HUE_BINS - 1, Math.floor((h / 6) * HUE_BINS));
    const sb = Math.min(SAT_BINS - 1, Math.floor(s * SAT_BINS));
    const vb = Math.min(VAL_BINS - 1, Math.floor(max * VAL_BINS));
    hist[(hb * SAT_BINS + sb) * VAL_BINS + vb]! += 1;
  }
  // Square roots (Hellinger): a dominant background colour should not drown the rest.
  for (let i = 0; i < hist.length; i += 1) hist[i] = Math.sqrt(hist[i]!);
  return hist;
}

/** Throws IMAGE_UNREADABLE unless the bytes are a raster image within the pixel limit. */
export async function assertRasterImage(bytes: Uint8Array): Promise<void> {
  if (!(bytes instanceof Uint8Array) || bytes.byteLength === 0) throw imageUnreadable('The image is empty.');
  let format: string | undefined;
  let pixels = 0;
  try {
    const metadata = await sharp(bytes, { limitInputPixels: MAX_IMAGE_PIXELS }).metadata();
    format = metadata.format;
    pixels = (metadata.width ?? 0) * (metadata.height ?? 0);
  } catch (error) {
    throw imageUnreadable('The image could not be decoded (JPEG, PNG, WebP, GIF, AVIF or TIFF expected).', { cause: (error as Error).message });
  }
  // Raster formats only: SVG/PDF inputs would be rendered by a document engine, not decoded.
  if (!format || !RASTER_FORMATS.has(format)) throw imageUnreadable(`Unsupported image format "${format ?? 'unknown'}" (JPEG, PNG, WebP, GIF, AVIF or TIFF expected).`, { format });
  if (pixels > MAX_IMAGE_PIXELS) throw imageUnreadable(`The image has more than ${MAX_IMAGE_PIXELS} pixels.`, { pixels });
}

async function decode(bytes: Uint8Array): Promise<{ grey: Uint8Array; rgb: Uint8Array }> {
  await assertRasterImage(bytes);
  try {
    const base = () => sharp(bytes, { limitInputPixels: MAX_IMAGE_PIXELS, failOn: 'error' }).rotate().flatten({ background: '#ffffff' });
    const [grey, rgb] = await Promise.all([
      base().greyscale().resize(HASH_SIDE, HASH_SIDE, { fit: 'fill' }).raw().toBuffer(),
      base().removeAlpha().toColourspace('srgb').resize(HIST_SIDE, HIST_SIDE, { fit: 'fill' }).raw().toBuffer(),
    ]);
    return { grey: new Uint8Array(grey), rgb: new Uint8Array(rgb) };
  } catch (error) {
    throw imageUnreadable('The image could not be decoded (JPEG, PNG, WebP, GIF, AVIF or TIFF expected).', { cause: (error as Error).message });
  }
}

export class PerceptualImageEmbedder implements ImageEmbedder {
  readonly id = 'image-phash-hsv-v1';
  readonly kind = 'image' as const;
  readonly dimension = IMAGE_DIMENSION;

  async embedImage(bytes: Uint8Array): Promise<Float32Array> {
    const { grey, rgb } = await decode(bytes);
    const hash = perceptualHash(grey);
    const colour = colourHistogram(rgb);
    const hashNorm = Math.sqrt(hash.reduce((s, x) => s + x * x, 0)) || 1;
    const colourNorm = Math.sqrt(colour.reduce((s, x) => s + x * x, 0)) || 1;
    const out = new Float32Array(this.dimension);
    hash.forEach((x, i) => (out[i] = (HASH_WEIGHT * x) / hashNorm));
    colour.forEach((x, i) => (out[hash.length + i] = (COLOUR_WEIGHT * x) / colourNorm));
    return normalize(out)!;
  }
}
