// Per-key usage counts, gathered in memory and written to the store every few seconds (one small
// transaction instead of a write per request). Anonymous callers are counted by the quotas only.
import type { KeyStore, UsageDelta } from './key-store.js';

export const USAGE_FLUSH_MS = 5000;

export const utcDay = (ms: number) => new Date(ms).toISOString().slice(0, 10);

export class UsageRecorder {
  private pending = new Map<string, Map<string, UsageDelta>>();
  private lastUsed = new Map<string, number>();
  private readonly timer: NodeJS.Timeout;
  private flushing: Promise<void> = Promise.resolve();

  constructor(
    private readonly keys: () => Promise<KeyStore>,
    private readonly onError: (error: unknown) => void,
    private readonly now: () => number = Date.now,
  ) {
    this.timer = setInterval(() => void this.flush(), USAGE_FLUSH_MS);
    this.timer.unref();
  }

  record(keyId: string, counts: Partial<UsageDelta>): void {
    const now = this.now();
    const days = this.pending.get(keyId) ?? new Map<string, UsageDelta>();
    this.pending.set(keyId, days);
    const day = utcDay(now);
    const delta = days.get(day) ?? { requests: 0, nlCalls: 0, rejected: 0 };
    days.set(day, { requests: delta.requests + (counts.requests ?? 0), nlCalls: delta.nlCalls + (counts.nlCalls ?? 0), rejected: delta.rejected + (counts.rejected ?? 0) });
    if (counts.requests) this.lastUsed.set(keyId, now);
  }

  /** Writes what is pending; a failed write keeps nothing (usage is a report, not a ledger). */
  flush(): Promise<void> {
    this.flushing = this.flushing.then(async () => {
      const [pending, lastUsed] = [this.pending, this.lastUsed];
      if (!pending.size && !lastUsed.size) return;
      this.pending = new Map();
      this.lastUsed = new Map();
      try {
        await (await this.keys()).addUsage(pending, lastUsed);
      } catch (error) {
        this.onError(error);
      }
    });
    return this.flushing;
  }

  async close(): Promise<void> {
    clearInterval(this.timer);
    await this.flush();
  }
}
