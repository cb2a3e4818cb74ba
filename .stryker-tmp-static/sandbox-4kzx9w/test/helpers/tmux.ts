// @ts-nocheck
// Drive a real terminal: the built CLI runs inside tmux (own server socket, so nothing of the
// user's tmux is touched), keys go in with send-keys, the screen comes back with capture-pane.
// Synchronisation is always "poll the screen until the text shows, up to a deadline".
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export function tmuxAvailable(): boolean {
  return spawnSync('tmux', ['-V'], { stdio: 'ignore' }).status === 0;
}

export interface TmuxStart {
  cols: number;
  rows: number;
  /** argv of the program; run directly, no shell. */
  argv: string[];
  /** The program's whole environment (nothing is inherited from the test process). */
  env: Record<string, string>;
  cwd?: string;
}

/** tmux key names, e.g. 'Enter', 'Escape', 'Down', 'BSpace', 'C-c'. */
export type TmuxKey = 'Enter' | 'Escape' | 'Up' | 'Down' | 'Left' | 'Right' | 'BSpace' | 'Tab' | 'Space' | 'C-c';

export class TmuxSession {
  private readonly dir: string;
  private readonly socket: string;
  private readonly statusFile: string;
  private closed = false;

  private constructor(readonly cols: number, readonly rows: number) {
    this.dir = mkdtempSync(join(tmpdir(), 'netsetup-tmux-'));
    this.socket = join(this.dir, 'sock');
    this.statusFile = join(this.dir, 'status');
  }

  static start(opts: TmuxStart): TmuxSession {
    const s = new TmuxSession(opts.cols, opts.rows);
    const conf = join(s.dir, 'tmux.conf');
    // remain-on-exit keeps the last screen and the exit status after the program ends.
    writeFileSync(conf, 'set -g remain-on-exit on\nset -g history-limit 20000\nset -g status off\n');
    const envArgs = Object.entries(opts.env).map(([k, v]) => `${k}=${v}`);
    // A small sh records the exit status in a file: tmux 3.3a now and then leaves an exited
    // program as a zombie without marking the pane dead, so its own status cannot be relied on.
    // The INT trap keeps sh alive through a Ctrl-C meant for the program (reset on exec).
    const record = 'trap : INT; "$@"; echo $? > "$0.tmp" && mv "$0.tmp" "$0"';
    s.tmux(['-f', conf, 'new-session', '-d', '-s', 'main', '-x', String(opts.cols), '-y', String(opts.rows), ...(opts.cwd ? ['-c', opts.cwd] : []), '/bin/sh', '-c', record, s.statusFile, 'env', '-i', ...envArgs, ...opts.argv]);
    return s;
  }

  private tmux(args: string[]): string {
    // The tmux server itself needs a UTF-8 locale, or it replaces non-ASCII cells with '_'.
    return execFileSync('tmux', ['-u', '-S', this.socket, ...args], {
      encoding: 'utf8',
      env: { PATH: process.env.PATH ?? '/usr/bin:/bin', LANG: 'C.UTF-8', LC_ALL: 'C.UTF-8', HOME: this.dir, TERM: 'xterm-256color' },
    });
  }

  /** The visible screen, one string per row, trailing blanks trimmed. */
  screen(): string {
    return this.tmux(['capture-pane', '-p', '-t', 'main']).replace(/\s+$/, '');
  }

  /**
   * Rows of the visible screen that the terminal wrapped because the line was longer than the
   * width (capture-pane -J joins them back): [] when everything fits.
   */
  wrappedRows(): string[] {
    const rows = this.tmux(['capture-pane', '-p', '-t', 'main']).split('\n');
    const joined = this.tmux(['capture-pane', '-p', '-J', '-t', 'main']).split('\n');
    if (rows.length === joined.length) return [];
    const long = joined.filter((l) => l.trimEnd().length > this.cols);
    return long.length ? long : [`${rows.length - joined.length} row(s) wrapped`];
  }

  /** Everything the terminal has shown that is still in the scrollback, plus the screen. */
  history(): string {
    return this.tmux(['capture-pane', '-p', '-S', '-', '-E', '-', '-t', 'main']).replace(/\s+$/, '');
  }

  /** The raw screen with escape sequences for attributes (colour, bold), for colour assertions. */
  screenWithAttributes(): string {
    return this.tmux(['capture-pane', '-p', '-e', '-t', 'main']);
  }

  /** Type literal text. */
  type(text: string): void {
    this.tmux(['send-keys', '-t', 'main', '-l', '--', text]);
  }

  /**
   * Paste text as a terminal does: tmux writes the whole buffer to the program at once, with
   * each line feed turned into a carriage return (what Enter sends), like a paste from the
   * clipboard into a terminal without bracketed paste.
   */
  paste(text: string): void {
    this.tmux(['set-buffer', '-b', 'paste', '--', text]);
    this.tmux(['paste-buffer', '-d', '-b', 'paste', '-t', 'main']);
  }

  press(key: TmuxKey, times = 1): void {
    for (let i = 0; i < times; i++) this.tmux(['send-keys', '-t', 'main', key]);
  }

  /**
   * Send one key (a tmux key name, or a literal character) and wait until the screen changes.
   * Keys sent back to back can reach the program in one read, and Ink takes a read of "\r\r"
   * as text rather than two Returns; waiting for the screen keeps each key its own read.
   */
  async key(key: TmuxKey | string, times = 1): Promise<void> {
    for (let i = 0; i < times; i++) {
      const before = this.screen();
      if (key.length === 1) this.type(key);
      else this.press(key as TmuxKey);
      const deadline = Date.now() + 15_000;
      while (this.screen() === before) {
        if (this.exitStatus() !== undefined) return;
        if (Date.now() > deadline) throw new Error(`tmux ${this.cols}x${this.rows}: the screen did not change after ${key}:\n${before}`);
        await new Promise((r) => setTimeout(r, 20));
      }
    }
  }

  /** Exit status once the program has ended, else undefined. */
  exitStatus(): number | undefined {
    if (!existsSync(this.statusFile)) return undefined;
    const text = readFileSync(this.statusFile, 'utf8').trim();
    return /^\d+$/.test(text) ? Number(text) : undefined;
  }

  /** Poll the screen (or the whole scrollback) until `what` shows; throws with the last screen. */
  async waitFor(what: string | RegExp, opts: { timeoutMs?: number; scrollback?: boolean } = {}): Promise<string> {
    const deadline = Date.now() + (opts.timeoutMs ?? 15_000);
    let text = '';
    for (;;) {
      text = opts.scrollback ? this.history() : this.screen();
      if (typeof what === 'string' ? text.includes(what) : what.test(text)) return text;
      if (Date.now() > deadline) {
        throw new Error(`tmux ${this.cols}x${this.rows}: "${String(what)}" did not appear; screen:\n${text}`);
      }
      await new Promise((r) => setTimeout(r, 40));
    }
  }

  /**
   * Wait until the program has put the terminal into raw (non-canonical) mode, i.e. it reads
   * single keys. Ink draws its first frame before it switches, and a key typed in between is
   * read in cooked mode (Enter arrives as "\n", which Ink does not take for Return).
   */
  async waitForRawMode(timeoutMs = 15_000): Promise<void> {
    const tty = this.tmux(['display-message', '-p', '-t', 'main', '#{pane_tty}']).trim();
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const modes = spawnSync('stty', ['-F', tty, '-a'], { encoding: 'utf8' }).stdout ?? '';
      if (/(^|\s)-icanon(\s|$)/.test(modes)) return;
      if (Date.now() > deadline) throw new Error(`tmux: the terminal never left canonical mode; screen:\n${this.screen()}`);
      await new Promise((r) => setTimeout(r, 20));
    }
  }

  /** Wait for the program to end; returns its exit status. */
  async waitExit(timeoutMs = 30_000): Promise<number> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const s = this.exitStatus();
      if (s !== undefined) return s;
      if (Date.now() > deadline) throw new Error(`tmux: program still running after ${timeoutMs} ms; screen:\n${this.screen()}`);
      await new Promise((r) => setTimeout(r, 50));
    }
  }

  /** Ends this session's own tmux server (and the program in it). */
  close(): void {
    if (this.closed) return;
    this.closed = true;
    try {
      this.tmux(['kill-server']);
    } catch {
      // already gone
    }
    rmSync(this.dir, { recursive: true, force: true });
  }
}
