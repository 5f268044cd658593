// Keeps tool answers small: `fields` keeps only the dotted paths asked for (lists are walked
// through; `pageInfo` and `totalCount` always stay so paging still works), and an answer above
// the byte limit loses items from the end of its longest lists, with a note saying so.

export const PAGING_KEYS = ['pageInfo', 'totalCount'];

/** Keeps the given dotted paths of `data`; a path may leave out the root field when there is only one. */
export function pickFields(data: Record<string, unknown>, paths: string[]): Record<string, unknown> {
  const roots = Object.keys(data);
  const split = paths.map((p) => p.split('.').filter(Boolean)).filter((p) => p.length > 0);
  const rooted = split.map((p) => (roots.length === 1 && p[0] !== roots[0] ? [roots[0]!, ...p] : p));
  return pick(data, rooted, true) as Record<string, unknown>;
}

function pick(value: unknown, paths: string[][], root = false): unknown {
  if (Array.isArray(value)) return value.map((item) => pick(item, paths));
  if (value === null || typeof value !== 'object') return value;
  if (paths.some((p) => p.length === 0)) return value;
  const out: Record<string, unknown> = {};
  for (const [key, child] of Object.entries(value)) {
    const below = paths.filter((p) => p[0] === key).map((p) => p.slice(1));
    if (below.length) out[key] = pick(child, below);
    else if (!root && PAGING_KEYS.includes(key)) out[key] = child;
  }
  return out;
}

export interface Trimmed<T> {
  value: T;
  /** What was cut, for a note in the answer; null when nothing was. */
  note: string | null;
}

const bytes = (value: unknown) => Buffer.byteLength(JSON.stringify(value) ?? '', 'utf8');

/** Cuts the longest lists until the JSON of `value` is at most `maxBytes`. */
export function limitSize<T>(value: T, maxBytes: number): Trimmed<T> {
  let size = bytes(value);
  if (size <= maxBytes) return { value, note: null };
  const copy = structuredClone(value);
  const cut = new Map<string, { from: number; to: number }>();
  for (let guard = 0; guard < 1_000 && size > maxBytes; guard++) {
    const lists: ListSize[] = [];
    size = measure(copy, '', lists);
    if (size <= maxBytes) break;
    const largest = lists.sort((a, b) => b.bytes - a.bytes)[0];
    if (!largest) break;
    const { list, path } = largest;
    const before = cut.get(path)?.from ?? list.length;
    // Drop about as many items (of average size) as the excess, at least one.
    const perItem = largest.bytes / list.length;
    const drop = Math.min(list.length, Math.max(1, Math.ceil((size - maxBytes) / perItem)));
    list.splice(list.length - drop, drop);
    cut.set(path, { from: before, to: list.length });
  }
  const parts = [...cut].map(([path, { from, to }]) => `${path} from ${from} to ${to} items`);
  const fits = bytes(copy) <= maxBytes;
  const note =
    `The answer was larger than ${maxBytes} bytes: cut ${parts.join(', ') || 'nothing'}${fits ? '' : ' (still too large)'}. ` +
    'The cut items are not shown and pageInfo.endCursor still points after them: ask again with fewer `fields` or a smaller `first` to see them.';
  return { value: copy, note };
}

interface ListSize {
  path: string;
  list: unknown[];
  bytes: number;
}

/** JSON size of `value` in one pass, noting every non-empty list with its own size. */
function measure(value: unknown, path: string, lists: ListSize[]): number {
  if (Array.isArray(value)) {
    let total = 2 + Math.max(0, value.length - 1);
    value.forEach((item, i) => (total += measure(item, `${path}[${i}]`, lists)));
    if (value.length) lists.push({ path: path || '(root)', list: value, bytes: total });
    return total;
  }
  if (value && typeof value === 'object') {
    const entries = Object.entries(value).filter(([, v]) => v !== undefined);
    let total = 2 + Math.max(0, entries.length - 1);
    for (const [key, child] of entries) total += bytes(key) + 1 + measure(child, path ? `${path}.${key}` : key, lists);
    return total;
  }
  return bytes(value);
}
