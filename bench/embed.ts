// Embedding speed on real data: the model-free metadata, text (word vectors) and image (pHash +
// colour) embedders, and — when `models/all-MiniLM-L6-v2` exists (scripts/export-minilm-onnx.py)
// — the neural text path on real MiniLM weights, over the same real synopses.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { Catalog } from '../src/catalog/index.js';
import { projectRoot } from '../src/config/index.js';
import { fitMetadataEmbedder, loadWordVectorTextEmbedder } from '../src/embed/index.js';
import { PerceptualImageEmbedder } from '../src/embed/image.js';
import { TransformersTextEmbedder } from '../src/embed/neural.js';
import { comparedRow, type Row } from './report.js';

export interface EmbedSuiteOptions {
  catalog: Catalog;
  quick: boolean;
  log(line: string): void;
}

async function perItemMs(count: number, run: () => Promise<unknown> | unknown): Promise<number> {
  const started = performance.now();
  await run();
  return (performance.now() - started) / count;
}

export async function runEmbedSuite({ catalog, quick, log }: EmbedSuiteOptions): Promise<{ rows: Row[]; details: Record<string, unknown> }> {
  const root = projectRoot();
  const synopses = catalog.records.map((r) => r.synopsis).filter((s): s is string => !!s).slice(0, quick ? 64 : 256);
  const details: Record<string, unknown> = { synopses: synopses.length };
  const rows: Row[] = [];

  let started = performance.now();
  const meta = fitMetadataEmbedder(catalog.records);
  details['metaFitMs'] = performance.now() - started;
  const metaMs = await perItemMs(catalog.records.length, () => catalog.records.forEach((r) => meta.embedRecord(r)));
  rows.push(comparedRow('search', 'embed: metadata vector (model-free), per record', metaMs, null, 'ms', null));

  started = performance.now();
  const words = await loadWordVectorTextEmbedder({ cacheDir: resolve(root, '.cache/embed') });
  details['wordVectorsLoadMs'] = performance.now() - started;
  const wordMs = await perItemMs(synopses.length, () => words.embedTexts(synopses));
  details['modelFreeTextsPerSecond'] = 1000 / wordMs;

  const modelDir = resolve(root, 'models');
  let neuralMs: number | null = null;
  if (existsSync(join(modelDir, 'all-MiniLM-L6-v2/onnx/model.onnx'))) {
    const neural = await TransformersTextEmbedder.load({ model: 'all-MiniLM-L6-v2', modelDir, dtype: 'fp32' });
    await neural.embedTexts(synopses.slice(0, 4));
    neuralMs = await perItemMs(synopses.length, () => neural.embedTexts(synopses));
    details['neuralTextsPerSecond'] = 1000 / neuralMs;
    await neural.dispose();
    if (existsSync(join(modelDir, 'all-MiniLM-L6-v2/onnx/model_quantized.onnx'))) {
      const q8 = await TransformersTextEmbedder.load({ model: 'all-MiniLM-L6-v2', modelDir, dtype: 'q8' });
      details['neuralQ8TextsPerSecond'] = 1000 / (await perItemMs(synopses.length, () => q8.embedTexts(synopses)));
      await q8.dispose();
    }
  } else log('  embed: models/all-MiniLM-L6-v2 absent (scripts/export-minilm-onnx.py makes it); neural row skipped');
  // Baseline column: the real MiniLM on the same synopses; ratio = how many times faster model-free is.
  rows.push(comparedRow('search', 'embed: synopsis text, model-free vs MiniLM-L6 (per text)', wordMs, neuralMs, 'ms', neuralMs ? neuralMs / wordMs : null));

  const images = resolve(root, 'test/fixtures/images');
  const posters = readdirSync(images).filter((f) => /\.(jpe?g|webp|png)$/.test(f)).map((f) => readFileSync(join(images, f)));
  const image = new PerceptualImageEmbedder();
  const imageMs = await perItemMs(posters.length * 4, async () => {
    for (let i = 0; i < 4; i += 1) for (const p of posters) await image.embedImage(p);
  });
  rows.push(comparedRow('search', 'embed: poster image (pHash + colour), per image', imageMs, null, 'ms', null));
  log(`  embed: model-free ${Math.round(1000 / wordMs)} texts/s${neuralMs ? `, MiniLM ${Math.round(1000 / neuralMs)} texts/s` : ''}, ${Math.round(1000 / imageMs)} images/s`);
  return { rows, details };
}
