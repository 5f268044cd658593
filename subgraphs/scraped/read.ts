// How a scraped site's field reads its page, the same for every site: a missing entry is null;
// blocks, layout changes and outages are typed errors beside partial data. The `…Cached` twin
// only looks in the cache, so it never scrapes and never fails.
import { AppError, ErrorCode } from '../../src/errors/index.js';
import { toGraphQLError } from '../../src/graphql/index.js';
import { fetchedOf, type Fetched } from '../../src/graphql/provenance.js';
import type { ScrapedAnswer } from '../../src/scrape/index.js';

export async function pageOrNull<T extends object>(read: () => Promise<ScrapedAnswer<T>>): Promise<(T & Fetched) | null> {
  try {
    const answer = await read();
    return { ...answer.data, ...fetchedOf(answer) };
  } catch (error) {
    if (error instanceof AppError && error.code === ErrorCode.NOT_FOUND) return null;
    throw toGraphQLError(error);
  }
}

export async function cachedPageOrNull<T extends object>(read: () => Promise<ScrapedAnswer<T> | null>): Promise<(T & Fetched) | null> {
  const answer = await read();
  return answer ? { ...answer.data, ...fetchedOf(answer) } : null;
}
