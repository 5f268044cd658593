// Provenance building blocks shared by the source subgraphs and `universal`: when a source's answer
// was produced and whether it came live, from the cache or stale. One definition, so every subgraph
// emits identical SDL (federation merges shared enums and scalars only when they match).
import 'reflect-metadata';
import { GraphQLDateTime } from 'graphql-scalars';
import { registerEnumType } from 'type-graphql';
import type { AnswerOrigin, SourceAnswer } from '../http/types.js';

export enum SourceOrigin {
  UPSTREAM = 'UPSTREAM',
  CACHE = 'CACHE',
  STALE = 'STALE',
  /** The offline catalog snapshot (no upstream call behind it). */
  OFFLINE = 'OFFLINE',
}

registerEnumType(SourceOrigin, {
  name: 'SourceOrigin',
  description: 'Where a source answer came from: a live upstream call, a fresh cache entry, a stale one served while the upstream is down or refreshing, or the offline catalog.',
});

/** ISO 8601 date-time (graphql-scalars), e.g. when a source produced its answer. */
export const DateTime = GraphQLDateTime;

const ORIGINS: Record<AnswerOrigin, SourceOrigin> = { upstream: SourceOrigin.UPSTREAM, cache: SourceOrigin.CACHE, stale: SourceOrigin.STALE };

/** The provenance fields a source object carries next to its data. */
export interface Fetched {
  fetchedAt: Date;
  origin: SourceOrigin;
}

export function fetchedOf(answer: Pick<SourceAnswer<unknown>, 'origin' | 'fetchedAt'>): Fetched {
  return { fetchedAt: new Date(answer.fetchedAt), origin: ORIGINS[answer.origin] };
}
