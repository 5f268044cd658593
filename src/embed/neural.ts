// Neural embedders on @huggingface/transformers: a sentence model (MiniLM class, mean pooling,
// normalised) for text, and CLIP towers for images and text-to-image in one 512-dim space.
// Quality depends entirely on the weights loaded; the shared test fixtures are random weights.
import type { AutoProcessor, AutoTokenizer, CLIPTextModelWithProjection, CLIPVisionModelWithProjection, FeatureExtractionPipeline, RawImage, Tensor } from '@huggingface/transformers';
import { imageUnreadable } from './errors.js';
import { assertRasterImage } from './image.js';
import { normalize } from './projection.js';
import type { ImageEmbedder, TextEmbedder } from './types.js';
import { transformers, withModelEnv, type ModelSource } from './transformers-env.js';

/** Texts per forward pass: bounds memory for long synopsis batches. */
export const NEURAL_BATCH = 16;

function rows(tensor: Tensor): Float32Array[] {
  const [n, d] = tensor.dims as [number, number];
  const data = tensor.data as Float32Array;
  const out: Float32Array[] = [];
  for (let i = 0; i < n; i += 1) out.push(normalize(Float32Array.from(data.subarray(i * d, (i + 1) * d))) ?? new Float32Array(d));
  return out;
}

async function inBatches<T>(items: T[], embed: (batch: T[]) => Promise<Float32Array[]>): Promise<Float32Array[]> {
  const out: Float32Array[] = [];
  for (let i = 0; i < items.length; i += NEURAL_BATCH) out.push(...(await embed(items.slice(i, i + NEURAL_BATCH))));
  return out;
}

export class TransformersTextEmbedder implements TextEmbedder {
  readonly kind = 'text' as const;

  private constructor(
    readonly id: string,
    readonly dimension: number,
    private readonly extractor: FeatureExtractionPipeline,
  ) {}

  static async load(source: ModelSource): Promise<TransformersTextEmbedder> {
    return withModelEnv(source, async () => {
      const { pipeline } = await transformers();
      const extractor = (await pipeline('feature-extraction', source.model, {
        dtype: source.dtype ?? 'fp32',
        ...(source.onProgress ? { progress_callback: source.onProgress } : {}),
      })) as FeatureExtractionPipeline;
      // The output width is whatever the model projects to; one probe reads it.
      const probe = await extractor(['probe'], { pooling: 'mean', normalize: true });
      return new TransformersTextEmbedder(`text-${source.model}-${source.dtype ?? 'fp32'}`, probe.dims[1]!, extractor);
    });
  }

  async embedTexts(texts: string[]): Promise<Float32Array[]> {
    return inBatches(texts, async (batch) => rows(await this.extractor(batch, { pooling: 'mean', normalize: true })));
  }

  async dispose(): Promise<void> {
    await this.extractor.dispose();
  }
}

type ClipText = Awaited<ReturnType<typeof CLIPTextModelWithProjection.from_pretrained>>;
type ClipVision = Awaited<ReturnType<typeof CLIPVisionModelWithProjection.from_pretrained>>;
type Tokenizer = Awaited<ReturnType<typeof AutoTokenizer.from_pretrained>>;
type Processor = Awaited<ReturnType<typeof AutoProcessor.from_pretrained>>;

/** CLIP: images and text in one space (searchByImage, and text-to-image over posters). */
export class ClipEmbedder implements ImageEmbedder {
  readonly kind = 'image' as const;

  private constructor(
    readonly id: string,
    readonly dimension: number,
    private readonly tokenizer: Tokenizer,
    private readonly textModel: ClipText,
    private readonly processor: Processor,
    private readonly visionModel: ClipVision,
  ) {}

  static async load(source: ModelSource): Promise<ClipEmbedder> {
    return withModelEnv(source, async () => {
      const options = { dtype: source.dtype ?? 'fp32', ...(source.onProgress ? { progress_callback: source.onProgress } : {}) } as const;
      const { AutoTokenizer, CLIPTextModelWithProjection, AutoProcessor, CLIPVisionModelWithProjection } = await transformers();
      const [tokenizer, textModel, processor, visionModel] = await Promise.all([
        AutoTokenizer.from_pretrained(source.model, options),
        CLIPTextModelWithProjection.from_pretrained(source.model, options),
        AutoProcessor.from_pretrained(source.model, options),
        CLIPVisionModelWithProjection.from_pretrained(source.model, options),
      ]);
      const embedder = new ClipEmbedder(`clip-${source.model}-${source.dtype ?? 'fp32'}`, 0, tokenizer, textModel, processor, visionModel);
      const [probe] = await embedder.embedTexts(['probe']);
      (embedder as { dimension: number }).dimension = probe!.length;
      return embedder;
    });
  }

  /** A text-side embedder in the image space (for text-to-image search). */
  get textEmbedder(): TextEmbedder {
    return { id: `${this.id}-text`, kind: 'image', dimension: this.dimension, embedTexts: (texts) => this.embedTexts(texts) };
  }

  async embedTexts(texts: string[]): Promise<Float32Array[]> {
    return inBatches(texts, async (batch) => {
      const inputs = this.tokenizer(batch, { padding: true, truncation: true });
      const { text_embeds } = (await this.textModel(inputs)) as { text_embeds: Tensor };
      return rows(text_embeds);
    });
  }

  async embedImage(bytes: Uint8Array): Promise<Float32Array> {
    await assertRasterImage(bytes);
    const { RawImage } = await transformers();
    let image: RawImage;
    try {
      image = await RawImage.fromBlob(new Blob([bytes]));
    } catch (error) {
      throw imageUnreadable('The image could not be decoded (JPEG, PNG, WebP or GIF expected).', { cause: (error as Error).message });
    }
    const inputs = await this.processor(image);
    const { image_embeds } = (await this.visionModel(inputs)) as { image_embeds: Tensor };
    return rows(image_embeds)[0]!;
  }

  async dispose(): Promise<void> {
    await Promise.all([this.textModel.dispose(), this.visionModel.dispose()]);
  }
}
