// How fast a source answers: the time of each live upstream answer (cache hits and joined
// in-flight calls are not upstream answers), kept as a moving average and the percentiles of a
// recent window, so the universal subgraph can prefer the fastest healthy source.

/** A source's recorded latency; the figures are null until it has answered once. */
export interface LatencyFigures {
  /** Answers the figures are based on (all answers for the average, at most the window for p50/p90). */
  samples: number;
  /** Exponentially weighted moving average, ms: follows a change within a handful of answers. */
  ewmaMs: number | null;
  /** Median and 90th percentile of the last answers (the window), ms. */
  p50Ms: number | null;
  p90Ms: number | null;
}

export const NO_LATENCY: LatencyFigures = Object.freeze({ samples: 0, ewmaMs: null, p50Ms: null, p90Ms: null });

export interface LatencyOptions {
  /** Weight of the newest answer in the average (0–1]. */
  alpha?: number;
  /** Answers kept for the percentiles. */
  window?: number;
}

/** Records answer times in a ring buffer; `figures()` is a fresh snapshot (stats copies stay unchanged). */
export class LatencyRecorder {
  private readonly alpha: number;
  private readonly ring: number[] = [];
  private next = 0;
  private count = 0;
  private ewma: number | null = null;

  constructor(private readonly options: LatencyOptions = {}) {
    // 0.2: the newest answer weighs a fifth, so one slow outlier moves the average little while a
    // lasting slowdown shows after ~5 answers.
    this.alpha = options.alpha ?? 0.2;
  }

  record(ms: number): void {
    if (!Number.isFinite(ms) || ms < 0) return;
    const window = this.options.window ?? 50;
    if (this.ring.length < window) this.ring.push(ms);
    else this.ring[this.next] = ms;
    this.next = (this.next + 1) % window;
    this.count += 1;
    this.ewma = this.ewma === null ? ms : this.alpha * ms + (1 - this.alpha) * this.ewma;
  }

  figures(): LatencyFigures {
    if (this.count === 0) return NO_LATENCY;
    const sorted = [...this.ring].sort((a, b) => a - b);
    return { samples: this.count, ewmaMs: round(this.ewma!), p50Ms: round(percentile(sorted, 0.5)), p90Ms: round(percentile(sorted, 0.9)) };
  }
}

/** Nearest-rank percentile of an ascending, non-empty list. */
function percentile(sorted: readonly number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(p * sorted.length) - 1))]!;
}

const round = (ms: number) => Math.round(ms * 10) / 10;
