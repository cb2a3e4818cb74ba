// @ts-nocheck
// The built CLI's re-run menu without a terminal: it refuses and names the subcommands to use.
import { describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli.js';
import { freshSimDir, readJournal } from '../helpers/sim.js';

describe('netsetup-wizard (menu) without a terminal', () => {
  it('exits 2 naming the subcommands and touches no host', async () => {
    // Given a simulated host and no TTY (the helper pipes stdin/stdout)
    const dir = freshSimDir();
    // When the wizard starts without a command
    const r = await runCli(['--host', `sim:${dir}`], { env: { NETSETUP_SIM_SPEED: '20000' } });
    // Then it refuses with a usage error that names the non-interactive ways
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/the menu needs an interactive terminal \(standard input is not a terminal\)/);
    expect(r.stderr).toMatch(/relay --answers FILE --yes/);
    expect(r.stderr).toMatch(/install --answers FILE --yes/);
    expect(r.stderr).not.toMatch(/\n\s+at \S+ \(/);
    expect(readJournal(dir)).toEqual([]);
  });

  it('relay without --answers and without a terminal names --answers', async () => {
    const r = await runCli(['relay', '--host', `sim:${freshSimDir()}`]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/--answers FILE/);
  });
});
