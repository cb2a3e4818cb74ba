// @ts-nocheck
// Wraps any Host and writes every command, its exit code and its output to the log file, with
// every known secret replaced. The log keeps what the screen does not: full command output.
import { appendFileSync, mkdirSync, openSync, closeSync } from 'node:fs';
import { dirname } from 'node:path';
import { redact } from '../plan/secrets.js';
import { CommandError, type Host, type LockAttempt, type RunOptions, type RunResult, type WriteFileOptions } from './types.js';
import { shellQuote } from './quote.js';

export class Log {
  constructor(
    readonly path: string,
    private readonly secrets: () => readonly string[],
  ) {
    mkdirSync(dirname(path), { recursive: true });
    closeSync(openSync(path, 'a', 0o600));
  }

  write(text: string): void {
    const stamp = new Date().toISOString();
    const body = redact(text, this.secrets()).replace(/\n*$/, '');
    appendFileSync(this.path, `${body.split('\n').map((l, i) => (i === 0 ? `${stamp} ${l}` : `    ${l}`)).join('\n')}\n`);
  }
}

export class LoggedHost implements Host {
  readonly name: string;

  constructor(
    private readonly inner: Host,
    private readonly log: Log,
  ) {
    this.name = inner.name;
  }

  async run(argv: readonly string[], opts: RunOptions = {}): Promise<RunResult> {
    const line = `[${this.name}] $ ${shellQuote(argv)}${opts.stdin !== undefined ? ' <stdin withheld>' : ''}`;
    try {
      const r = await this.inner.run(argv, opts);
      const stdout = opts.secretOutput ? (r.stdout ? '(withheld: holds a secret)' : '') : r.stdout;
      this.log.write(`${line}\nexit ${r.exit}${fmt('stdout', stdout)}${fmt('stderr', r.stderr)}`);
      return r;
    } catch (e) {
      if (e instanceof CommandError) this.log.write(`${line}\nexit ${e.result.exit}${fmt('stdout', e.result.stdout)}${fmt('stderr', e.result.stderr)}`);
      else this.log.write(`${line}\nfailed: ${(e as Error).message}`);
      throw e;
    }
  }

  readFile(path: string): Promise<string | undefined> {
    return this.inner.readFile(path);
  }

  async writeFile(path: string, content: string | Buffer, opts: WriteFileOptions = {}): Promise<void> {
    await this.inner.writeFile(path, content, opts);
    this.log.write(`[${this.name}] wrote ${path} mode ${(opts.mode ?? 0o644).toString(8)} (${content.length} bytes${opts.secret ? ', secret: content not logged' : ''})`);
  }

  async tryLock(path: string, owner: string): Promise<LockAttempt> {
    const r = await this.inner.tryLock(path, owner);
    this.log.write(`[${this.name}] lock ${path}: ${r.acquired ? 'taken' : 'held by another run'}`);
    return r;
  }

  close(): Promise<void> {
    return this.inner.close();
  }
}

function fmt(name: string, text: string): string {
  if (!text.trim()) return '';
  const max = 20_000;
  const t = text.length > max ? `${text.slice(0, max)}\n… (${text.length - max} more bytes)` : text;
  return `\n${name}:\n${t.replace(/\n$/, '')}`;
}
