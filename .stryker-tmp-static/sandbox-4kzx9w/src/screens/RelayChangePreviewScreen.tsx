// @ts-nocheck
// Before/after of a relay change: relay, SPF, DKIM advice, and the records that must change at
// the DNS provider. Enter applies, Esc goes back to change the choice.
import React from 'react';
import { Box, Text, useInput } from 'ink';
import { Screen } from './Screen.js';
import { isCtrlC } from './keys.js';
import type { RelayPreview } from '../site/relayChange.js';

export interface RelayChangePreviewScreenProps {
  preview: RelayPreview;
  onSubmit: () => void;
  onBack: () => void;
}

function Row({ label, before, after }: { label: string; before: string; after: string }): React.JSX.Element {
  if (before === after) return <Text wrap="truncate-end">{`${label.padEnd(6)} ${after} (unchanged)`}</Text>;
  return (
    <Box flexDirection="column">
      <Text>{`${label}`}</Text>
      <Text color="red" wrap="truncate-end">{`  before: ${before}`}</Text>
      <Text color="green" wrap="truncate-end">{`  after:  ${after}`}</Text>
    </Box>
  );
}

export function RelayChangePreviewScreen({ preview: p, onSubmit, onBack }: RelayChangePreviewScreenProps): React.JSX.Element {
  useInput((input, key) => {
    if (isCtrlC(input, key)) return;
    if (key.escape) return onBack();
    if (key.return) onSubmit();
  });
  return (
    <Screen title="Relay change: before and after" keys="Enter apply to the mail VM · Esc back · Ctrl-C abort">
      <Row label="Relay" before={p.before.relay} after={p.after.relay} />
      <Row label="SPF" before={p.before.spf} after={p.after.spf} />
      <Row label="DKIM" before={p.before.dkim} after={p.after.dkim} />
      <Box flexDirection="column" marginTop={1}>
        {p.publish.length || p.remove.length ? <Text bold>At the DNS provider:</Text> : <Text>No DNS record changes.</Text>}
        {p.publish.map((r) => (
          <Text key={`p${r.type}${r.name}`} wrap="truncate-end">{`  ${r.kind === 'request' ? 'ask ISP' : 'set'}  ${r.type} ${r.name}  ${r.value}`}</Text>
        ))}
        {p.remove.map((r) => (
          <Text key={`r${r.type}${r.name}`} wrap="truncate-end">{`  no longer needed  ${r.type} ${r.name}`}</Text>
        ))}
      </Box>
      {p.sameSettings ? <Text color="yellow">Same relay settings as now: only a changed password is applied.</Text> : null}
      <Text dimColor>Only the mail VM changes (its relay settings, a rebuild, a postfix reload).</Text>
    </Screen>
  );
}
