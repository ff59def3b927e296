// Public face of the bulk loader.
export { runLoad, type LoadMode, type LoadOptions, type LoadProgress, type LoadResult, type LoadedType, type WriteTarget } from './run-load.js';
export { sourceLines, sourceSize, type LoadSource, type SourceLine } from './load-source.js';
