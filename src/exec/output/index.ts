// Public surface of read output: the ReadOutput DTO and its renderers.
export { readOutput, type ReadOutput, type ReadTargetOutput } from './read-output.js';
export { READ_FORMATS, cellText, normalize, renderRead, type ReadFormat, type TableOptions } from './renderers.js';
export { exportType, exportTypes } from './export-lines.js';
