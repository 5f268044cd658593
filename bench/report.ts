// Rows of the benchmark table, their formatting, the machine description and latest.json.
import { mkdir, writeFile } from 'node:fs/promises';
import os from 'node:os';
import { dirname } from 'node:path';

/** `ratio`: a unitless share such as recall (0–1); `count`: how many (entries, records). */
export type Unit = 'ms' | 'req/s' | 's' | 'MB' | 'KB' | 'ratio' | 'count';

/** One target from the issue; `met` is computed when the row is built. */
export interface Goal {
  text: string;
  met: boolean;
}

export interface Row {
  suite: 'http' | 'search' | 'startup' | 'knn' | 'enrich';
  figure: string;
  value: number;
  unit: Unit;
  /** The same figure for the baseline measured in the same run, if the row has one. */
  baseline: number | null;
  /** gateway/direct (or distributed/embedded) for HTTP rows, naive/indexed (speed-up) for search rows. */
  ratio: number | null;
  goals: Goal[];
}

/**
 * One row of the table: `ratio` is passed in because its direction differs by suite
 * (value/baseline for HTTP, baseline/value — the speed-up — for search).
 */
export function comparedRow(suite: Row['suite'], figure: string, value: number, baseline: number | null, unit: Unit, ratio: number | null, goals: Goal[] = []): Row {
  return { suite, figure, value, unit, baseline, ratio, goals };
}

/** Thrown for anything that is not a timing: failed requests, GraphQL errors, crashes. */
export class BenchError extends Error {}

const plain = new Intl.NumberFormat('en-US', { maximumFractionDigits: 3 });

export function atMost(value: number, limit: number, unit: Unit | '', label = ''): Goal {
  return { text: `${label}≤ ${plain.format(limit)}${unit ? ` ${unit}` : ''}`, met: value <= limit };
}

export function atLeast(value: number, limit: number, unit: Unit | '', label = ''): Goal {
  return { text: `${label}≥ ${plain.format(limit)}${unit ? ` ${unit}` : ''}`, met: value >= limit };
}

/** The median (the mean of the middle two for an even count); NaN for none. */
export function median(values: readonly number[]): number {
  if (values.length === 0) return NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

const thousands = new Intl.NumberFormat('en-US', { maximumFractionDigits: 0 });

export function formatValue(value: number, unit: Unit): string {
  if (!Number.isFinite(value)) return 'n/a';
  switch (unit) {
    case 'ms':
      return `${value < 10 ? value.toFixed(3) : value < 100 ? value.toFixed(2) : value.toFixed(1)} ms`;
    case 'req/s':
      return `${thousands.format(value)} req/s`;
    case 's':
      return `${value.toFixed(2)} s`;
    case 'MB':
      return `${value.toFixed(0)} MB`;
    case 'KB':
      return `${value.toFixed(1)} KB`;
    case 'ratio':
      return value.toFixed(4);
    case 'count':
      return thousands.format(value);
  }
}

function formatRatio(ratio: number | null): string {
  if (ratio === null || !Number.isFinite(ratio)) return '-';
  return `${ratio < 10 ? ratio.toFixed(2) : ratio.toFixed(1)}x`;
}

function formatGoals(goals: Goal[]): string {
  if (goals.length === 0) return '-';
  return goals.map((g) => `${g.text} ${g.met ? 'ok' : 'MISSED'}`).join('; ');
}

export interface Machine {
  cpu: string;
  cores: number;
  totalMemoryGB: number;
  node: string;
  platform: string;
  /** 1-minute load average when the run started: other work on the machine skews every figure. */
  loadAverage: number;
}

export function describeMachine(): Machine {
  return {
    cpu: os.cpus()[0]?.model.trim() ?? 'unknown CPU',
    cores: os.cpus().length,
    totalMemoryGB: Math.round((os.totalmem() / 2 ** 30) * 10) / 10,
    node: process.version,
    platform: `${os.platform()} ${os.release()} ${os.arch()}`,
    loadAverage: Math.round(os.loadavg()[0]! * 100) / 100,
  };
}

export function machineLine(m: Machine): string {
  return `Machine: ${m.cpu}, ${m.cores} cores, ${m.totalMemoryGB} GB RAM, Node ${m.node}, ${m.platform} (load average ${m.loadAverage} at start)`;
}

/** A fixed-width table: figure | value | baseline | ratio | goal. */
export function formatTable(rows: Row[]): string {
  const header = ['figure', 'value', 'baseline', 'ratio', 'goal'];
  const cells = rows.map((r) => [r.figure, formatValue(r.value, r.unit), r.baseline === null ? '-' : formatValue(r.baseline, r.unit), formatRatio(r.ratio), formatGoals(r.goals)]);
  const widths = header.map((h, i) => Math.max(h.length, ...cells.map((c) => c[i]!.length)));
  const right = [false, true, true, true, false];
  const line = (c: string[]) => c.map((s, i) => (right[i] ? s.padStart(widths[i]!) : s.padEnd(widths[i]!))).join(' | ').trimEnd();
  const rule = widths.map((w) => '-'.repeat(w)).join('-+-');
  const out = [line(header), rule];
  let suite: Row['suite'] | null = null;
  rows.forEach((row, i) => {
    if (suite !== null && row.suite !== suite) out.push(rule);
    suite = row.suite;
    out.push(line(cells[i]!));
  });
  return out.join('\n');
}

export interface Report {
  machine: Machine;
  timestamp: string;
  quick: boolean;
  durations: { httpSeconds: number; httpWarmupSeconds: number; searchTaskMs: number };
  rows: Array<Row & { display: { value: string; baseline: string; ratio: string; goal: string } }>;
  details: Record<string, unknown>;
}

export async function writeReport(path: string, report: Omit<Report, 'rows'> & { rows: Row[] }): Promise<void> {
  const rows = report.rows.map((r) => ({
    ...r,
    display: {
      value: formatValue(r.value, r.unit),
      baseline: r.baseline === null ? '-' : formatValue(r.baseline, r.unit),
      ratio: formatRatio(r.ratio),
      goal: formatGoals(r.goals),
    },
  }));
  await mkdir(dirname(path), { recursive: true });
  await writeFile(path, `${JSON.stringify({ ...report, rows }, null, 2)}\n`);
}
