// @ts-nocheck
// Tests must not inherit the caller's configuration: every NETSETUP_* variable the product reads,
// CI, TERM and the colour switches are removed before any test runs (vitest.config.ts in the main
// process, test/helpers/hermeticSetup.ts in every worker). A test that needs one sets it itself.
// Kept: the switches of the test harness itself, which no product code reads.

/** Read only by tests and .ci/run (never by src/): where Node 18 is, whether to insist on it, … */
export const HARNESS_VARS: readonly string[] = [
  'NETSETUP_CI', // set from CI below: tests that must not skip in CI (Chromium, Node 18)
  'NETSETUP_NODE18', // .ci/run: the Node 18 binary for the packaged-CLI test
  'NETSETUP_NIXOS_EVAL_KIT', // where shared/nixos-eval-kit is, when not in a folder above the repository
  'NETSETUP_REQUIRE_NODE18',
  'NETSETUP_REQUIRE_CHROMIUM',
  'NETSETUP_REAL_HOST', // opt-in: the acceptance checks against a real Proxmox VE host
  'NETSETUP_KEEP_MTA', // debugging: keep the mail test daemons' directories
  'NETSETUP_SKIP_BUILD', // the mutation run: no dist/ build
  'NETSETUP_TEST_LOG_DIR', // globalSetup: the temporary home of logs of runs that name no --log
  'NETSETUP_TEST_ARTIFACTS', // globalSetup: screenshots and PDFs kept for a person to look at
];

/** Variables outside the NETSETUP_ prefix that change what the product or its libraries print. */
export const AMBIENT_VARS: readonly string[] = ['CI', 'TERM', 'COLORTERM', 'NO_COLOR', 'FORCE_COLOR', 'NODE_DISABLE_COLORS', 'COLUMNS', 'LINES', 'SSH_AUTH_SOCK'];

/** Scrub `env` in place; returns the names removed. */
export function scrubEnv(env: NodeJS.ProcessEnv): string[] {
  const removed: string[] = [];
  if (env.CI !== undefined && env.NETSETUP_CI === undefined) env.NETSETUP_CI = env.CI;
  for (const k of Object.keys(env)) {
    if ((k.startsWith('NETSETUP_') && !HARNESS_VARS.includes(k)) || AMBIENT_VARS.includes(k)) {
      delete env[k];
      removed.push(k);
    }
  }
  // Logs of runs that name no --log go to the suite's temporary folder (globalSetup), never the checkout.
  if (env.NETSETUP_TEST_LOG_DIR) env.NETSETUP_LOG_DIR = env.NETSETUP_TEST_LOG_DIR;
  // Deterministic terminal output: no colour (and no CI, in which Ink writes only the last frame).
  env.NO_COLOR = '1';
  env.FORCE_COLOR = '0';
  return removed;
}

/** The environment of a child process: exactly this, nothing inherited but PATH, HOME, a temp dir
 * and the suite's log folder. */
export function childEnv(extra: NodeJS.ProcessEnv = {}): NodeJS.ProcessEnv {
  const base: NodeJS.ProcessEnv = { PATH: process.env.PATH ?? '/usr/local/bin:/usr/bin:/bin', HOME: process.env.HOME ?? '/root', LANG: 'C.UTF-8', NO_COLOR: '1' };
  if (process.env.TMPDIR) base.TMPDIR = process.env.TMPDIR;
  if (process.env.NETSETUP_TEST_LOG_DIR) base.NETSETUP_LOG_DIR = process.env.NETSETUP_TEST_LOG_DIR;
  return { ...base, ...extra };
}
