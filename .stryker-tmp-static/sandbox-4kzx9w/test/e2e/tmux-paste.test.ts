// @ts-nocheck
// Pasting into the interview in a real terminal (tmux): a pasted "value⏎" reaches the program as
// one read, and must do what typing it does: fill the field and submit it. Also: the dry run's
// scratch host (a /tmp/netsetup-plan-* folder) is gone after the interview is aborted.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { BIN, ROOT } from '../helpers/cli.js';
import { TmuxSession, tmuxAvailable } from '../helpers/tmux.js';

const haveTmux = tmuxAvailable();
if (!haveTmux) console.warn('tmux-paste: skipped, tmux is not installed (.ci/run installs it)');

let work: string;
let t: TmuxSession | undefined;

beforeAll(() => {
  work = mkdtempSync(join(tmpdir(), 'netsetup-tmux-paste-'));
});
afterAll(() => {
  t?.close();
  rmSync(work, { recursive: true, force: true });
});

describe.skipIf(!haveTmux)('paste in a real terminal', () => {
  it('a pasted line submits the field like typed text and Enter; aborting leaves no scratch host', async () => {
    const scratch = mkdtempSync(join(work, 'tmp-'));
    t = TmuxSession.start({
      cols: 80,
      rows: 24,
      argv: [process.execPath, BIN, 'install', '--dry-run'],
      cwd: ROOT,
      env: { PATH: process.env.PATH ?? '/usr/bin:/bin', HOME: work, LANG: 'C.UTF-8', TERM: 'xterm-256color', TMPDIR: scratch, NETSETUP_LOG_DIR: work },
    });
    await t.waitFor('netsetup-wizard · Welcome');
    await t.waitForRawMode();
    await t.key('Enter');
    await t.waitFor('netsetup-wizard · Mail domain');

    // A clipboard paste: text and line break in one write (tmux turns the LF into CR).
    t.paste('example.com\n');
    await t.waitFor('netsetup-wizard · Host serial');
    // A paste with CRLF, as copied from a Windows editor.
    t.paste('lib\r\n');
    await t.waitFor('netsetup-wizard · Network');
    // Back to the serial screen: the pasted values were kept as the values, not as text with a
    // line break in it.
    await t.key('Escape');
    const serial = await t.waitFor('netsetup-wizard · Host serial');
    expect(serial).toMatch(/› Serial\s+lib\s*$/m);

    // The dry run's scratch host exists while the wizard runs …
    expect(readdirSync(scratch).filter((n) => n.startsWith('netsetup-plan-'))).toHaveLength(1);
    t.press('C-c');
    expect(await t.waitExit()).toBe(130);
    // … and is removed when the run ends, even when it ends by Ctrl-C.
    expect(readdirSync(scratch).filter((n) => n.startsWith('netsetup-plan-'))).toEqual([]);
  }, 60_000);
});
