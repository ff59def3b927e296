// Public surface of the delta machinery shared by merge, diff and the change feed.
export { candidateIds, samePin, type Candidates, type PinSide } from './candidates.js';
export { commitState } from './commit-state.js';
export { canonical, readEntities, readEntitiesByRowId, sameEntity } from './entity-rows.js';
export { lineageOf, meetingPoint, onLineageAfter, type LineageSegment, type MeetingPoint } from './lineage.js';
export type { HistoryHost } from './history-host.js';
