// What a follow-up ("the second one") can refer to: the titled entries of an answer, in order.
export interface RememberedItem {
  id: string;
  title: string;
  malId: number | null;
}

export function titledItems(value: unknown, items: RememberedItem[] = []): RememberedItem[] {
  if (Array.isArray(value)) for (const v of value) titledItems(v, items);
  else if (value && typeof value === 'object') {
    const record = value as Record<string, unknown>;
    if (typeof record['title'] === 'string' && (typeof record['id'] === 'string' || typeof record['malId'] === 'number')) {
      items.push({ id: String(record['id'] ?? `mal:${record['malId']}`), title: record['title'], malId: typeof record['malId'] === 'number' ? record['malId'] : null });
    } else for (const v of Object.values(record)) titledItems(v, items);
  }
  return items;
}
