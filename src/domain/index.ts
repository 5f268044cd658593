export * from './platform.js';
export * from './anime.js';
export * from './mapping.js';
export * from './genres.js';
