// @ts-nocheck
// Everything the interview collected, secrets shown only as "set". Enter confirms, a digit
// jumps to that section, Esc goes back one screen.
import React from 'react';
import { Box, Text, useInput } from 'ink';
import { Screen } from './Screen.js';
import { isCtrlC } from './keys.js';
import type { InterviewState, Step } from '../interview/state.js';
import type { FieldProblem } from '../cli/errors.js';
import { relayPreset } from '../catalog/relayPresets.js';
import { dnsProvider, dyndnsProvider } from '../catalog/dnsProviders.js';

export interface ReviewScreenProps {
  state: InterviewState;
  /** Problems of the final answers, when confirming failed. */
  problems?: FieldProblem[];
  onSubmit: () => void;
  onBack: () => void;
  onJump: (step: Step) => void;
}

interface Row {
  step: Step;
  label: string;
  lines: string[];
}

export function reviewRows(s: InterviewState): Row[] {
  const n = s.network;
  const mode = s.decision?.chosen ?? '?';
  const rows: Row[] = [
    { step: 'domain', label: 'Domain', lines: [s.domain] },
    { step: 'hostSerial', label: 'Host serial', lines: [`${s.hostSerial} (guests pmg-${s.hostSerial}, mail-${s.hostSerial}, dns-${s.hostSerial})`] },
    { step: 'network', label: 'Network', lines: [`${n.bridge}, gateway ${n.gateway}/${n.prefixLength}`, `pmg ${n.pmg} · mail ${n.mail} · dns ${n.dns}`] },
    {
      step: 'questions',
      label: 'Delivery',
      lines: [s.decision?.overrideReason ? `${mode} (override: ${s.decision.overrideReason})` : `${mode} (recommended)`],
    },
  ];
  if (mode === 'smarthost') {
    const r = s.relay;
    const p = relayPreset(r.preset);
    const login = r.user ? `, user ${r.user}` : '';
    const secret = r.password !== '' ? ', password set' : r.passwordFile ? `, password from ${r.passwordFile}` : '';
    rows.push({ step: 'relay', label: 'Relay', lines: [`${p?.label ?? r.preset} ${r.host}:${r.port}${login}${secret}${r.spf ? `, SPF ${r.spf}` : ''}`] });
  }
  const d = s.publicIp.dyndns;
  rows.push({
    step: 'publicIp',
    label: 'Public IP',
    lines: [
      s.questions.staticIp
        ? `${s.publicIp.ip} (static)`
        : d
          ? `dynamic; dyndns ${d.hosts}.${d.domain} at ${dyndnsProvider(d.provider)?.label ?? d.provider}, secret set`
          : 'dynamic (no dyndns zone)',
    ],
  });
  const dp = dnsProvider(s.dnsProvider.provider);
  rows.push({
    step: 'dnsProvider',
    label: 'DNS provider',
    lines: [
      dp
        ? `${dp.label}: ${dp.credentials
            .filter((c) => (s.dnsProvider.credentials[c.key] ?? '') !== '')
            .map((c) => `${c.key} ${c.secret ? 'set' : s.dnsProvider.credentials[c.key]}`)
            .join(', ')}`
        : 'none (HTTP-01: forward port 80 to the mail VM)',
    ],
  });
  rows.push({ step: 'mailboxes', label: 'Mailboxes', lines: [`${s.mailboxes.map((m) => m.user).join(', ')} (passwords set)`] });
  return rows;
}

export function ReviewScreen({ state, problems, onSubmit, onBack, onJump }: ReviewScreenProps): React.JSX.Element {
  const rows = reviewRows(state);
  useInput((input, key) => {
    if (isCtrlC(input, key)) return;
    if (key.escape) return onBack();
    if (key.return) return onSubmit();
    const row = /^[1-9]$/.test(input) ? rows[Number(input) - 1] : undefined;
    if (row) onJump(row.step);
  });
  return (
    <Screen title="Review" keys={`Enter confirm · 1-${rows.length} change a section · Esc back · Ctrl-C abort`}>
      {rows.map((row, i) => (
        <Box key={row.step}>
          <Box width={17} flexShrink={0}>
            <Text>{`${i + 1} ${row.label}`}</Text>
          </Box>
          <Box flexDirection="column">
            {row.lines.map((l, k) => (
              <Text key={k} wrap="truncate-end">
                {l}
              </Text>
            ))}
          </Box>
        </Box>
      ))}
      {problems && problems.length > 0 ? (
        <Box flexDirection="column" marginTop={1}>
          {problems.slice(0, 4).map((p) => (
            <Text key={p.path + p.message} color="red">{`✘ ${p.path}: ${p.message}`}</Text>
          ))}
        </Box>
      ) : null}
    </Screen>
  );
}
