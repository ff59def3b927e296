// Read output for callers above the engine (CLI, server): the ReadOutput DTO and its renderers.
export { READ_FORMATS, readOutput, renderRead, type ReadFormat, type ReadOutput, type TableOptions } from '../exec/output/index.js';
