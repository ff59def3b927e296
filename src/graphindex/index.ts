// Public surface of the graph index: CSR/CSC construction, pinned table data and the LRU cache.
export { buildCsr, csrBuffers, type Adjacency, type CsrInput, type CsrOutput } from './csr.js';
export { columnValues, type CellValue } from './arrow-values.js';
export { NodeData, TableData, loadEdgeData, loadNodeData, pinKey, type PinnedTable, type TableScanner } from './tables.js';
export { GraphIndexCache, type CsrBuilder, type EdgeIndex, type GraphIndexCacheOptions } from './cache.js';
