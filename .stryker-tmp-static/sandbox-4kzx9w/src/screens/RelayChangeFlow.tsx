// @ts-nocheck
// The relay change as screens: fresh checks → recommendation and choice → relay provider
// (preset or custom, password masked) → before/after. Ends with the change; runs nothing itself.
import React, { useState } from 'react';
import { ChecksScreen } from './ChecksScreen.js';
import { RelayScreen } from './RelayScreen.js';
import { RelayChangeModeScreen } from './RelayChangeModeScreen.js';
import { RelayChangePreviewScreen } from './RelayChangePreviewScreen.js';
import type { CheckResults } from '../checks/types.js';
import type { Recommendation } from '../plan/types.js';
import { relaySchema, type Answers } from '../schema/answers.js';
import { emptyRelay, type RelayDraft } from '../interview/state.js';
import { relayValue, type RelaySite } from '../interview/validate.js';
import { relayPreview, relaySide, sitePlan, type RelayChange } from '../site/relayChange.js';
import type { SiteState } from '../tasks/siteState.js';

export interface RelayChangeDeps {
  runChecks: (signal: AbortSignal, domain: string) => Promise<CheckResults>;
  recommend: (checks: CheckResults, state: SiteState) => Recommendation;
  describeChecks?: (results: CheckResults) => string[];
}

export interface RelayChangeFlowProps extends RelayChangeDeps {
  state: SiteState;
  onSubmit: (change: RelayChange) => void;
  onBack: () => void;
}

type Step = { kind: 'checks' } | { kind: 'mode'; checks: CheckResults } | { kind: 'relay'; checks: CheckResults } | { kind: 'preview'; checks: CheckResults; change: RelayChange; from: 'mode' | 'relay' };

/** The provisioned site as a relay must not be (from its state's answers). */
function siteOf(state: SiteState): RelaySite | undefined {
  const a = state.answers as Partial<Answers>;
  return a.network ? { domain: state.domain, hostSerial: state.serial, network: a.network, publicIp: a.publicIp } : undefined;
}

function initialDraft(state: SiteState): RelayDraft {
  const r = state.relay;
  if (!r) return emptyRelay();
  return { ...emptyRelay(r.preset), host: r.host, port: String(r.port), user: r.user ?? '', password: '' };
}

export function RelayChangeFlow({ state, runChecks, recommend, describeChecks, onSubmit, onBack }: RelayChangeFlowProps): React.JSX.Element {
  const [step, setStep] = useState<Step>({ kind: 'checks' });
  const [checks, setChecks] = useState<CheckResults | undefined>(undefined);
  const [draft, setDraft] = useState<RelayDraft>(() => initialDraft(state));
  switch (step.kind) {
    case 'checks':
      return (
        <ChecksScreen
          {...(checks ? { previous: checks } : {})}
          runChecks={(signal) => runChecks(signal, state.domain)}
          {...(describeChecks ? { describe: describeChecks } : {})}
          onSubmit={(r) => {
            setChecks(r);
            setStep({ kind: 'mode', checks: r });
          }}
          onBack={onBack}
        />
      );
    case 'mode':
      return (
        <RelayChangeModeScreen
          current={relaySide(sitePlan(state)).relay}
          recommendation={recommend(step.checks, state)}
          onSubmit={(mode) => setStep(mode === 'standalone' ? { kind: 'preview', checks: step.checks, change: { mode }, from: 'mode' } : { kind: 'relay', checks: step.checks })}
          onBack={() => setStep({ kind: 'checks' })}
        />
      );
    case 'relay':
      return (
        <RelayScreen
          value={draft}
          {...(siteOf(state) ? { site: siteOf(state)! } : {})}
          onSubmit={(d) => {
            setDraft({ ...d, password: '' });
            // The screen validated every field with the same schema; parse for the typed value.
            const relay = relaySchema.parse(relayValue(d));
            setStep({ kind: 'preview', checks: step.checks, change: { mode: 'smarthost', relay }, from: 'relay' });
          }}
          onBack={(d) => {
            setDraft({ ...d, password: '' });
            setStep({ kind: 'mode', checks: step.checks });
          }}
        />
      );
    case 'preview':
      return (
        <RelayChangePreviewScreen
          preview={relayPreview(state, step.change)}
          onSubmit={() => onSubmit(step.change)}
          onBack={() => setStep(step.from === 'relay' ? { kind: 'relay', checks: step.checks } : { kind: 'mode', checks: step.checks })}
        />
      );
  }
}
