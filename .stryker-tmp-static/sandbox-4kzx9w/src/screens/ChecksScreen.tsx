// @ts-nocheck
// Live site checks: a spinner per check while the injected runner works, then one result line
// per fact. Esc cancels a running check (through the AbortSignal) and goes back.
import React, { useEffect, useRef, useState } from 'react';
import { Box, Text, useInput } from 'ink';
import Spinner from 'ink-spinner';
import { Screen } from './Screen.js';
import { isCtrlC } from './keys.js';
import type { CheckResults } from '../checks/types.js';
import { describeCheckResults } from '../interview/describeChecks.js';

export interface ChecksScreenProps {
  /** Results from an earlier run (shown, not re-run, when coming back). */
  previous?: CheckResults;
  runChecks: (signal: AbortSignal) => Promise<CheckResults>;
  /** Custom wording of the results; defaults to interview/describeChecks.ts. */
  describe?: (results: CheckResults) => string[];
  onSubmit: (results: CheckResults) => void;
  onBack: () => void;
}

const RUNNING = ['Outbound port 25 to well-known mail servers', 'Public IP address', 'Reverse DNS (PTR) of the public IP'];

type Phase = { kind: 'running' } | { kind: 'done'; results: CheckResults } | { kind: 'failed'; message: string };

export function ChecksScreen({ previous, runChecks, describe, onSubmit, onBack }: ChecksScreenProps): React.JSX.Element {
  const [phase, setPhase] = useState<Phase>(previous ? { kind: 'done', results: previous } : { kind: 'running' });
  const [run, setRun] = useState(previous ? 0 : 1);
  const controller = useRef<AbortController | undefined>(undefined);
  const runner = useRef(runChecks);
  runner.current = runChecks;

  useEffect(() => {
    if (run === 0) return;
    const ac = new AbortController();
    controller.current = ac;
    setPhase({ kind: 'running' });
    runner.current(ac.signal).then(
      (results) => !ac.signal.aborted && setPhase({ kind: 'done', results }),
      (e: unknown) => !ac.signal.aborted && setPhase({ kind: 'failed', message: e instanceof Error ? e.message : String(e) }),
    );
    return () => ac.abort();
  }, [run]);

  useInput((input, key) => {
    if (isCtrlC(input, key)) return;
    if (key.escape) {
      controller.current?.abort();
      return onBack();
    }
    if (phase.kind === 'running') return;
    if (input === 'r') return setRun((n) => n + 1);
    if (key.return && phase.kind === 'done') onSubmit(phase.results);
  });

  const keys = phase.kind === 'running' ? 'Esc cancel and go back · Ctrl-C abort' : phase.kind === 'done' ? 'Enter continue · r run again · Esc back' : 'r try again · Esc back';
  return (
    <Screen title="Site checks" keys={keys}>
      {phase.kind === 'running'
        ? RUNNING.map((label) => (
            <Box key={label}>
              <Text color="cyan">
                <Spinner type="dots" />
              </Text>
              <Text>{` ${label}`}</Text>
            </Box>
          ))
        : null}
      {phase.kind === 'done'
        ? (describe ? describe(phase.results).map((text) => ({ ok: null as boolean | null, text })) : describeCheckResults(phase.results)).map((l, i) => (
            // A hanging indent: wrapped lines stay under the text, not under the bullet.
            <Box key={i}>
              <Text color={l.ok === true ? 'green' : l.ok === false ? 'yellow' : undefined}>{`${l.ok === true ? '✔' : l.ok === false ? '✘' : l.text.startsWith('  ') ? ' ' : '•'} `}</Text>
              <Box flexGrow={1} flexShrink={1}>
                <Text color={l.ok === true ? 'green' : l.ok === false ? 'yellow' : undefined} wrap="wrap">
                  {l.text.trimStart()}
                </Text>
              </Box>
            </Box>
          ))
        : null}
      {phase.kind === 'failed' ? <Text color="red">{`✘ The checks could not run: ${phase.message}`}</Text> : null}
    </Screen>
  );
}
