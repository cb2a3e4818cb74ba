// @ts-nocheck
// The re-run menu's first screen: what is deployed (domain, mode, relay, guests with IDs, IPs
// and status), every disagreement between the state file and the host, and the actions.
import React from 'react';
import { Box, Text } from 'ink';
import { Screen } from './Screen.js';
import { SelectList, type SelectItem } from './SelectList.js';
import type { SiteView } from '../site/loadSite.js';

export type MenuAction = 'relay' | 'verify' | 'handover' | 'repair' | 'exit';

export interface MenuScreenProps {
  site: SiteView;
  /** Which entries are built (the others say "not available yet"). */
  available: { verify: boolean; handover: boolean };
  notice?: string;
  onSelect: (action: MenuAction) => void;
}

export function menuItems(site: SiteView, available: MenuScreenProps['available']): SelectItem[] {
  const noState = !site.state;
  const later = ' (not available yet)';
  return [
    { key: 'relay', label: `Change the outbound relay${noState ? ' (needs the site state)' : ''}`, hint: 'fresh port-25/PTR checks, then a relay provider or direct delivery; only the mail VM changes' },
    { key: 'verify', label: `Verify the DNS records${available.verify ? '' : later}`, hint: available.verify ? 'query public resolvers and compare with what the site needs' : 'coming in a later version; use: netsetup-wizard records --answers FILE' },
    { key: 'handover', label: `Print the handover checklist${available.handover ? '' : later}`, hint: available.handover ? 'the checklist to leave on site' : 'coming in a later version' },
    { key: 'repair', label: site.findings.length ? 'Repair: the state and the host disagree' : 'Repair / re-provision', hint: noState ? 'no state file: runs the install interview' : 'the idempotent install with the answers from the state; asks the secrets again' },
    { key: 'exit', label: 'Exit' },
  ];
}

export function MenuScreen({ site, available, notice, onSelect }: MenuScreenProps): React.JSX.Element {
  const s = site.state;
  const relay = s?.relay ? `${s.relay.host}:${s.relay.port}` : 'none (direct MX delivery)';
  return (
    <Screen title={s ? `Site ${s.domain}` : 'Site (no state file)'} keys="↑/↓ choose · Enter select · Esc exit · Ctrl-C abort">
      {s ? <Text>{`Domain ${s.domain} · serial ${s.serial} · mode ${s.mode}`}</Text> : null}
      {s ? <Text>{`Outbound relay: ${relay}`}</Text> : null}
      <Box flexDirection="column" marginTop={s ? 1 : 0}>
        {site.rows.map((g) => (
          <Text key={`${g.name}${g.vmid}`}>{`  ${g.name.padEnd(14)} ${String(g.vmid ?? '?').padEnd(5)} ${g.ip.padEnd(16)} ${g.status}`}</Text>
        ))}
      </Box>
      {site.findings.map((f, i) => (
        <Text key={i} color="yellow">{`! ${f.message}`}</Text>
      ))}
      {notice ? <Text color="green">{notice}</Text> : null}
      <Text> </Text>
      <SelectList items={menuItems(site, available)} visible={5} onSelect={(k) => onSelect(k as MenuAction)} onBack={() => onSelect('exit')} />
    </Screen>
  );
}
