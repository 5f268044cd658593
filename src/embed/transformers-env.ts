// Where transformers.js finds models: a local folder first, then (when allowed) a remote host in
// the Hugging Face hub's URL layout, downloaded into a cache folder with progress reports. The
// library keeps these settings in one global `env`, so loads run one at a time under a lock.
import type { ProgressCallback, ProgressInfo } from '@huggingface/transformers';
import { modelUnavailable } from './errors.js';

export type ModelDtype = 'fp32' | 'fp16' | 'q8' | 'int8' | 'uint8' | 'q4' | 'bnb4' | 'q4f16' | 'auto';

export interface ModelSource {
  /** Hub id (`Xenova/all-MiniLM-L6-v2`) or a folder name under `modelDir`. */
  model: string;
  /** Local models folder (`<modelDir>/<model>/onnx/model.onnx`, tokenizer.json, config.json). */
  modelDir?: string;
  /** Download cache; a second load reads from here and does not contact the host. */
  cacheDir?: string;
  /** Hub-compatible host (`https://huggingface.co/`); unset = no download, local only. */
  remoteHost?: string;
  /** Path under the host, `{model}/resolve/{revision}/` like the hub. */
  remotePathTemplate?: string;
  dtype?: ModelDtype;
  onProgress?: ProgressCallback;
}

/**
 * The library, imported on first use: it pulls in onnxruntime and sharp (tens of MB resident), and
 * a server with model-free embedders (the default) never needs it.
 */
let library: Promise<typeof import('@huggingface/transformers')> | null = null;
export function transformers(): Promise<typeof import('@huggingface/transformers')> {
  library ??= import('@huggingface/transformers').catch((error: unknown) => ((library = null), Promise.reject(error)));
  return library;
}

let lock: Promise<unknown> = Promise.resolve();

/** Runs a load with the env set from `source`; errors become MODEL_UNAVAILABLE AppErrors. */
export function withModelEnv<T>(source: ModelSource, load: () => Promise<T>): Promise<T> {
  const run = async () => {
    try {
      const { env } = await transformers();
      env.allowLocalModels = source.modelDir !== undefined;
      if (source.modelDir !== undefined) env.localModelPath = source.modelDir.endsWith('/') ? source.modelDir : `${source.modelDir}/`;
      env.allowRemoteModels = source.remoteHost !== undefined;
      if (source.remoteHost !== undefined) env.remoteHost = source.remoteHost.endsWith('/') ? source.remoteHost : `${source.remoteHost}/`;
      env.remotePathTemplate = source.remotePathTemplate ?? '{model}/resolve/{revision}/';
      env.useFSCache = source.cacheDir !== undefined;
      if (source.cacheDir !== undefined) env.cacheDir = source.cacheDir;
      return await load();
    } catch (error) {
      throw modelUnavailable(source.model, error);
    }
  };
  const result = lock.then(run, run);
  lock = result.catch(() => undefined);
  return result;
}

/** Progress lines on stderr (one per file every 10 %), for first-use downloads in production. */
export function stderrProgress(write: (line: string) => void = (l) => process.stderr.write(`${l}\n`)): ProgressCallback {
  const last = new Map<string, number>();
  return (info: ProgressInfo) => {
    if (info.status === 'progress') {
      const step = Math.floor(info.progress / 10) * 10;
      if ((last.get(info.file) ?? -1) < step) {
        last.set(info.file, step);
        write(`model ${info.name}: ${info.file} ${step}% of ${(info.total / 1e6).toFixed(1)} MB`);
      }
    } else if (info.status === 'ready') write(`model ${info.model}: ready`);
  };
}
