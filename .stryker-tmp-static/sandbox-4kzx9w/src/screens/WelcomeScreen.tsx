// @ts-nocheck
// First screen: what is about to happen. Enter starts, Esc leaves.
import React from 'react';
import { Text, useInput } from 'ink';
import { Screen } from './Screen.js';
import { isCtrlC } from './keys.js';

export interface WelcomeScreenProps {
  onSubmit: () => void;
  onBack: () => void;
}

export function WelcomeScreen({ onSubmit, onBack }: WelcomeScreenProps): React.JSX.Element {
  useInput((input, key) => {
    if (isCtrlC(input, key)) return;
    if (key.return) onSubmit();
    else if (key.escape) onBack();
  });
  return (
    <Screen title="Welcome" keys="Enter start · Esc quit · Ctrl-C abort">
      <Text>This wizard sets up a public mail stack on this Proxmox VE host:</Text>
      <Text>{'  Proxmox Backup Server, a Proxmox Mail Gateway container,'}</Text>
      <Text>{'  a NixOS mail VM and a NixOS DNS VM.'}</Text>
      <Text> </Text>
      <Text>It asks a few questions, checks the site's internet connection live,</Text>
      <Text>recommends how outgoing mail should leave the site, and shows a review</Text>
      <Text>before anything is changed. Nothing is installed during the interview.</Text>
    </Screen>
  );
}
