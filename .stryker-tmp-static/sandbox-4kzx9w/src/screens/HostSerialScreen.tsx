// @ts-nocheck
// The site host's short serial: it names the guests pmg-<serial>, mail-<serial>, dns-<serial>.
import React from 'react';
import { TextFieldScreen } from './TextFieldScreen.js';
import { hostSerialProblem } from '../interview/validate.js';

export interface HostSerialScreenProps {
  value: string;
  onSubmit: (hostSerial: string) => void;
  onBack: (typed: string) => void;
}

export function HostSerialScreen(props: HostSerialScreenProps): React.JSX.Element {
  return (
    <TextFieldScreen
      title="Host serial"
      intro={['The short serial of this site host (on its label).', 'The guests will be named pmg-<serial>, mail-<serial> and dns-<serial>.']}
      label="Serial"
      hint="e.g. lib (lowercase letters, digits, inner hyphens)"
      problem={hostSerialProblem}
      {...props}
    />
  );
}
