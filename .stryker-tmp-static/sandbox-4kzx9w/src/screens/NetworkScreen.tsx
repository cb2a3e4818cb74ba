// @ts-nocheck
// Bridge, gateway, prefix and the three guest addresses. Defaults come from the host's own
// network (see interview/networkDefaults.ts); the schema checks subnet and uniqueness.
import React from 'react';
import { Text } from 'ink';
import { Screen } from './Screen.js';
import { FieldForm, type FieldSpec } from './FieldForm.js';
import { networkProblems } from '../interview/validate.js';
import type { NetworkDraft } from '../interview/state.js';

export interface NetworkScreenProps {
  value: NetworkDraft;
  onSubmit: (network: NetworkDraft) => void;
  onBack: (typed: NetworkDraft) => void;
}

const FIELDS: readonly FieldSpec[] = [
  { key: 'bridge', label: 'Bridge', hint: 'the Proxmox bridge the guests attach to, e.g. vmbr0' },
  { key: 'gateway', label: 'Gateway', hint: 'the LAN router, e.g. 192.168.1.1' },
  { key: 'prefixLength', label: 'Prefix length', hint: '24 for a 255.255.255.0 network' },
  { key: 'pmg', label: 'PMG address', hint: 'Proxmox Mail Gateway container (port 25 is forwarded here)' },
  { key: 'mail', label: 'Mail VM address', hint: 'postfix, dovecot, webmail (443 is forwarded here)' },
  { key: 'dns', label: 'DNS VM address', hint: 'coredns, step-ca, lego, ddns-updater (LAN only)' },
];

const toDraft = (v: Record<string, string>): NetworkDraft => ({
  bridge: v.bridge ?? '',
  gateway: v.gateway ?? '',
  prefixLength: v.prefixLength ?? '',
  pmg: v.pmg ?? '',
  mail: v.mail ?? '',
  dns: v.dns ?? '',
});

export function NetworkScreen({ value, onSubmit, onBack }: NetworkScreenProps): React.JSX.Element {
  return (
    <Screen title="Network" keys="Enter next field · ↑/↓ move · Esc back · Ctrl-C abort">
      <Text>Static LAN addresses for the three guests (free addresses, outside DHCP).</Text>
      <Text> </Text>
      <FieldForm
        fields={FIELDS}
        values={{ ...value }}
        validate={(v) => networkProblems(toDraft(v))}
        onSubmit={(v) => onSubmit(toDraft(v))}
        onBack={(v) => onBack(toDraft(v))}
      />
    </Screen>
  );
}
