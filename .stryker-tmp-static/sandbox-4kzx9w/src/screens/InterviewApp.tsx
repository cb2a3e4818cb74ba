// @ts-nocheck
// Lifecycle root of the interview: owns the reducer, the injected check/decision functions,
// Ctrl-C, and the only exit() call (in an effect, after the last state update has flushed).
import React, { useEffect, useReducer, useRef, useState } from 'react';
import { useApp, useInput } from 'ink';
import { interviewReducer } from '../interview/reducer.js';
import { initialState, type Drafts, type Questions } from '../interview/state.js';
import { toAnswers } from '../interview/toAnswers.js';
import type { HostNetwork } from '../interview/networkDefaults.js';
import type { Answers, AnswersInput, Network } from '../schema/answers.js';
import { networkValue } from '../interview/validate.js';
import type { CheckResults } from '../checks/types.js';
import type { Decision, Mode, Recommendation } from '../plan/types.js';
import type { FieldProblem } from '../cli/errors.js';
import { WelcomeScreen } from './WelcomeScreen.js';
import { DomainScreen } from './DomainScreen.js';
import { HostSerialScreen } from './HostSerialScreen.js';
import { NetworkScreen } from './NetworkScreen.js';
import { ChecksScreen } from './ChecksScreen.js';
import { QuestionsScreen } from './QuestionsScreen.js';
import { RecommendationScreen } from './RecommendationScreen.js';
import { RelayScreen } from './RelayScreen.js';
import { PublicIpScreen } from './PublicIpScreen.js';
import { DnsProviderScreen } from './DnsProviderScreen.js';
import { MailboxesScreen } from './MailboxesScreen.js';
import { ReviewScreen } from './ReviewScreen.js';

export type InterviewResult = { status: 'done'; answers: Answers; decision: Decision; checks?: CheckResults } | { status: 'aborted' };

export interface InterviewDeps {
  initial?: Partial<AnswersInput>;
  /** The host's network, or how to read it once the interview shows (the first frame never waits for the host). */
  hostNetwork?: HostNetwork | (() => Promise<HostNetwork | undefined>);
  /** The domain is passed so the PTR can be compared with mail.<domain>. */
  runChecks: (signal: AbortSignal, domain: string) => Promise<CheckResults>;
  describeChecks?: (results: CheckResults) => string[];
  /** plan/decide.ts recommend(checks, prefs, domain) fits. */
  recommend: (checks: CheckResults, prefs: Questions, domain: string) => Recommendation;
  decide: (rec: Recommendation, chosen: Mode, overrideReason?: string) => Decision;
}

export interface InterviewAppProps extends InterviewDeps {
  onDone: (result: InterviewResult) => void;
  /** A key the technician pressed on the welcome screen while this component was loading. */
  initialAction?: 'start' | 'abort';
}

export function InterviewApp(props: InterviewAppProps): React.JSX.Element | null {
  const { runChecks, describeChecks, recommend, decide, onDone } = props;
  const [s, dispatch] = useReducer(interviewReducer, undefined, () => initialState(props.initial, typeof props.hostNetwork === 'function' ? undefined : props.hostNetwork));
  useEffect(() => {
    const read = props.hostNetwork;
    if (typeof read !== 'function') return;
    let live = true;
    read().then((hostNetwork) => live && hostNetwork && dispatch({ type: 'hostNetwork', hostNetwork }), () => undefined);
    return () => {
      live = false;
    };
  }, [props.hostNetwork]);
  const [problems, setProblems] = useState<FieldProblem[]>();
  const result = useRef<InterviewResult>({ status: 'aborted' });
  const { exit } = useApp();

  useEffect(() => {
    if (props.initialAction) dispatch({ type: props.initialAction });
    // Only the key pressed before mounting: later changes of the prop mean nothing.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, []);

  useInput((input, key) => {
    if (key.ctrl && input === 'c') dispatch({ type: 'abort' });
  });

  useEffect(() => {
    if (s.step !== 'done' && s.step !== 'aborted') return;
    onDone(s.step === 'done' ? result.current : { status: 'aborted' });
    exit();
  }, [s.step]); // eslint-disable-line react-hooks/exhaustive-deps

  const back = (keep?: Partial<Drafts>) => dispatch({ type: 'back', ...(keep ? { keep } : {}) });

  switch (s.step) {
    case 'done':
    case 'aborted':
      return null;
    case 'welcome':
      return <WelcomeScreen onSubmit={() => dispatch({ type: 'start' })} onBack={() => back()} />;
    case 'domain':
      return <DomainScreen value={s.domain} onSubmit={(domain) => dispatch({ type: 'submitDomain', domain })} onBack={(domain) => back({ domain })} />;
    case 'hostSerial':
      return <HostSerialScreen value={s.hostSerial} onSubmit={(hostSerial) => dispatch({ type: 'submitHostSerial', hostSerial })} onBack={(hostSerial) => back({ hostSerial })} />;
    case 'network':
      return <NetworkScreen value={s.network} onSubmit={(network) => dispatch({ type: 'submitNetwork', network })} onBack={(network) => back({ network })} />;
    case 'checks':
      return (
        <ChecksScreen
          {...(s.checks ? { previous: s.checks } : {})}
          runChecks={(signal) => runChecks(signal, s.domain)}
          {...(describeChecks ? { describe: describeChecks } : {})}
          onSubmit={(checks) => dispatch({ type: 'checksDone', checks })}
          onBack={() => back()}
        />
      );
    case 'questions':
      return (
        <QuestionsScreen
          value={s.questions}
          onSubmit={(questions) => {
            if (!s.checks) return back();
            dispatch({ type: 'submitQuestions', questions, recommendation: recommend(s.checks, questions, s.domain) });
          }}
          onBack={() => back()}
        />
      );
    case 'recommendation':
      if (!s.recommendation) return null;
      return (
        <RecommendationScreen
          recommendation={s.recommendation}
          {...(s.decision ? { previous: s.decision } : {})}
          onSubmit={(chosen, reason) => dispatch({ type: 'submitDecision', decision: decide(s.recommendation!, chosen, reason) })}
          onBack={() => back()}
        />
      );
    case 'relay':
      return (
        <RelayScreen
          value={s.relay}
          site={{ domain: s.domain.trim().toLowerCase(), hostSerial: s.hostSerial.trim(), network: networkValue(s.network) as Network, publicIp: s.publicIp.ip.trim() || undefined }}
          onSubmit={(relay) => dispatch({ type: 'submitRelay', relay })}
          onBack={(relay) => back({ relay })}
        />
      );
    case 'publicIp': {
      const seen = s.checks?.publicIp.status === 'ok' && !s.checks.publicIp.cgnat ? s.checks.publicIp.ip : undefined;
      return (
        <PublicIpScreen
          staticIp={s.questions.staticIp}
          value={s.publicIp}
          {...(seen ? { suggestedIp: seen } : {})}
          onSubmit={(publicIp) => dispatch({ type: 'submitPublicIp', publicIp })}
          onBack={(publicIp) => back({ publicIp })}
        />
      );
    }
    case 'dnsProvider':
      return (
        <DnsProviderScreen
          value={s.dnsProvider}
          mailIp={s.network.mail}
          onSubmit={(dnsProvider) => dispatch({ type: 'submitDnsProvider', dnsProvider })}
          onBack={(dnsProvider) => back({ dnsProvider })}
        />
      );
    case 'mailboxes':
      return (
        <MailboxesScreen
          value={s.mailboxes}
          domain={s.domain}
          onSubmit={(mailboxes) => dispatch({ type: 'submitMailboxes', mailboxes })}
          onBack={(mailboxes) => back({ mailboxes })}
        />
      );
    case 'review':
      return (
        <ReviewScreen
          state={s}
          {...(problems ? { problems } : {})}
          onSubmit={() => {
            const r = toAnswers(s);
            if (!r.ok || !s.decision) return setProblems(r.ok ? [{ path: 'mode', message: 'no delivery decision yet (press 4)' }] : r.problems);
            result.current = { status: 'done', answers: r.answers, decision: s.decision, ...(s.checks ? { checks: s.checks } : {}) };
            dispatch({ type: 'confirm' });
          }}
          onBack={() => back()}
          onJump={(step) => {
            setProblems(undefined);
            dispatch({ type: 'jump', step });
          }}
        />
      );
  }
}
