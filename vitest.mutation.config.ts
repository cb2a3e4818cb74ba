import { defineConfig } from 'vitest/config';
import base from './vitest.config.js';

// The fast tests that import the mutated modules directly (StrykerJS swaps mutants into the
// TypeScript sources; tests that run the built dist/ CLI cannot see them, so they are left out).
// The list is the contract of `npm run test:mutation` (stryker.config.mjs). Left out for speed:
// test/integration/provision-inprocess.test.ts (full installs, ~3 s each; step.test.ts runs one).
export const MUTATION_TESTS = [
  'test/unit/host-quote.test.ts',
  'test/unit/host-transports.test.ts',
  'test/unit/secrets-leak.test.ts',
  'test/unit/answers-rules.test.ts',
  'test/unit/records.test.ts',
  'test/unit/records-golden.test.ts',
  'test/unit/records-format.test.ts',
  'test/unit/relay-change.test.ts',
  'test/unit/sim-misuse.test.ts',
  'test/unit/sim-args.test.ts',
  'test/unit/proxmox-schema.test.ts',
  'test/unit/step.test.ts',
  'test/unit/acceptance-checks.test.ts',
  'test/unit/guest-agent.test.ts',
  'test/unit/siteConfig.test.ts',
  'test/unit/verify.test.ts',
  'test/unit/handover.test.ts',
  'test/unit/smtp-dialogue.test.ts',
  'test/integration/checks-port25.test.ts',
  'test/integration/checks-port25-wire.test.ts',
  'test/integration/checks-ptr.test.ts',
  'test/integration/checks-publicip.test.ts',
  'test/integration/verify-records.test.ts',
  'test/integration/ssh-transport.test.ts',
  // the host transports in process: keys and host trust, commands/SFTP/run lock over a real
  // sshd, the log's layout and redaction, LocalHost's exit codes
  'test/integration/ssh-keys-trust.test.ts',
  'test/integration/ssh-commands-files.test.ts',
  'test/unit/host-log-local.test.ts',
];

// Spread, not mergeConfig: mergeConfig would append to the base include and globalSetup lists.
export default defineConfig({
  test: {
    ...base.test,
    include: MUTATION_TESTS,
    // No dist/ build: none of these tests runs the CLI.
    globalSetup: [],
  },
});
