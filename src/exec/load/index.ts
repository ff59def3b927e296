// Public face of the bulk loader.
export { runLoad, type LoadMode, type LoadOptions, type LoadProgress, type LoadResult, type LoadedType, type WriteTarget } from './run-load.js';
export { sourceChunks, sourceSize, type LineChunk, type LoadSource } from './load-source.js';
