// Helpers for tests that drive the Proxmox simulator.
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runSim, type JournalEntry, type SimResult } from '../../src/sim/run.js';

/** A new, empty directory for a simulated site host (the state is created on first use). */
export function freshSimDir(prefix = 'netsetup-sim-'): string {
  return mkdtempSync(join(tmpdir(), prefix));
}

/** The journal of a simulated host, one entry per command, oldest first. */
export function readJournal(dir: string): JournalEntry[] {
  const p = join(dir, 'journal.jsonl');
  if (!existsSync(p)) return [];
  return readFileSync(p, 'utf8').split('\n').filter(Boolean).map((l) => JSON.parse(l) as JournalEntry);
}

/** Fast simulator environment for tests (latencies divided by 100 000 unless given). */
export function simEnv(extra: Record<string, string> = {}): Record<string, string | undefined> {
  return { NETSETUP_SIM_SPEED: '100000', ...extra };
}

/** Run one command with the fast test environment. */
export function sim(dir: string, argv: string[], opts: { stdin?: string; env?: Record<string, string> } = {}): Promise<SimResult> {
  return runSim(argv, { dir, stdin: opts.stdin, env: simEnv(opts.env) });
}
