// Lexical side of the hybrid ranking: a MiniSearch (BM25) index over what a narrative query can
// name — titles, tags and synopsis. The catalog's TitleIndex covers titles only, so a query such
// as "underground tunnels and dream talking" needs this one.
import MiniSearch from 'minisearch';
import type { AnimeRecord } from '../domain/index.js';
import { contentTerms } from './terms.js';

export interface LexicalHit {
  id: string;
  score: number;
  /** Query terms found in the record (for the "matched words" reason). */
  terms: string[];
}

interface IndexedDoc {
  id: string;
  titles: string;
  tags: string;
  synopsis: string;
}

// Titles are short and decisive, tags are curated, synopses long and noisy: BM25 already
// normalises by field length, the boosts order the fields by how much a match tells.
const BOOST = { titles: 2, tags: 1.5, synopsis: 1 };

export class LexicalIndex {
  private readonly index = new MiniSearch<IndexedDoc>({
    fields: ['titles', 'tags', 'synopsis'],
    idField: 'id',
    processTerm: (term) => contentTerms(term)[0] ?? null,
    searchOptions: { boost: BOOST, combineWith: 'OR' },
  });

  /**
   * Only records with a synopsis or tags: a narrative query is about what a record describes, and
   * the ~7,600 title-only entries (the catalog's title search covers them) tripled the build time
   * (measured here: 2.7 s for all records, 0.9 s for these) for matches on title words alone.
   */
  constructor(records: readonly AnimeRecord[]) {
    this.index.addAll(records.filter((r) => r.synopsis?.trim() || r.tags.length).map(toDoc));
  }

  get size(): number {
    return this.index.documentCount;
  }

  /**
   * Best `limit` records for free text; `accept` filters before the cut so a filtered search still
   * returns up to `limit` hits. Long words tolerate one typo; no prefix matching (a narrative query
   * is whole words, and prefixes flood the candidates with noise).
   */
  search(text: string, limit: number, accept: (id: string) => boolean = () => true): LexicalHit[] {
    const results = this.index.search(text, { fuzzy: (term) => (term.length >= 6 ? 1 : 0), prefix: false });
    const hits: LexicalHit[] = [];
    for (const result of results) {
      const id = String(result.id);
      if (!accept(id)) continue;
      hits.push({ id, score: result.score, terms: [...new Set(result.queryTerms)] });
      if (hits.length >= limit) break;
    }
    return hits;
  }
}

function toDoc(record: AnimeRecord): IndexedDoc {
  const titles = [record.title, record.titleEnglish, record.titleRomaji, ...record.synonyms].filter(Boolean).join(' \n ');
  return { id: record.id, titles, tags: record.tags.join(' \n '), synopsis: record.synopsis ?? '' };
}
