// Who this process is, for the lease record (host, boot id, pid, pid namespace), and whether a local pid is gone.
import { promises as fs } from 'node:fs';
import os from 'node:os';

/** The fields of a lease record that name the holding process. */
export interface LeaseIdentity {
  readonly host: string;
  readonly boot_id: string;
  readonly pid: number;
  readonly pid_namespace: string | null;
}

let cached: Promise<LeaseIdentity> | undefined;

/**
 * This process's identity (read once, then cached). Linux: `/proc/sys/kernel/random/boot_id` and
 * `readlink /proc/self/ns/pid`. Elsewhere the boot id is `boot-minute:<host boot time in whole minutes>` (stable for
 * one boot; a mismatch only disables the instant takeover) and the pid namespace is `null`.
 * @example
 * const me = await localLeaseIdentity(); // { host: 'box', boot_id: '441f…', pid: 4242, pid_namespace: 'pid:[4026531836]' }
 */
export function localLeaseIdentity(): Promise<LeaseIdentity> {
  cached ??= readIdentity();
  return cached;
}

async function readIdentity(): Promise<LeaseIdentity> {
  const bootId = await fs.readFile('/proc/sys/kernel/random/boot_id', 'utf8').then(
    (s) => s.trim(),
    () => '',
  );
  const pidNamespace = await fs.readlink('/proc/self/ns/pid').catch(() => null);
  return Object.freeze({
    host: os.hostname() || 'unknown-host',
    boot_id: bootId !== '' ? bootId : `boot-minute:${Math.round((Date.now() / 1000 - os.uptime()) / 60)}`,
    pid: process.pid,
    pid_namespace: pidNamespace === '' ? null : pidNamespace,
  });
}

/**
 * True when `holder` ran on this very machine, boot and pid namespace, so its pid can be checked here. A `null` pid
 * namespace matches only where namespaces are unknown on both sides (non-Linux).
 */
export function sameProcessSpace(holder: LeaseIdentity, me: LeaseIdentity): boolean {
  return holder.host === me.host && holder.boot_id === me.boot_id && holder.pid_namespace === me.pid_namespace;
}

/**
 * True when no process `pid` exists here (`kill(pid, 0)` fails with ESRCH). EPERM (someone else's process) and
 * success both mean it exists. A pid reused by an unrelated process reads as alive: the taker then waits out the TTL.
 */
export function isPidGone(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return false;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'ESRCH';
  }
}
