// Universal enums registered once for type-graphql, so every subgraph emits identical definitions
// (federation composes shared enums only when they match exactly).
import 'reflect-metadata';
import { registerEnumType } from 'type-graphql';
import { AnimeFormat, AnimeStatus, Platform, RelationKind, Season } from '../domain/index.js';
import { AnimeSort } from '../catalog/index.js';

registerEnumType(AnimeStatus, { name: 'AnimeStatus', description: 'Airing status, the same for every source.' });
registerEnumType(AnimeFormat, { name: 'AnimeFormat', description: 'Release format, the same for every source.' });
registerEnumType(Season, { name: 'Season', description: 'Anime season of the Japanese broadcast year (JST).' });
registerEnumType(Platform, { name: 'Platform', description: 'A site the crosswalk knows; OTHER keeps unknown sites.' });
registerEnumType(RelationKind, { name: 'RelationKind', description: 'How two entries relate; UNKNOWN when the source does not say.' });
registerEnumType(AnimeSort, {
  name: 'AnimeSort',
  description: 'Order of search results; RELEVANCE is the default with a text query, TITLE without one.',
});

export { AnimeFormat, AnimeStatus, Platform, RelationKind, Season, AnimeSort };
