// @ts-nocheck
// Dry run: records every changing command and file write, executes none. Read-only queries go
// to the inner host (a real one, or a fresh simulated host when there is none) so the plan is
// built from real facts.
import type { Host, LockAttempt, RunOptions, RunResult, WriteFileOptions } from './types.js';

export interface RecordedAction {
  kind: 'run' | 'write';
  /** For run: the argv. For write: [path]. */
  argv: readonly string[];
  label?: string;
  /** Bytes fed to stdin or written, when not secret. */
  content?: string;
  secret?: boolean;
  mode?: number;
}

export class DryRunHost implements Host {
  readonly name: string;
  readonly actions: RecordedAction[] = [];

  constructor(private readonly inner: Host | undefined) {
    this.name = `dry-run(${inner?.name ?? 'fresh host'})`;
  }

  async run(argv: readonly string[], opts: RunOptions = {}): Promise<RunResult> {
    if (opts.readOnly) {
      if (this.inner) return this.inner.run(argv, { ...opts, allowFailure: true });
      return { exit: 1, stdout: '', stderr: 'dry run: no host to ask' };
    }
    const hasStdin = opts.stdin !== undefined;
    this.actions.push({
      kind: 'run',
      argv: [...argv],
      label: opts.label,
      secret: hasStdin && !opts.stdinPublic,
      content: hasStdin && opts.stdinPublic ? opts.stdinSummary ?? opts.stdin!.toString() : undefined,
    });
    return { exit: 0, stdout: '', stderr: '' };
  }

  async readFile(path: string): Promise<string | undefined> {
    return this.inner?.readFile(path);
  }

  async writeFile(path: string, content: string | Buffer, opts: WriteFileOptions = {}): Promise<void> {
    this.actions.push({
      kind: 'write',
      argv: [path],
      label: opts.label,
      secret: opts.secret ?? false,
      content: opts.secret ? undefined : content.toString(),
      mode: opts.mode ?? 0o644,
    });
  }

  /** A dry run changes nothing, so it needs no lock and takes none. */
  async tryLock(): Promise<LockAttempt> {
    return { acquired: true, release: async () => {} };
  }

  async close(): Promise<void> {
    await this.inner?.close();
  }
}
