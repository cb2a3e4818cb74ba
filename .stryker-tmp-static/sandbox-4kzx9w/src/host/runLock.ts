// @ts-nocheck
// One run at a time on a host: every command that changes the site (install, repair, relay
// change) holds the host's run lock while it works. One host carries one site, so this is the
// site's lock. A second run is refused, naming the run that is active; a lock note left by a
// run that was killed is named and taken over (the kernel released its flock when it died).
import { hostname, userInfo } from 'node:os';
import { WorkError } from '../cli/errors.js';
import type { Host } from './types.js';

/** /run/lock is a tmpfs on Debian: a reboot ends every run and clears the lock with it. */
export const RUN_LOCK = '/run/lock/netsetup-wizard.lock';

export interface LockOwner {
  pid: number;
  host: string;
  user: string;
  command: string;
  started: string;
}

const held = new Map<Host, number>();

export function parseOwner(text: string | undefined): LockOwner | undefined {
  try {
    const o = JSON.parse(text ?? '') as Partial<LockOwner>;
    return typeof o.pid === 'number' && typeof o.started === 'string' ? { pid: o.pid, host: String(o.host ?? '?'), user: String(o.user ?? '?'), command: String(o.command ?? '?'), started: o.started } : undefined;
  } catch {
    return undefined;
  }
}

export function describeOwner(o: LockOwner): string {
  return `"${o.command}" started ${o.started.replace('T', ' ').replace(/\.\d+Z$/, ' UTC')} by process ${o.pid} on ${o.host} (user ${o.user})`;
}

function pidAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * Run `work` holding the host's run lock. Re-entrant for the same Host (the relay command holds
 * it across reading the state and applying the change, which takes it again).
 */
export async function withRunLock<T>(host: Host, o: { command: string; say: (line: string) => void }, work: () => Promise<T>): Promise<T> {
  const depth = held.get(host) ?? 0;
  if (depth > 0) {
    held.set(host, depth + 1);
    try {
      return await work();
    } finally {
      held.set(host, held.get(host)! - 1);
    }
  }
  const me: LockOwner = { pid: process.pid, host: hostname(), user: userInfo().username, command: o.command, started: new Date().toISOString() };
  const attempt = await host.tryLock(RUN_LOCK, `${JSON.stringify(me)}\n`);
  if (!attempt.acquired) {
    const owner = parseOwner(attempt.owner);
    throw new WorkError(`another netsetup-wizard run is active on ${host.name}: ${owner ? describeOwner(owner) : 'it has not said who it is yet'}. Nothing was changed`, {
      advice: `Let that run finish (or stop it), then run this command again. The lock is ${RUN_LOCK} on the host; it is released when that run ends, however it ends.`,
    });
  }
  if (attempt.owner !== undefined) {
    const stale = parseOwner(attempt.owner);
    const gone = stale && stale.host === me.host && !pidAlive(stale.pid) ? ` (process ${stale.pid} is not running)` : '';
    o.say(
      `A run lock was left behind by ${stale ? describeOwner(stale) : 'an earlier run'}${gone}: that run was killed or lost its connection and no longer holds the lock. Taking it over; every step checks the host first, so its work is resumed, not repeated.`,
    );
  }
  held.set(host, 1);
  try {
    return await work();
  } finally {
    held.delete(host);
    await attempt.release();
  }
}
