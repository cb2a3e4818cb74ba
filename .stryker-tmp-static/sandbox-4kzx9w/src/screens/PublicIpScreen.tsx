// @ts-nocheck
// Public address: the static IPv4 when the site has one; otherwise an optional dyndns target
// zone (provider, user, secret masked, hosts, zone).
import React, { useState } from 'react';
import { Text, useInput } from 'ink';
import { Screen } from './Screen.js';
import { SelectList } from './SelectList.js';
import { FieldForm, type FieldSpec } from './FieldForm.js';
import { isCtrlC } from './keys.js';
import { DYNDNS_PROVIDERS, dyndnsProvider, type DyndnsProvider } from '../catalog/dnsProviders.js';
import type { DyndnsDraft, PublicIpDraft } from '../interview/state.js';
import { dyndnsProblems, oneField, publicIpProblem } from '../interview/validate.js';

export interface PublicIpScreenProps {
  staticIp: boolean;
  value: PublicIpDraft;
  /** The address the checks saw, offered as the default. */
  suggestedIp?: string;
  onSubmit: (value: PublicIpDraft) => void;
  onBack: (typed: PublicIpDraft) => void;
}

function dyndnsFields(p: DyndnsProvider): FieldSpec[] {
  return [
    ...(p.needsUsername ? [{ key: 'username', label: 'Username', hint: `your ${p.label} account` }] : []),
    { key: 'secret', label: p.secretField === 'token' ? 'Token' : 'Password', secret: true, hint: 'typed masked; stored root-only on the DNS VM' },
    { key: 'hosts', label: 'Hosts', hint: 'host label(s) in the zone, comma-separated, e.g. laufentaler' },
    { key: 'domain', label: 'Zone', hint: p.zoneSuffix ? `fixed: ${p.zoneSuffix}` : 'the dyndns zone, e.g. ddns.net' },
  ];
}

const emptyDyndns = (p: DyndnsProvider): DyndnsDraft => ({ provider: p.key, username: '', secret: '', hosts: '', domain: p.zoneSuffix ?? '' });

export function PublicIpScreen({ staticIp, value, suggestedIp, onSubmit, onBack }: PublicIpScreenProps): React.JSX.Element {
  const [phase, setPhase] = useState<'ask' | 'provider' | 'fields'>('ask');
  const [dyndns, setDyndns] = useState<DyndnsDraft | undefined>(value.dyndns);
  useInput(
    (input, key) => {
      if (isCtrlC(input, key)) return;
      if (key.escape) return onBack({ ...value, ...(dyndns ? { dyndns } : {}) });
      if (input === 'y' || input === 'Y') setPhase('provider');
      else if (input === 'n' || input === 'N') onSubmit({ ip: value.ip });
      else if (key.return) onSubmit({ ip: value.ip, ...(value.dyndns ? { dyndns: value.dyndns } : {}) });
    },
    { isActive: !staticIp && phase === 'ask' },
  );

  if (staticIp) {
    return (
      <Screen title="Public IP">
        <Text>The site's static public IPv4. The A records and the PTR request use it.</Text>
        <Text> </Text>
        <FieldForm
          fields={[{ key: 'ip', label: 'Public IPv4', hint: suggestedIp ? `the checks saw ${suggestedIp}` : 'e.g. 203.0.113.7' }]}
          values={{ ip: value.ip || suggestedIp || '' }}
          validate={(v) => oneField('ip', publicIpProblem(v.ip ?? ''))}
          onSubmit={(v) => onSubmit({ ip: (v.ip ?? '').trim() })}
          onBack={(v) => onBack({ ...value, ip: v.ip ?? '' })}
        />
      </Screen>
    );
  }

  const provider = dyndnsProvider(dyndns?.provider);
  if (phase === 'fields' && provider && dyndns) {
    const merge = (v: Record<string, string>): DyndnsDraft => ({ ...dyndns, ...v });
    return (
      <Screen title={`Dyndns zone: ${provider.label}`} keys="Enter next field · ↑/↓ move · Esc choose another provider">
        <Text>Customer names will be CNAMEs to host.zone (MX still needs an A record).</Text>
        <Text> </Text>
        <FieldForm
          key={provider.key}
          fields={dyndnsFields(provider)}
          values={{ username: dyndns.username, secret: dyndns.secret, hosts: dyndns.hosts, domain: dyndns.domain }}
          validate={(v) => dyndnsProblems(merge(v))}
          onSubmit={(v) => onSubmit({ ip: value.ip, dyndns: merge(v) })}
          onBack={(v) => {
            setDyndns(merge(v));
            setPhase('provider');
          }}
        />
      </Screen>
    );
  }

  if (phase === 'provider') {
    return (
      <Screen title="Dyndns provider" keys="↑/↓ choose · Enter select · Esc back">
        <SelectList
          items={DYNDNS_PROVIDERS.map((p) => ({ key: p.key, label: p.label }))}
          {...(dyndns ? { initialKey: dyndns.provider } : {})}
          onSelect={(key) => {
            const p = dyndnsProvider(key)!;
            setDyndns(dyndns?.provider === key ? dyndns : emptyDyndns(p));
            setPhase('fields');
          }}
          onBack={() => setPhase('ask')}
        />
      </Screen>
    );
  }

  return (
    <Screen title="Dynamic public IP" keys="y yes · n no · Enter keep the default · Esc back · Ctrl-C abort">
      <Text>No static public IP: the public A records must follow the WAN address.</Text>
      <Text>With a DNS provider (next screen) ddns-updater keeps them current.</Text>
      <Text>Alternatively a dyndns target zone (e.g. laufentaler.ddns.net at No-IP)</Text>
      <Text>carries the address and the customer names are CNAMEs to it.</Text>
      <Text> </Text>
      <Text>
        {value.dyndns ? `Use a dyndns target zone? [Y/n] (now: ${value.dyndns.hosts}.${value.dyndns.domain}; y edits)` : 'Use a dyndns target zone? [y/N]'}
      </Text>
    </Screen>
  );
}
