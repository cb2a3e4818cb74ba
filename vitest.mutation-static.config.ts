import { defineConfig } from 'vitest/config';
import base from './vitest.config.js';

// Tests for the modules whose mutants are mostly "static" (module-level code: the zod answers
// schema, address tables, the quoting regex). Stryker runs a static mutant against every test of
// its run, so these modules get their own run with only the tests that exercise them
// (stryker.static.config.mjs); see test/mutation/SURVIVORS.md.
export const STATIC_MUTATION_TESTS = ['test/unit/answers-rules.test.ts', 'test/unit/host-quote.test.ts', 'test/unit/secrets-leak.test.ts', 'test/unit/relay-change.test.ts', 'test/unit/answers-hostile.test.ts', 'test/unit/net-rules.test.ts', 'test/unit/answers-load.test.ts'];

export default defineConfig({
  test: {
    ...base.test,
    include: STATIC_MUTATION_TESTS,
    globalSetup: [],
  },
});
