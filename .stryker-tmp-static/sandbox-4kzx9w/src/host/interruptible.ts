// @ts-nocheck
// Wraps the host a task list works on so Ctrl-C means stop: every command gets the signal (the
// transport cancels it), a command cut short is a failure whatever it printed (a guest command's
// JSON may still say "exitcode 0"), and once Ctrl-C was pressed no further command or file
// write starts. Steps therefore end at the next boundary.
import { InterruptedError } from '../cli/errors.js';
import type { Host, LockAttempt, RunOptions, RunResult, WriteFileOptions } from './types.js';

export class InterruptibleHost implements Host {
  readonly name: string;

  constructor(
    readonly inner: Host,
    private readonly signal: AbortSignal,
  ) {
    this.name = inner.name;
  }

  private refuse(what: string): void {
    if (this.signal.aborted) throw new InterruptedError(`interrupted by Ctrl-C before ${what}`);
  }

  async run(argv: readonly string[], opts: RunOptions = {}): Promise<RunResult> {
    const what = opts.label ?? argv.slice(0, 4).join(' ');
    this.refuse(what);
    const r = await this.inner.run(argv, { ...opts, signal: opts.signal ?? this.signal }).catch((e: unknown) => {
      if (this.signal.aborted) throw new InterruptedError(`interrupted by Ctrl-C during ${what}`);
      throw e;
    });
    if (this.signal.aborted) throw new InterruptedError(`interrupted by Ctrl-C during ${what}`);
    return r;
  }

  async readFile(path: string): Promise<string | undefined> {
    this.refuse(`reading ${path}`);
    return this.inner.readFile(path);
  }

  async writeFile(path: string, content: string | Buffer, opts: WriteFileOptions = {}): Promise<void> {
    this.refuse(`writing ${path}`);
    await this.inner.writeFile(path, content, opts);
  }

  async tryLock(path: string, owner: string): Promise<LockAttempt> {
    this.refuse(`taking the run lock`);
    return this.inner.tryLock(path, owner);
  }

  close(): Promise<void> {
    return this.inner.close();
  }
}
