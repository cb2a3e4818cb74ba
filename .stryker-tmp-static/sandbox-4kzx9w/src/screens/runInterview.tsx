// @ts-nocheck
// Entry point of the interview: mounts the Ink tree (on stderr by default, so stdout stays
// free for data), waits for it to finish and returns the answers, or `aborted` (exit 130).
// The welcome screen is drawn at once; the rest of the interview (validation, catalogs,
// every other screen) loads behind it, so the first frame costs little more than Ink itself.
import React, { useEffect, useState } from 'react';
import { render, useInput } from 'ink';
import type { InterviewAppProps, InterviewDeps, InterviewResult } from './InterviewApp.js';
import { WelcomeScreen } from './WelcomeScreen.js';
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

type AppComponent = (props: InterviewAppProps) => React.JSX.Element | null;

/**
 * Shows the welcome screen, and keeps showing it until the technician answers it; the rest of
 * the interview loads meanwhile and takes over with that answer. (Swapping in the loaded
 * interview under a welcome screen that is still waiting would leave a moment in which no
 * screen listens, and a key pressed then would be lost.)
 */
const loadApp = async (): Promise<AppComponent> => (await import('./InterviewApp.js')).InterviewApp;

export function Boot({ load = loadApp, ...props }: Omit<InterviewAppProps, 'initialAction'> & { load?: () => Promise<AppComponent> }): React.JSX.Element | null {
  const [App, setApp] = useState<AppComponent | null>(null);
  const [action, setAction] = useState<'start' | 'abort' | undefined>(undefined);
  useEffect(() => {
    let live = true;
    void load().then((C) => live && setApp(() => C));
    return () => {
      live = false;
    };
    // The loader is fixed for the life of the screen.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, []);
  useInput(
    (input, key) => {
      if (key.ctrl && input === 'c') setAction('abort');
    },
    { isActive: !(App && action) },
  );
  if (App && action) return <App {...props} initialAction={action} />;
  return <WelcomeScreen onSubmit={() => setAction((a) => a ?? 'start')} onBack={() => setAction((a) => a ?? 'abort')} />;
}

export async function runInterview(opts: RunInterviewOptions): Promise<InterviewResult> {
  const stdin = opts.stdin ?? process.stdin;
  const stdout = opts.stdout ?? process.stderr;
  assertInteractive(stdin, stdout, opts.env ?? process.env);
  let result: InterviewResult = { status: 'aborted' };
  const { stdin: _i, stdout: _o, stderr: _e, env: _env, ...deps } = opts;
  const instance = render(<Boot {...deps} onDone={(r) => (result = r)} />, {
    stdin,
    stdout,
    stderr: opts.stderr ?? process.stderr,
    exitOnCtrlC: false,
    patchConsole: false,
  });
  await instance.waitUntilExit();
  return result;
}
