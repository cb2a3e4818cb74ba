// The run lock as a process: `flock --nonblock LOCKFILE cat` (util-linux, on every Proxmox VE
// host). flock takes the lock, then runs cat, which echoes the line we send (proof the lock is
// ours) and lives until its stdin closes: when we release, or when this process dies for any
// reason. So the kernel, not a pid in a file, decides whether a lock is still held; a lock
// left by a killed run is free, and only its owner note stays behind to be named.
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { WorkError } from '../cli/errors.js';
import type { LockAttempt } from './types.js';

/** flock exits with this when the lock is held by someone else (--conflict-exit-code). */
export const LOCK_BUSY_EXIT = 75;
export const LOCK_READY_LINE = 'netsetup-lock-held';

/** flock itself failed (not: the lock is busy). `why` is flock's stderr or how it ended. */
export function runLockError(lockFile: string, where: string, why: string): WorkError {
  return new WorkError(`cannot take the run lock ${lockFile} on ${where}: ${why}`, { advice: 'flock (util-linux) must be installed on the host.' });
}

/** cat by its path: the host's own coreutils cat (Debian's merged /usr), never a wrapper on PATH. */
export function flockArgv(lockFile: string): string[] {
  return ['flock', '--nonblock', '--conflict-exit-code', String(LOCK_BUSY_EXIT), lockFile, '/usr/bin/cat'];
}

/** Waits for the echo (acquired) or for flock to exit (busy, or an error). */
export function awaitHolder(
  onData: (cb: (chunk: string) => void) => void,
  onStderr: (cb: (chunk: string) => void) => void,
  onExit: (cb: (code: number | null) => void) => void,
  waitMs = 30_000,
): Promise<{ acquired: true } | { acquired: false; exit: number | null; stderr: string }> {
  return new Promise((resolve) => {
    let out = '';
    let err = '';
    const timer = setTimeout(() => resolve({ acquired: false, exit: null, stderr: `${err}flock gave no answer within ${waitMs / 1000} s` }), waitMs);
    timer.unref();
    onData((c) => {
      out += c;
      if (out.includes(LOCK_READY_LINE)) {
        clearTimeout(timer);
        resolve({ acquired: true });
      }
    });
    onStderr((c) => (err += c));
    onExit((code) => {
      clearTimeout(timer);
      resolve({ acquired: false, exit: code, stderr: err });
    });
  });
}

function readOwner(path: string): string | undefined {
  try {
    return readFileSync(path, 'utf8');
  } catch {
    return undefined;
  }
}

/** The lock for a host this process reaches through its own file system (local, simulator). */
export async function localFlock(lockFile: string, owner: string, where: string): Promise<LockAttempt> {
  const ownerFile = `${lockFile}.owner`;
  mkdirSync(dirname(lockFile), { recursive: true });
  let child: ChildProcessWithoutNullStreams;
  try {
    child = spawn(flockArgv(lockFile)[0]!, flockArgv(lockFile).slice(1), { stdio: ['pipe', 'pipe', 'pipe'] });
  } catch (e) {
    throw new WorkError(`cannot take the run lock on ${where}: ${(e as Error).message}`);
  }
  const spawnError = new Promise<Error>((resolve) => child.once('error', resolve));
  // When flock finds the lock taken it exits at once: the line then meets a closed pipe.
  child.stdin.on('error', () => {});
  child.stdin.write(`${LOCK_READY_LINE}\n`);
  const r = await Promise.race([
    // 'close', not 'exit': flock's message on stderr may still be in the pipe when it has exited.
    awaitHolder((cb) => child.stdout.on('data', (d: Buffer) => cb(d.toString())), (cb) => child.stderr.on('data', (d: Buffer) => cb(d.toString())), (cb) => child.once('close', (code: number | null) => cb(code))),
    spawnError.then((e) => ({ acquired: false as const, exit: null, stderr: e.message })),
  ]);
  if (!r.acquired) {
    if (r.exit === LOCK_BUSY_EXIT) return { acquired: false, owner: readOwner(ownerFile), release: async () => {} };
    child.kill();
    throw runLockError(lockFile, where, r.stderr.trim() || `flock exited with ${r.exit}`);
  }
  const stale = readOwner(ownerFile);
  writeFileSync(ownerFile, owner, { mode: 0o644 });
  // A forgotten release must not keep the wizard alive; exiting closes the pipe, which ends cat.
  child.unref();
  for (const s of [child.stdin, child.stdout, child.stderr] as unknown as Array<{ unref?: () => void }>) s.unref?.();
  let released = false;
  return {
    acquired: true,
    ...(stale !== undefined ? { owner: stale } : {}),
    release: async () => {
      if (released) return;
      released = true;
      rmSync(ownerFile, { force: true });
      const gone = new Promise<void>((resolve) => (child.exitCode !== null ? resolve() : child.once('exit', () => resolve())));
      // Waiting for the exit must keep the process alive (the handles were unref'd above).
      child.ref();
      for (const s of [child.stdin, child.stdout, child.stderr] as unknown as Array<{ ref?: () => void }>) s.ref?.();
      child.stdin.end();
      await gone;
    },
  };
}
