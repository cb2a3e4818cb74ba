// @ts-nocheck
import { describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli.js';

describe('CLI conventions', () => {
  it('prints the version and exits 0', async () => {
    const r = await runCli(['--version']);
    expect(r.code).toBe(0);
    expect(r.stdout.trim()).toMatch(/^\d+\.\d+\.\d+/);
  });

  it('shows help per subcommand on stdout', async () => {
    for (const cmd of ['install', 'records', 'checks', 'relay', 'handover']) {
      const r = await runCli([cmd, '--help']);
      expect(r.code).toBe(0);
      expect(r.stdout).toContain(`netsetup-wizard ${cmd}`);
    }
  });

  it('rejects an unknown option with exit 2 and no stack trace', async () => {
    const r = await runCli(['records', '--bogus']);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/--bogus/);
    expect(r.stderr).not.toMatch(/\n\s+at /);
  });

  it('rejects an unknown command and an option that does not apply', async () => {
    expect((await runCli(['frobnicate'])).code).toBe(2);
    const r = await runCli(['records', '--dry-run']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('--dry-run does not apply to records');
  });

  it('rejects a malformed --host target', async () => {
    const r = await runCli(['install', '--host', 'ftp://x', '--dry-run']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('--host must be');
  });
});
