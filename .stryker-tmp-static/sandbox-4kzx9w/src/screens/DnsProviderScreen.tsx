// @ts-nocheck
// DNS provider for Let's Encrypt DNS-01 and ddns-updater: "none", or a provider and then
// exactly that provider's credential fields (secret ones masked).
import React, { useState } from 'react';
import { Text } from 'ink';
import { Screen } from './Screen.js';
import { SelectList } from './SelectList.js';
import { FieldForm, type FieldSpec } from './FieldForm.js';
import { DNS_PROVIDERS, dnsProvider } from '../catalog/dnsProviders.js';
import type { DnsDraft } from '../interview/state.js';
import { dnsCredentialProblems } from '../interview/validate.js';

export interface DnsProviderScreenProps {
  value: DnsDraft;
  /** Mail VM address, named in the port-80 advice. */
  mailIp?: string;
  onSubmit: (value: DnsDraft) => void;
  onBack: (typed: DnsDraft) => void;
}

export function DnsProviderScreen({ value, mailIp, onSubmit, onBack }: DnsProviderScreenProps): React.JSX.Element {
  const [draft, setDraft] = useState<DnsDraft>(value);
  const [phase, setPhase] = useState<'provider' | 'fields'>('provider');
  const provider = dnsProvider(draft.provider);
  const noneHint = `No DNS automation: Let's Encrypt falls back to HTTP-01, so TCP port 80 must be forwarded to the mail VM${mailIp ? ` (${mailIp})` : ''}; ddns-updater stays off.`;

  if (phase === 'fields' && provider) {
    const fields: FieldSpec[] = provider.credentials.map((c) => ({
      key: c.key,
      label: c.label.length > 26 ? `${c.label.slice(0, 25)}…` : c.label,
      ...(c.secret ? { secret: true } : {}),
      hint: `${c.key}: ${c.label}${c.optional ? ' (optional: Enter to skip)' : ''}`,
    }));
    const merge = (v: Record<string, string>): DnsDraft => ({ provider: provider.key, credentials: { ...v } });
    return (
      <Screen title={`DNS provider: ${provider.label}`} keys="Enter next field · ↑/↓ move · Esc choose another provider">
        <Text>{`Credentials for ${provider.label} (used by lego${provider.ddns ? ' and ddns-updater' : ''}):`}</Text>
        <Text> </Text>
        <FieldForm
          key={provider.key}
          fields={fields}
          values={Object.fromEntries(provider.credentials.map((c) => [c.key, draft.credentials[c.key] ?? '']))}
          validate={(v) => dnsCredentialProblems(provider.key, v)}
          onSubmit={(v) => onSubmit(merge(v))}
          onBack={(v) => {
            setDraft(merge(v));
            setPhase('provider');
          }}
        />
      </Screen>
    );
  }

  return (
    <Screen title="DNS provider" keys="↑/↓ choose · Enter select · Esc back · Ctrl-C abort">
      <Text>Where is the customer's DNS zone hosted? (certificates and dynamic records)</Text>
      <Text> </Text>
      <SelectList
        items={[{ key: 'none', label: 'None (no DNS automation)', hint: noneHint }, ...DNS_PROVIDERS.map((p) => ({ key: p.key, label: p.label, ...(p.notes ? { hint: p.notes } : {}) }))]}
        {...(draft.provider ? { initialKey: draft.provider } : {})}
        visible={8}
        onSelect={(key) => {
          if (key === 'none') return onSubmit({ provider: 'none', credentials: {} });
          setDraft(key === draft.provider ? draft : { provider: key, credentials: {} });
          setPhase('fields');
        }}
        onBack={() => onBack(draft)}
      />
    </Screen>
  );
}
