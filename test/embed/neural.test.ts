/** @jest-environment ./test/embed/onnx-environment.cjs */
// Neural embedders on @huggingface/transformers with the shared random-weight fixtures
// (test/fixtures/models, real layout, meaningless outputs: see its PROVENANCE.md). They prove
// the plumbing: shapes, normalisation, determinism, batching, typed errors, and the first-use
// download from a hub-layout host (a loopback server serving the fixture folder) into a cache.
import { createReadStream, existsSync, mkdtempSync, readFileSync, rmSync, cpSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ProgressInfo } from '@huggingface/transformers';
import { ClipEmbedder, NEURAL_BATCH, TransformersTextEmbedder } from '../../src/embed/neural.js';
import { MODEL_UNAVAILABLE, IMAGE_UNREADABLE } from '../../src/embed/errors.js';
import { stderrProgress } from '../../src/embed/transformers-env.js';
import { dot } from '../../src/embed/projection.js';
import { AppError, ErrorCode } from '../../src/errors/index.js';

const FIXTURES = join(process.cwd(), 'test/fixtures/models');
const POSTER = readFileSync(join(process.cwd(), 'test/fixtures/images/haibane.jpg'));
const temp = mkdtempSync(join(tmpdir(), 'embed-neural-'));
afterAll(() => rmSync(temp, { recursive: true, force: true }));

const norm = (v: Float32Array) => Math.sqrt(dot(v, v));

describe('TransformersTextEmbedder (tiny-random-minilm-384)', () => {
  let embedder: TransformersTextEmbedder;
  beforeAll(async () => {
    embedder = await TransformersTextEmbedder.load({ model: 'tiny-random-minilm-384', modelDir: FIXTURES, dtype: 'fp32' });
  });
  afterAll(() => embedder.dispose());

  it('gives one normalised 384-dimensional vector per text, the same for the same text', async () => {
    expect(embedder.dimension).toBe(384);
    const [a, b, c] = await embedder.embedTexts(['space bounty hunters', 'space bounty hunters', 'a quiet village of angels']);
    expect(a).toHaveLength(384);
    for (const v of [a!, b!, c!]) expect(Math.abs(norm(v) - 1)).toBeLessThan(1e-4);
    expect(dot(a!, b!)).toBeCloseTo(1, 5);
    expect(dot(a!, c!)).toBeLessThan(0.999);
  });

  it('batches: more texts than one batch give the same vectors as one at a time', async () => {
    const texts = Array.from({ length: NEURAL_BATCH + 3 }, (_, i) => `episode ${i} of a long series`);
    const all = await embedder.embedTexts(texts);
    expect(all).toHaveLength(texts.length);
    const last = await embedder.embedTexts([texts.at(-1)!]);
    expect(dot(all.at(-1)!, last[0]!)).toBeCloseTo(1, 4);
  });

  it('loads the quantised weights too (q8)', async () => {
    const q8 = await TransformersTextEmbedder.load({ model: 'tiny-random-minilm-384', modelDir: FIXTURES, dtype: 'q8' });
    expect((await q8.embedTexts(['x']))[0]).toHaveLength(384);
    await q8.dispose();
  });
});

describe('ClipEmbedder (tiny-random-clip-512)', () => {
  let clip: ClipEmbedder;
  beforeAll(async () => {
    clip = await ClipEmbedder.load({ model: 'tiny-random-clip-512', modelDir: FIXTURES, dtype: 'fp32' });
  });
  afterAll(() => clip.dispose());

  it('embeds a real poster and text into one normalised 512-dimensional space', async () => {
    expect(clip.dimension).toBe(512);
    const image = await clip.embedImage(POSTER);
    const [text] = await clip.textEmbedder.embedTexts(['angels with grey wings']);
    expect(image).toHaveLength(512);
    expect(text).toHaveLength(512);
    expect(Math.abs(norm(image) - 1)).toBeLessThan(1e-4);
    expect(Math.abs(norm(text!) - 1)).toBeLessThan(1e-4);
    expect(dot(await clip.embedImage(POSTER), image)).toBeCloseTo(1, 5);
  });

  it('rejects bytes that are no image with BAD_USER_INPUT / IMAGE_UNREADABLE', async () => {
    const error = await clip.embedImage(Buffer.from('not an image')).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AppError);
    expect((error as AppError).code).toBe(ErrorCode.BAD_USER_INPUT);
    expect((error as AppError).details['reason']).toBe(IMAGE_UNREADABLE);
  });
});

describe('model loading errors', () => {
  async function loadError(modelDir: string, model: string): Promise<AppError> {
    const error = await TransformersTextEmbedder.load({ model, modelDir, dtype: 'fp32' }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AppError);
    return error as AppError;
  }

  it('a missing model folder is SOURCE_UNAVAILABLE / MODEL_UNAVAILABLE naming the model', async () => {
    const error = await loadError(temp, 'no-such-model');
    expect(error.code).toBe(ErrorCode.SOURCE_UNAVAILABLE);
    expect(error.details).toMatchObject({ reason: MODEL_UNAVAILABLE, model: 'no-such-model' });
  });

  it('a corrupt ONNX file is SOURCE_UNAVAILABLE / MODEL_UNAVAILABLE', async () => {
    const dir = join(temp, 'corrupt');
    cpSync(join(FIXTURES, 'tiny-random-minilm-384'), join(dir, 'broken-minilm'), { recursive: true });
    const onnx = join(dir, 'broken-minilm/onnx/model.onnx');
    rmSync(onnx, { force: true });
    writeFileSync(onnx, readFileSync(join(FIXTURES, 'tiny-random-minilm-384/onnx/model.onnx')).subarray(0, 50_000));
    const error = await loadError(dir, 'broken-minilm');
    expect(error.details['reason']).toBe(MODEL_UNAVAILABLE);
  });
});

describe('first-use download from a hub-layout host', () => {
  let server: Server;
  let host: string;
  const requests: string[] = [];

  beforeAll(async () => {
    // GET /<org>/<name>/resolve/<revision>/<file>, as the hub lays out model files.
    server = createServer((req, res) => {
      requests.push(`${req.method} ${req.url}`);
      const match = /^\/fixture-org\/([\w-]+)\/resolve\/main\/(.+)$/.exec(decodeURIComponent(req.url ?? ''));
      const file = match ? join(FIXTURES, match[1]!, match[2]!) : '';
      if (!match || match[2]!.includes('..') || !existsSync(file)) {
        res.writeHead(404).end('not found');
        return;
      }
      const size = readFileSync(file).byteLength;
      res.writeHead(200, { 'content-length': size, 'content-type': 'application/octet-stream' });
      if (req.method === 'HEAD') res.end();
      else createReadStream(file).pipe(res);
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    host = `http://127.0.0.1:${(server.address() as AddressInfo).port}/`;
  });
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

  it('downloads with progress reports into the cache, and the second load does not hit the host', async () => {
    const cacheDir = join(temp, 'cache');
    const progress: ProgressInfo[] = [];
    const source = { model: 'fixture-org/tiny-random-minilm-384', remoteHost: host, cacheDir, dtype: 'fp32' as const };
    const lines: string[] = [];
    const printed = stderrProgress((line) => lines.push(line));
    const first = await TransformersTextEmbedder.load({ ...source, onProgress: (p) => (progress.push(p), printed(p)) });
    const [v1] = await first.embedTexts(['downloaded']);
    expect(requests.some((r) => r.includes('/onnx/model.onnx'))).toBe(true);
    expect(progress.some((p) => p.status === 'progress' && p.file.endsWith('model.onnx'))).toBe(true);
    expect(progress.some((p) => p.status === 'done')).toBe(true);
    expect(existsSync(join(cacheDir, 'fixture-org/tiny-random-minilm-384/onnx/model.onnx'))).toBe(true);
    // What production prints on stderr: per-file steps up to 100 %, then ready.
    expect(lines).toContain('model fixture-org/tiny-random-minilm-384: onnx/model.onnx 100% of 4.1 MB');
    expect(lines.at(-1)).toBe('model fixture-org/tiny-random-minilm-384: ready');
    await first.dispose();

    const before = requests.length;
    const second = await TransformersTextEmbedder.load(source);
    const [v2] = await second.embedTexts(['downloaded']);
    expect(requests.length).toBe(before);
    expect(dot(v1!, v2!)).toBeCloseTo(1, 5);
    await second.dispose();
  });

  it('a model the host does not have is MODEL_UNAVAILABLE', async () => {
    const error = await TransformersTextEmbedder.load({ model: 'fixture-org/missing', remoteHost: host, cacheDir: join(temp, 'cache2') }).catch((e: unknown) => e);
    expect((error as AppError).details['reason']).toBe(MODEL_UNAVAILABLE);
  });
});
