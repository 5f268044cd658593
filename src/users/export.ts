// The CSV form of a user's export: one fact per row (`section,item,field,value`), so every table
// of the JSON export fits one regular file and a field added later is a new row, not a new shape.
import type { ExportDocument } from './service.js';

export const CSV_HEADER = ['section', 'item', 'field', 'value'] as const;

/** RFC 4180 quoting, plus a leading `'` on cells a spreadsheet would run as a formula (OWASP CSV injection). */
function cell(value: unknown): string {
  let text = value === null || value === undefined ? '' : Array.isArray(value) ? value.join(';') : String(value);
  if (/^[=+\-@\t\r]/.test(text)) text = `'${text}`;
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

export function exportCsv(document: ExportDocument): string {
  const rows: unknown[][] = [[...CSV_HEADER]];
  const facts = (section: string, item: string, record: object) => {
    for (const [field, value] of Object.entries(record)) rows.push([section, item, field, value]);
  };
  facts('export', '', { format: document.format, exportedAt: document.exportedAt });
  facts('user', document.user.id, document.user);
  facts('preferences', document.user.id, document.preferences);
  for (const { animeId, ...entry } of document.watchlist) facts('watchlist', animeId, entry);
  for (const { id, ...key } of document.apiKeys) facts('api_key', id, key);
  for (const { keyId, day, ...counts } of document.usage) facts('usage', `${keyId} ${day}`, counts);
  for (const { source, ...link } of document.linkedAccounts) facts('linked_account', source, link);
  for (const { id, ...share } of document.shares) facts('share', id, share);
  for (const { id, ...subscription } of document.airingAlerts.subscriptions) facts('airing_subscription', id, subscription);
  for (const { id, ...alert } of document.airingAlerts.alerts) facts('airing_alert', String(id), alert);
  for (const { id, ...delivery } of document.airingAlerts.deliveries) facts('airing_delivery', String(id), delivery);
  return rows.map((row) => row.map(cell).join(',')).join('\r\n') + '\r\n';
}
