// The text embedders the evals compare: the model-free default always; the neural path on the
// random-weight fixture (plumbing only) when asked; the real all-MiniLM-L6-v2 when
// scripts/export-minilm-onnx.py has written it to models/ (test infrastructure, git-ignored).
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { TransformersTextEmbedder } from '../embed/neural.js';
import type { TextEmbedder } from '../embed/types.js';

export interface TextVariant {
  name: string;
  /** undefined: the configured (model-free) embedder. */
  load(): Promise<TextEmbedder | undefined>;
}

export function textVariants(root: string, options: { fixture: boolean }): { variants: TextVariant[]; notes: string[] } {
  const fixtureDir = resolve(root, 'test/fixtures/models');
  const realDir = resolve(root, 'models');
  const variants: TextVariant[] = [{ name: 'model-free (wink word vectors)', load: async () => undefined }];
  const notes: string[] = [];
  if (options.fixture && existsSync(resolve(fixtureDir, 'tiny-random-minilm-384'))) {
    variants.push({ name: 'neural fixture (random weights: plumbing only)', load: () => TransformersTextEmbedder.load({ model: 'tiny-random-minilm-384', modelDir: fixtureDir, dtype: 'fp32' }) });
  }
  if (existsSync(resolve(realDir, 'all-MiniLM-L6-v2/onnx/model.onnx'))) {
    variants.push({ name: 'neural all-MiniLM-L6-v2 (real weights)', load: () => TransformersTextEmbedder.load({ model: 'all-MiniLM-L6-v2', modelDir: realDir, dtype: 'fp32' }) });
  } else {
    notes.push(`(no real sentence model at ${resolve(realDir, 'all-MiniLM-L6-v2')}: scripts/export-minilm-onnx.py writes it)`);
  }
  return { variants, notes };
}
