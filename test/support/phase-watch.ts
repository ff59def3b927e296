// Following a writer child's phase reports on stderr: Phase A armed, the armed → published window, a kill after arming.
import type { ChildProcessWithoutNullStreams, ChildProcessByStdio } from 'node:child_process';
import type { Readable } from 'node:stream';
import { PHASE_MARKER } from '../../src/util/failpoints.js';

type Child = ChildProcessWithoutNullStreams | ChildProcessByStdio<null, Readable, Readable>;

/** What a watched child has reported so far. */
export interface PhaseWatch {
  /** Everything the child wrote on stderr. */
  readonly stderr: string;
  /** The child reported Phase A (its sidecar is written). */
  readonly armed: boolean;
  /** Milliseconds from the Phase A report to the publish report, when both were seen. */
  readonly windowMs: number | null;
}

/**
 * Watch `child`'s stderr for phase reports (`OMNIGRAPH_REPORT_PHASES=1`); with `killAfterArmedMs`, SIGKILL it that long
 * after it reports Phase A. `onStderr` sees the accumulated stderr after each chunk.
 */
export function watchPhases(child: Child, killAfterArmedMs?: number, onStderr?: (stderr: string) => void): PhaseWatch {
  const state = { stderr: '', armed: false, windowMs: null as number | null };
  let armedAt = 0;
  child.stderr.on('data', (d: Buffer) => {
    state.stderr += d.toString();
    if (state.windowMs === null && state.armed && state.stderr.includes(`${PHASE_MARKER} published`)) state.windowMs = performance.now() - armedAt;
    if (!state.armed && state.stderr.includes(`${PHASE_MARKER} armed`)) {
      state.armed = true;
      armedAt = performance.now();
      if (killAfterArmedMs !== undefined) setTimeout(() => child.kill('SIGKILL'), killAfterArmedMs);
    }
    onStderr?.(state.stderr);
  });
  return state;
}
