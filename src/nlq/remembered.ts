// What a follow-up ("the second one") can refer to: the titled entries of an answer, in order.
export interface RememberedItem {
  id: string;
  title: string;
  malId: number | null;
}

// An anime whose answer is a list under it (FindSimilarAnime's `similar`, the MAL
// `recommendations`): "the second one" means the second entry of that list, not the anime asked about.
const LISTS_UNDER_ANIME = new Set(['similar', 'recommendations']);

function listsUnder(record: Record<string, unknown>, found: unknown[] = []): unknown[] {
  for (const [key, value] of Object.entries(record)) {
    if (LISTS_UNDER_ANIME.has(key) && Array.isArray(value)) found.push(value);
    else if (value && typeof value === 'object' && !Array.isArray(value)) listsUnder(value as Record<string, unknown>, found);
  }
  return found;
}

export function titledItems(value: unknown, items: RememberedItem[] = []): RememberedItem[] {
  if (Array.isArray(value)) for (const v of value) titledItems(v, items);
  else if (value && typeof value === 'object') {
    const record = value as Record<string, unknown>;
    if (typeof record['title'] === 'string' && (typeof record['id'] === 'string' || typeof record['malId'] === 'number')) {
      const lists = listsUnder(record);
      if (lists.length) titledItems(lists, items);
      else items.push({ id: String(record['id'] ?? `mal:${record['malId']}`), title: record['title'], malId: typeof record['malId'] === 'number' ? record['malId'] : null });
    } else for (const v of Object.values(record)) titledItems(v, items);
  }
  return items;
}
