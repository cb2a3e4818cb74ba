// @ts-nocheck
// A small terminal for Ink tests: fake stdin/stdout with a chosen width, every frame kept
// (ANSI stripped), and waits that look for content instead of sleeping.
// Ink renders here exactly as in production (no debug mode): each log-update write is one frame.
import { EventEmitter } from 'node:events';
import type React from 'react';
import { render, type Instance } from 'ink';

export const KEY = {
  enter: '\r',
  esc: '\u001B',
  up: '\u001B[A',
  down: '\u001B[B',
  right: '\u001B[C',
  left: '\u001B[D',
  tab: '\t',
  backspace: '\u007F',
  ctrlC: '\u0003',
} as const;

// eslint-disable-next-line no-control-regex
const ANSI = /\u001B(?:\[[0-?]*[ -/]*[@-~]|\][^\u0007]*\u0007|[@-Z\\-_])/g;

export function stripAnsi(s: string): string {
  return s.replace(ANSI, '');
}

export class FakeStdout extends EventEmitter {
  isTTY = true;
  readonly writes: string[] = [];
  constructor(readonly columns = 80, readonly rows = 24) {
    super();
  }
  write = (chunk: string | Uint8Array): boolean => {
    this.writes.push(typeof chunk === 'string' ? chunk : Buffer.from(chunk).toString('utf8'));
    return true;
  };
  /** Every drawn frame, ANSI stripped, without trailing blank lines. */
  frames(): string[] {
    return this.writes.map((w) => stripAnsi(w).replace(/\s+$/, '')).filter((f) => f !== '');
  }
  lastFrame(): string {
    return this.frames().at(-1) ?? '';
  }
}

export class FakeStdin extends EventEmitter {
  isTTY = true;
  private pending: string[] = [];
  write(data: string): void {
    this.pending.push(data);
    this.emit('readable');
  }
  read = (): string | null => this.pending.shift() ?? null;
  setEncoding(): void {}
  setRawMode(): void {}
  resume(): void {}
  pause(): void {}
  ref(): void {}
  unref(): void {}
}

/** Let React commit and run effects (useInput subscribes in an effect). */
export async function flush(): Promise<void> {
  await new Promise((r) => setImmediate(r));
  await new Promise((r) => setTimeout(r, 0));
}

type Matcher = string | RegExp | ((frame: string) => boolean);
const matches = (m: Matcher, frame: string) => (typeof m === 'string' ? frame.includes(m) : m instanceof RegExp ? m.test(frame) : m(frame));

export class Terminal {
  readonly stdin = new FakeStdin();
  readonly stdout: FakeStdout;
  readonly stderr: FakeStdout;
  constructor(columns = 80, rows = 24) {
    this.stdout = new FakeStdout(columns, rows);
    this.stderr = new FakeStdout(columns, rows);
  }
  frames(): string[] {
    return this.stdout.frames();
  }
  lastFrame(): string {
    return this.stdout.lastFrame();
  }
  /** Wait until the latest frame matches; fails with that frame when it never does. */
  async waitFor(m: Matcher, timeoutMs = 15_000): Promise<string> {
    const until = Date.now() + timeoutMs;
    for (;;) {
      const frame = this.lastFrame();
      if (matches(m, frame)) {
        await flush();
        return frame;
      }
      if (Date.now() > until) throw new Error(`timed out waiting for ${String(m)}; last frame:\n${frame}`);
      await new Promise((r) => setTimeout(r, 5));
    }
  }
  /** Send keys (or text) after pending effects have run, then wait for the frame to change. */
  async press(data: string, timeoutMs = 15_000): Promise<string> {
    await flush();
    const before = this.stdout.writes.length;
    this.stdin.write(data);
    const until = Date.now() + timeoutMs;
    while (this.stdout.writes.length === before) {
      if (Date.now() > until) throw new Error(`no new frame after input ${JSON.stringify(data)}; last frame:\n${this.lastFrame()}`);
      await new Promise((r) => setTimeout(r, 5));
    }
    await flush();
    return this.lastFrame();
  }
  /** Type text into the focused field, then Enter. */
  async answer(text: string): Promise<string> {
    if (text !== '') await this.press(text);
    return this.press(KEY.enter);
  }
  /** Lines of every frame wider than `max` columns. */
  wideLines(max = 80): string[] {
    return this.frames().flatMap((f) => f.split('\n')).filter((l) => [...l].length > max);
  }
}

export function renderInk(tree: React.ReactElement, opts: { columns?: number; rows?: number } = {}): Terminal & { instance: Instance } {
  const term = new Terminal(opts.columns, opts.rows);
  const instance = render(tree, {
    stdin: term.stdin as unknown as NodeJS.ReadStream,
    stdout: term.stdout as unknown as NodeJS.WriteStream,
    stderr: term.stderr as unknown as NodeJS.WriteStream,
    exitOnCtrlC: false,
    patchConsole: false,
  });
  return Object.assign(term, { instance });
}
