import { defineConfig } from 'vitest/config';

// Deterministic terminal output: no colour, and Ink must not think it runs in CI
// (in CI mode Ink only writes the last frame on unmount).
// Tests that must not skip in CI (Chromium, Node 18) read NETSETUP_CI instead.
process.env.NETSETUP_CI ??= process.env.CI;
delete process.env.CI;
process.env.NO_COLOR = '1';
process.env.FORCE_COLOR = '0';

export default defineConfig({
  test: {
    include: ['test/**/*.test.{ts,tsx}'],
    testTimeout: 30_000,
    hookTimeout: 60_000,
    // Two cores on CI: real daemons (sshd, postfix, dovecot) must not fight each other.
    pool: 'forks',
    poolOptions: { forks: { maxForks: 2, minForks: 1 } },
    globalSetup: ['test/helpers/globalSetup.ts'],
  },
});
