// @ts-nocheck
// The re-run menu as a loop: load the site, show the menu, do the chosen action outside Ink,
// load again and show the menu with what happened, until Exit. Everything that touches a host
// is injected, so tests drive the real screens with fakes.
import { InterruptedError } from '../cli/errors.js';
import type { Answers } from '../schema/answers.js';
import { hasSite, type SiteView } from '../site/loadSite.js';
import type { RelayChange } from '../site/relayChange.js';
import type { SiteState } from '../tasks/siteState.js';
import { runMenuApp, type MenuTerminal } from './MenuApp.js';
import type { RelayChangeDeps } from './RelayChangeFlow.js';

export interface MenuLoopDeps {
  loadSite: () => Promise<SiteView>;
  relay: RelayChangeDeps;
  /** Applies a relay change (the listr2 task list in production); returns a one-line summary. */
  applyRelay: (state: SiteState, change: RelayChange) => Promise<string>;
  repair: (state: SiteState, answers: Answers) => Promise<string>;
  /** The install flow, for a host without a site (or without its state file). */
  install: () => Promise<number>;
  /** Absent until the feature exists: the menu entry says so. */
  verify?: (state: SiteState | undefined) => Promise<string>;
  handover?: (state: SiteState | undefined) => Promise<string>;
  term: MenuTerminal;
  /** After an action printed its output: let the technician read it before the menu redraws. */
  pause?: () => Promise<void>;
}

export async function runMenuLoop(deps: MenuLoopDeps): Promise<number> {
  let notice: string | undefined;
  for (;;) {
    const site = await deps.loadSite();
    if (!hasSite(site)) return deps.install();
    const r = await runMenuApp({ site, available: { verify: Boolean(deps.verify), handover: Boolean(deps.handover) }, relay: deps.relay, ...(notice ? { notice } : {}) }, deps.term);
    notice = undefined;
    switch (r.kind) {
      case 'exit':
        return 0;
      case 'aborted':
        throw new InterruptedError('menu closed with Ctrl-C; nothing was changed');
      case 'install':
        return deps.install();
      case 'relay':
        notice = await deps.applyRelay(site.state!, r.change);
        break;
      case 'repair':
        notice = await deps.repair(site.state!, r.answers);
        break;
      case 'verify':
        notice = await deps.verify!(site.state);
        break;
      case 'handover':
        notice = await deps.handover!(site.state);
        break;
    }
    await deps.pause?.();
  }
}
