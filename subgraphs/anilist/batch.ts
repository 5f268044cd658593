// Gathers the keys asked for while one operation resolves (an `_entities` call with many AniList
// ids, a list of relations) into one upstream call. No memo: the kit's cache does that job.

export type BatchLoad<K, V> = (keys: K[]) => Promise<Map<K, V>>;

interface Waiting<V> {
  resolve(value: V | null): void;
  reject(error: unknown): void;
}

/** `load(key)` resolves to the value the batch found for key, or null when it found none. */
export function createBatcher<K, V>(loadMany: BatchLoad<K, V>): (key: K) => Promise<V | null> {
  let queue = new Map<K, Waiting<V>[]>();

  const flush = () => {
    const batch = queue;
    queue = new Map();
    loadMany([...batch.keys()]).then(
      (found) => {
        for (const [key, waiting] of batch) for (const w of waiting) w.resolve(found.get(key) ?? null);
      },
      (error: unknown) => {
        for (const waiting of batch.values()) for (const w of waiting) w.reject(error);
      },
    );
  };

  return (key) =>
    new Promise<V | null>((resolve, reject) => {
      // setImmediate, not a microtask: graphql-js reaches sibling list items through several
      // promise hops, and all of them must be queued before the batch leaves.
      if (queue.size === 0) setImmediate(flush);
      const waiting = queue.get(key);
      if (waiting) waiting.push({ resolve, reject });
      else queue.set(key, [{ resolve, reject }]);
    });
}
