// @ts-nocheck
import { defineConfig } from 'vitest/config';
import { scrubEnv } from './test/helpers/hermeticEnv.js';

// Hermetic tests: the caller's NETSETUP_* variables, CI, TERM and colour switches are removed
// here (the workers inherit this environment) and again in each worker (setupFiles). No colour,
// and Ink must not think it runs in CI (it would only write the last frame on unmount). Tests
// that must not skip in CI (Chromium, Node 18) read NETSETUP_CI instead.
scrubEnv(process.env);

export default defineConfig({
  test: {
    include: ['test/**/*.test.{ts,tsx}'],
    testTimeout: 30_000,
    hookTimeout: 60_000,
    // Two cores on CI: real daemons (sshd, postfix, dovecot) must not fight each other.
    pool: 'forks',
    poolOptions: { forks: { maxForks: 2, minForks: 1 } },
    globalSetup: ['test/helpers/globalSetup.ts'],
    setupFiles: ['test/helpers/hermeticSetup.ts'],
  },
});
