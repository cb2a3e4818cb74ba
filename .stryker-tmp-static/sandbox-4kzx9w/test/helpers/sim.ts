// @ts-nocheck
// Helpers for tests that drive the Proxmox simulator.
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runSim, type JournalEntry, type SimResult } from '../../src/sim/run.js';
import type { SimSeed } from '../../src/sim/state.js';

/**
 * A new directory for a simulated site host (the state is created on first use from DIR/seed.json).
 * The NixOS images are seeded until the wizard obtains them itself (issue 11, images part): a
 * real fresh host has none, which is the simulator's default. Pass `seed` to choose the release
 * (`pveVersion`), repositories (`enterpriseRepo`) or `images: false`.
 */
export function freshSimDir(prefix = 'netsetup-sim-', seed: SimSeed = {}): string {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  writeFileSync(join(dir, 'seed.json'), JSON.stringify({ images: true, ...seed }));
  return dir;
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

/** A simulated host folder inside `parent` with the same seed as freshSimDir. */
export function seededSim(parent: string, prefix = 'sim-', seed: SimSeed = {}): string {
  const dir = mkdtempSync(join(parent, prefix));
  writeFileSync(join(dir, 'seed.json'), JSON.stringify({ images: true, ...seed }));
  return dir;
}
