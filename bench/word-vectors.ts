// Loading the wink word vectors (src/embed/word-vectors.ts) from the compiled dist/, which is the
// only place the worker file runs as plain JS: a cold load into a fresh folder (worker parse +
// pack + cache write) and a warm one from that packed copy, each with the longest stretch the
// main thread's event loop was blocked (gap between 1 ms timer ticks).
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DEFAULT_MAX_WORDS, readWordVectors } from '../src/embed/word-vectors.js';
import { atMost, comparedRow, type Row } from './report.js';

interface LoadFigures {
  ms: number;
  longestBlockMs: number;
  ticks: number;
}

async function measureLoad(cacheDir: string): Promise<LoadFigures> {
  let ticks = 0;
  let last = performance.now();
  let longest = 0;
  const timer = setInterval(() => {
    const now = performance.now();
    longest = Math.max(longest, now - last);
    last = now;
    ticks += 1;
  }, 1);
  const started = performance.now();
  await readWordVectors(DEFAULT_MAX_WORDS, cacheDir);
  const ended = performance.now();
  clearInterval(timer);
  return { ms: ended - started, longestBlockMs: Math.max(longest, ended - last), ticks };
}

export async function runWordVectorSuite({ log }: { log(line: string): void }): Promise<{ rows: Row[]; details: Record<string, unknown> }> {
  const cacheDir = mkdtempSync(join(tmpdir(), 'bench-word-vectors-'));
  try {
    log('  word vectors: cold load (parse in a worker) and warm load (packed copy)…');
    const cold = await measureLoad(cacheDir);
    const warm = await measureLoad(cacheDir);
    // The goal: no single block long enough to time out a health check or stall a GraphQL answer.
    const rows = [
      comparedRow('startup', 'word vectors: cold load (worker parse + pack + write)', cold.ms, null, 'ms', null),
      comparedRow('startup', 'word vectors: longest event-loop block, cold load', cold.longestBlockMs, null, 'ms', null, [atMost(cold.longestBlockMs, 100, 'ms')]),
      comparedRow('startup', 'word vectors: warm load (packed copy)', warm.ms, null, 'ms', null),
      comparedRow('startup', 'word vectors: longest event-loop block, warm load', warm.longestBlockMs, null, 'ms', null, [atMost(warm.longestBlockMs, 100, 'ms')]),
    ];
    return { rows, details: { maxWords: DEFAULT_MAX_WORDS, cold, warm } };
  } finally {
    rmSync(cacheDir, { recursive: true, force: true });
  }
}
