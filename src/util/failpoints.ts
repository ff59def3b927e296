// Failpoints: OMNIGRAPH_FAILPOINTS=name[=error|exit|pause],… makes named points in writers fail for tests.
import { OmniError } from '../errors/index.js';
import { FAILPOINTS, type FailpointName } from './failpoint-names.js';

/** What a failpoint does when reached. */
export type FailpointAction = 'error' | 'exit' | 'pause';

/** The line a paused process prints on stderr, followed by the failpoint name. */
export const FAILPOINT_PAUSED_MARKER = 'OMNIGRAPH_FAILPOINT_PAUSED';

const ACTIONS: readonly FailpointAction[] = ['error', 'exit', 'pause'];

let cachedSpec: string | undefined;
let cached: ReadonlyMap<FailpointName, FailpointAction> = new Map();

/**
 * Parse a failpoint specification. The default action is `error`.
 * @example
 * parseFailpoints('object.file.after-link=exit'); // Map {'object.file.after-link' => 'exit'}
 */
export function parseFailpoints(spec: string): ReadonlyMap<FailpointName, FailpointAction> {
  const out = new Map<FailpointName, FailpointAction>();
  for (const part of spec.split(',').map((s) => s.trim()).filter((s) => s !== '')) {
    const [name = '', action = 'error', ...rest] = part.split('=');
    if (rest.length > 0 || !Object.hasOwn(FAILPOINTS, name)) {
      throw new OmniError('bad_request', `OMNIGRAPH_FAILPOINTS: unknown failpoint '${part}'; known: ${Object.keys(FAILPOINTS).join(', ')}`);
    }
    if (!ACTIONS.includes(action as FailpointAction)) {
      throw new OmniError('bad_request', `OMNIGRAPH_FAILPOINTS: action '${action}' of '${name}' must be one of ${ACTIONS.join(', ')}`);
    }
    out.set(name as FailpointName, action as FailpointAction);
  }
  return out;
}

function active(): ReadonlyMap<FailpointName, FailpointAction> {
  const spec = process.env['OMNIGRAPH_FAILPOINTS'] ?? '';
  if (spec !== cachedSpec) {
    cached = parseFailpoints(spec);
    cachedSpec = spec;
  }
  return cached;
}

/**
 * Reach a failpoint. With no configuration this is a map lookup. `error` throws code `failpoint`;
 * `exit` kills this process with SIGKILL (a crash: no cleanup runs); `pause` prints
 * `OMNIGRAPH_FAILPOINT_PAUSED <name>` on stderr and never resolves, so a test can kill the process there.
 */
export async function failpoint(name: FailpointName): Promise<void> {
  const action = active().get(name);
  if (action === undefined) return;
  if (action === 'error') throw new OmniError('failpoint', `failpoint '${name}' fired`, { details: { failpoint: name } });
  if (action === 'exit') {
    process.kill(process.pid, 'SIGKILL');
  }
  process.stderr.write(`${FAILPOINT_PAUSED_MARKER} ${name}\n`);
  await new Promise<never>(() => {
    setInterval(() => undefined, 1 << 30);
  });
}

/** The stderr line prefix of `reportPhase`. */
export const PHASE_MARKER = 'OMNIGRAPH_PHASE';

/**
 * With `OMNIGRAPH_REPORT_PHASES=1`, print `OMNIGRAPH_PHASE <phase> <operation id>` on stderr, so a crash test can
 * time a kill after a phase (for example a random offset after Phase A). Otherwise a no-op.
 */
export function reportPhase(phase: string, operationId: string): void {
  if (process.env['OMNIGRAPH_REPORT_PHASES'] === '1') process.stderr.write(`${PHASE_MARKER} ${phase} ${operationId}\n`);
}
