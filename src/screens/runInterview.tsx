// Entry point of the interview: mounts the Ink tree (on stderr by default, so stdout stays
// free for data), waits for it to finish and returns the answers, or `aborted` (exit 130).
import React from 'react';
import { render } from 'ink';
import { InterviewApp, type InterviewDeps, type InterviewResult } from './InterviewApp.js';
import { assertInteractive } from '../interview/assertInteractive.js';

export type { InterviewResult, InterviewDeps } from './InterviewApp.js';
export { assertInteractive } from '../interview/assertInteractive.js';

export interface RunInterviewOptions extends InterviewDeps {
  stdin?: NodeJS.ReadStream;
  /** Where Ink draws; process.stderr unless given. */
  stdout?: NodeJS.WriteStream;
  stderr?: NodeJS.WriteStream;
  env?: NodeJS.ProcessEnv;
}

export async function runInterview(opts: RunInterviewOptions): Promise<InterviewResult> {
  const stdin = opts.stdin ?? process.stdin;
  const stdout = opts.stdout ?? process.stderr;
  assertInteractive(stdin, stdout, opts.env ?? process.env);
  let result: InterviewResult = { status: 'aborted' };
  const { stdin: _i, stdout: _o, stderr: _e, env: _env, ...deps } = opts;
  const instance = render(<InterviewApp {...deps} onDone={(r) => (result = r)} />, {
    stdin,
    stdout,
    stderr: opts.stderr ?? process.stderr,
    exitOnCtrlC: false,
    patchConsole: false,
  });
  await instance.waitUntilExit();
  return result;
}
