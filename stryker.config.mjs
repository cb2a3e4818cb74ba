// Mutation testing (issue 10): StrykerJS mutates the modules where a silent bug costs a customer
// and runs the fast tests that import them (vitest.mutation.config.ts). The answers schema and the
// quoting function run first, in stryker.static.config.mjs. `npm run test:mutation`
// prints the score per file and fails under `thresholds.break`. Surviving mutants left on
// purpose are listed with their reason in test/mutation/SURVIVORS.md.
/** @type {import('@stryker-mutator/api/core').PartialStrykerOptions} */
export default {
  testRunner: 'vitest',
  vitest: { configFile: 'vitest.mutation.config.ts', related: false },
  plugins: ['@stryker-mutator/vitest-runner'],
  mutate: [
    // host transports (quoting: stryker.static.config.mjs)
    'src/host/logged.ts',
    'src/host/local.ts',
    'src/host/dryRun.ts',
    'src/host/guest.ts',
    'src/host/ssh.ts',
    // secret collection and redaction
    'src/plan/secrets.ts',
    'src/plan/redactAnswers.ts',
    // the answers schema: stryker.static.config.mjs (its mutants are module-level, "static")
    // live checks: port 25, PTR, public IP
    'src/checks/port25.ts',
    'src/checks/ptr.ts',
    'src/checks/publicIp.ts',
    // records and zone formatting
    'src/render/records.ts',
    'src/render/recordsFormat.ts',
    // the step / skip / verify machinery
    'src/tasks/step.ts',
    'src/tasks/acceptance.ts',
    // the relay change
    'src/site/relayChange.ts',
    // the simulator's argument validation, and its checks against Proxmox's own option schemas
    'src/sim/args.ts',
    'src/sim/proxmoxSchema.ts',
    // the SMTP dialogue of the STARTTLS certificate probe (checks --records)
    'src/verify/smtp.ts',
  ],
  coverageAnalysis: 'perTest',
  concurrency: 2,
  timeoutMS: 10_000,
  timeoutFactor: 2,
  reporters: ['clear-text', 'progress-append-only', 'html', 'json'],
  htmlReporter: { fileName: 'reports/mutation/index.html' },
  jsonReporter: { fileName: 'reports/mutation/mutation.json' },
  clearTextReporter: { allowColor: false, logTests: false, reportMutants: true, reportScoreTable: true },
  // Target 85 % killed, not reached: 74.89 % on the merged tree (session 2, loaded machine, 66 of
  // its kills were timeouts; counted as survivors it would be 72.1 %). `break` is the floor under
  // that, so CI fails when the suite loses ground (test/mutation/SURVIVORS.md).
  thresholds: { high: 90, low: 85, break: 70 },
  tempDirName: '.stryker-tmp',
  cleanTempDir: 'always',
  ignoreStatic: true,
};
