// List import: read a provider's list (public, or the linked account's own list with its private
// entries), map every entry through the crosswalk (the catalog's `anilist:<id>` / `mal:<id>`
// aliases), and write the matched ones into the watchlist in one transaction: an import lands
// whole or not at all. What the crosswalk cannot place is reported, never guessed.
import type { Catalog } from '../../catalog/index.js';
import type { Config } from '../../config/index.js';
import type { Store } from '../../store/index.js';
import { UserError } from '../errors.js';
import { MAX_PROGRESS, MAX_SCORE } from '../model.js';
import type { LinksService } from '../links/service.js';
import { isListSource, ListSource, type ImportReport, type ListEntry } from './model.js';
import { checkUsername, type PublicListReader } from './sources.js';

export interface ImportOptions {
  store: () => Promise<Store>;
  catalog: Catalog;
  config: Pick<Config, 'USER_IMPORT_MAX_ENTRIES'>;
  reader: PublicListReader;
  links: LinksService;
  now?: () => number;
}

export class ImportService {
  private readonly now: () => number;

  constructor(private readonly options: ImportOptions) {
    this.now = options.now ?? Date.now;
  }

  /** The catalog anime of a provider entry: its own id first, then the other provider's id it names. */
  private match(entry: ListEntry) {
    const { catalog } = this.options;
    return (entry.anilistId !== null ? catalog.byId(`anilist:${entry.anilistId}`) : undefined) ?? (entry.malId !== null ? catalog.byId(`mal:${entry.malId}`) : undefined);
  }

  async import(userId: string, source: ListSource, username: string): Promise<ImportReport> {
    if (!isListSource(source)) throw new UserError('BAD_USER_INPUT', 'source must be MAL or ANILIST', { field: 'source' });
    const name = checkUsername(username);
    const max = this.options.config.USER_IMPORT_MAX_ENTRIES;
    // The linked account's own list when the name is theirs (private entries included), else the public list.
    const linked = await this.options.links.readPrivateList(userId, source, max, name);
    const entries = linked ?? (await this.options.reader.read(source, name, max));

    const unmatched: ImportReport['unmatched'] = [];
    const rows = new Map<string, { status: string; score: number | null; progress: number | null }>();
    for (const entry of entries) {
      const record = this.match(entry);
      if (!record) {
        unmatched.push({ sourceId: entry.sourceId, title: entry.title });
        continue;
      }
      // A provider may count episodes the catalog does not know yet; the catalog's count bounds progress.
      let progress = entry.progress === null ? null : Math.max(0, Math.min(entry.progress, MAX_PROGRESS));
      if (progress !== null && record.episodes) progress = Math.min(progress, record.episodes);
      const score = entry.score === null ? null : Math.min(entry.score, MAX_SCORE);
      rows.set(record.id, { status: entry.status, score, progress });
    }

    const { db } = await this.options.store();
    const at = this.now();
    const counts = await db.transaction().execute(async (trx) => {
      const ids = [...rows.keys()];
      const existing = new Set<string>();
      // In slices: PostgreSQL and SQLite cap bound parameters per statement.
      for (let i = 0; i < ids.length; i += 500) {
        const found = await trx.selectFrom('user_watchlist').select('anime_id').where('user_id', '=', userId).where('anime_id', 'in', ids.slice(i, i + 500)).execute();
        for (const row of found) existing.add(row.anime_id);
      }
      for (const [animeId, row] of rows) {
        await trx
          .insertInto('user_watchlist')
          .values({ user_id: userId, anime_id: animeId, status: row.status, score: row.score, progress: row.progress, created_at: at, updated_at: at })
          .onConflict((oc) => oc.columns(['user_id', 'anime_id']).doUpdateSet({ status: row.status, score: row.score, progress: row.progress, updated_at: at }))
          .execute();
      }
      return { imported: ids.length - existing.size, updated: existing.size };
    });
    return { source, ...counts, unmatched, viaLinkedAccount: linked !== null };
  }
}
