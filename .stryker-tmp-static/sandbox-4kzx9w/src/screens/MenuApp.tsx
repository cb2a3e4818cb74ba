// @ts-nocheck
// Lifecycle root of the re-run menu: one Ink mount shows the site and walks one action's screens
// (relay change, repair secrets), then exits with what to do. The work itself (listr2) runs after
// Ink has unmounted, so the two never draw at the same time. Ctrl-C → aborted (exit 130).
import React, { useState } from 'react';
import { render, useApp, useInput } from 'ink';
import { isCtrlC } from './keys.js';
import { MenuScreen, type MenuAction } from './MenuScreen.js';
import { MenuRepairScreen } from './MenuRepairScreen.js';
import { RelayChangeFlow, type RelayChangeDeps } from './RelayChangeFlow.js';
import type { SiteView } from '../site/loadSite.js';
import type { RelayChange } from '../site/relayChange.js';
import type { Answers } from '../schema/answers.js';

export type MenuResult =
  | { kind: 'exit' }
  | { kind: 'aborted' }
  | { kind: 'relay'; change: RelayChange }
  | { kind: 'repair'; answers: Answers }
  | { kind: 'install' }
  | { kind: 'verify' }
  | { kind: 'handover' };

export interface MenuAppProps {
  site: SiteView;
  available: { verify: boolean; handover: boolean };
  relay: RelayChangeDeps;
  notice?: string;
  onDone: (r: MenuResult) => void;
}

type Phase = { kind: 'menu'; notice?: string } | { kind: 'relay' } | { kind: 'repair' };

export function MenuApp({ site, available, relay, notice, onDone }: MenuAppProps): React.JSX.Element {
  const { exit } = useApp();
  const [phase, setPhase] = useState<Phase>({ kind: 'menu', ...(notice ? { notice } : {}) });
  const done = (r: MenuResult) => {
    onDone(r);
    exit();
  };
  useInput((input, key) => {
    if (isCtrlC(input, key)) done({ kind: 'aborted' });
  });
  const select = (a: MenuAction) => {
    if (a === 'exit') return done({ kind: 'exit' });
    if (a === 'relay') return site.state ? setPhase({ kind: 'relay' }) : setPhase({ kind: 'menu', notice: 'No site state file: repair (or install) first, then change the relay.' });
    if (a === 'repair') return site.state ? setPhase({ kind: 'repair' }) : done({ kind: 'install' });
    if (!available[a]) return setPhase({ kind: 'menu', notice: `${a === 'verify' ? 'DNS verification' : 'The handover checklist'} is not available in this version yet.` });
    done({ kind: a });
  };
  if (phase.kind === 'relay' && site.state) {
    return <RelayChangeFlow state={site.state} {...relay} onSubmit={(change) => done({ kind: 'relay', change })} onBack={() => setPhase({ kind: 'menu' })} />;
  }
  if (phase.kind === 'repair' && site.state) {
    return <MenuRepairScreen answers={site.state.answers as Answers} onSubmit={(answers) => done({ kind: 'repair', answers })} onBack={() => setPhase({ kind: 'menu' })} />;
  }
  return <MenuScreen site={site} available={available} {...(phase.kind === 'menu' && phase.notice ? { notice: phase.notice } : {})} onSelect={select} />;
}

export interface MenuTerminal {
  stdin: NodeJS.ReadStream;
  /** Where Ink draws (stderr in production, so stdout stays data). */
  stdout: NodeJS.WriteStream;
  stderr: NodeJS.WriteStream;
}

/** Mount the menu once and resolve with the chosen action. */
export async function runMenuApp(props: Omit<MenuAppProps, 'onDone'>, term: MenuTerminal): Promise<MenuResult> {
  let result: MenuResult = { kind: 'aborted' };
  const instance = render(<MenuApp {...props} onDone={(r) => (result = r)} />, { stdin: term.stdin, stdout: term.stdout, stderr: term.stderr, exitOnCtrlC: false, patchConsole: false });
  await instance.waitUntilExit();
  instance.cleanup();
  return result;
}
