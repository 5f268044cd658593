export * from './platform.js';
export * from './anime.js';
