// @ts-nocheck
// The local host: the wizard runs on the Proxmox console. execa with argv arrays, never a shell.
import { execa } from 'execa';
import { mkdir, readFile, rename, writeFile, chmod } from 'node:fs/promises';
import { dirname } from 'node:path';
import { localFlock } from './flock.js';
import { CommandError, type Host, type LockAttempt, type RunOptions, type RunResult, type WriteFileOptions } from './types.js';

export class LocalHost implements Host {
  readonly name = 'local';

  async run(argv: readonly string[], opts: RunOptions = {}): Promise<RunResult> {
    const [file, ...args] = argv;
    if (!file) throw new Error('LocalHost.run: empty argv');
    const child = execa(file, args, {
      input: opts.stdin ?? '',
      reject: false,
      stripFinalNewline: false,
      cancelSignal: opts.signal,
      timeout: opts.timeoutMs,
      env: { LC_ALL: 'C.UTF-8' },
    });
    if (opts.onOutput) {
      child.stdout?.on('data', (d: Buffer) => opts.onOutput!(d.toString(), 'stdout'));
      child.stderr?.on('data', (d: Buffer) => opts.onOutput!(d.toString(), 'stderr'));
    }
    const r = await child;
    const result: RunResult = {
      // Cancelled by Ctrl-C (the signal): a failure, 130 like a shell's interrupted command.
      exit: typeof r.exitCode === 'number' ? r.exitCode : r.isCanceled ? 130 : r.failed ? 127 : 0,
      stdout: String(r.stdout ?? ''),
      stderr: r.exitCode === undefined && r.failed ? `${String(r.stderr ?? '')}${r.shortMessage}\n` : String(r.stderr ?? ''),
    };
    if (result.exit !== 0 && !opts.allowFailure) throw new CommandError(argv, result, this.name);
    return result;
  }

  async readFile(path: string): Promise<string | undefined> {
    try {
      return await readFile(path, 'utf8');
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
      throw e;
    }
  }

  async writeFile(path: string, content: string | Buffer, opts: WriteFileOptions = {}): Promise<void> {
    const mode = opts.mode ?? 0o644;
    await mkdir(dirname(path), { recursive: true, mode: opts.secret ? 0o700 : 0o755 });
    const tmp = `${path}.netsetup-${process.pid}.tmp`;
    // Create with the final mode so a secret is never readable by others, not even briefly.
    await writeFile(tmp, content, { mode });
    await chmod(tmp, mode);
    await rename(tmp, path);
  }

  tryLock(path: string, owner: string): Promise<LockAttempt> {
    return localFlock(path, owner, 'this host');
  }

  async close(): Promise<void> {}
}
