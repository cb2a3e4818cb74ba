// @ts-nocheck
// Runs in every test worker before the test file: no NETSETUP_*, CI, TERM or colour variable of
// the calling shell reaches a test (see hermeticEnv.ts).
import { scrubEnv } from './hermeticEnv.js';

scrubEnv(process.env);
