// @ts-nocheck
// Lifecycle root for `netsetup-wizard relay` on a terminal: the relay change screens alone.
import React from 'react';
import { render, useApp, useInput } from 'ink';
import { isCtrlC } from './keys.js';
import { RelayChangeFlow, type RelayChangeDeps } from './RelayChangeFlow.js';
import type { MenuTerminal } from './MenuApp.js';
import type { RelayChange } from '../site/relayChange.js';
import type { SiteState } from '../tasks/siteState.js';

export type RelayChangeAppResult = { kind: 'change'; change: RelayChange } | { kind: 'cancelled' } | { kind: 'aborted' };

function RelayChangeApp({ state, deps, onDone }: { state: SiteState; deps: RelayChangeDeps; onDone: (r: RelayChangeAppResult) => void }): React.JSX.Element {
  const { exit } = useApp();
  const done = (r: RelayChangeAppResult) => {
    onDone(r);
    exit();
  };
  useInput((input, key) => {
    if (isCtrlC(input, key)) done({ kind: 'aborted' });
  });
  return <RelayChangeFlow state={state} {...deps} onSubmit={(change) => done({ kind: 'change', change })} onBack={() => done({ kind: 'cancelled' })} />;
}

export async function runRelayChangeApp(state: SiteState, deps: RelayChangeDeps, term: MenuTerminal): Promise<RelayChangeAppResult> {
  let result: RelayChangeAppResult = { kind: 'aborted' };
  const instance = render(<RelayChangeApp state={state} deps={deps} onDone={(r) => (result = r)} />, { stdin: term.stdin, stdout: term.stdout, stderr: term.stderr, exitOnCtrlC: false, patchConsole: false });
  await instance.waitUntilExit();
  instance.cleanup();
  return result;
}
