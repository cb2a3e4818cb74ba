// @ts-nocheck
// Run the built CLI as a child process (no TTY) and capture everything.
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { childEnv } from './hermeticEnv.js';

export const ROOT = fileURLToPath(new URL('../..', import.meta.url));
export const BIN = `${ROOT}bin/netsetup-wizard.js`;

export interface CliResult {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Run argv with exactly `env`, capture both streams; killed after `timeoutMs`. */
export function runProcess(argv: readonly string[], opts: { env: NodeJS.ProcessEnv; cwd: string; input?: string; timeoutMs?: number }): Promise<CliResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(argv[0]!, argv.slice(1), { cwd: opts.cwd, env: opts.env, stdio: ['pipe', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    const timer = setTimeout(() => child.kill('SIGKILL'), opts.timeoutMs ?? 60_000);
    child.on('error', reject);
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({ code, stdout, stderr });
    });
    child.stdin.end(opts.input ?? '');
  });
}

/** The built CLI with an environment built here (PATH, HOME, no colour) plus `opts.env`: nothing of the caller's. */
export function runCli(args: string[], opts: { env?: NodeJS.ProcessEnv; input?: string; cwd?: string; node?: string; timeoutMs?: number } = {}): Promise<CliResult> {
  const env = childEnv(opts.env);
  return runProcess([opts.node ?? process.execPath, BIN, ...args], { env, cwd: opts.cwd ?? ROOT, input: opts.input, timeoutMs: opts.timeoutMs });
}
