// @ts-nocheck
// The install command run in this process (the same code path as the CLI: parseCli → runInstall →
// formatError), so tests see the TypeScript sources (mutation testing swaps mutants in there;
// the built dist/ would hide them). Output streams are captured.
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { parseCli } from '../../src/cli/args.js';
import { exitCodeFor, formatError } from '../../src/cli/report.js';
import type { Io } from '../../src/cli/main.js';

class Capture extends Writable {
  text = '';
  isTTY = false;
  columns = 100;
  override _write(chunk: Buffer | string, _enc: BufferEncoding, cb: () => void): void {
    this.text += chunk.toString();
    cb();
  }
}

export interface InProcessResult {
  code: number;
  stdout: string;
  stderr: string;
  log: string;
  logText: string;
}

/** `netsetup-wizard <argv…> --log <temp>` in this process with exactly `env`. */
export async function runInProcess(argv: string[], env: Record<string, string> = {}): Promise<InProcessResult> {
  const log = join(mkdtempSync(join(tmpdir(), 'netsetup-log-')), 'run.log');
  const stdout = new Capture();
  const stderr = new Capture();
  const io: Io = { stdout: stdout as unknown as NodeJS.WriteStream, stderr: stderr as unknown as NodeJS.WriteStream, stdin: process.stdin, env: { ...env } };
  let code: number;
  try {
    const args = parseCli([...argv, '--log', log]);
    const { runInstall } = await import('../../src/commands/install.js');
    code = await runInstall(args, io);
  } catch (e) {
    stderr.write(formatError(e, io.env));
    code = exitCodeFor(e);
  }
  return { code, stdout: stdout.text, stderr: stderr.text, log, logText: existsSync(log) ? readFileSync(log, 'utf8') : '' };
}
