// @ts-nocheck
// The customer's mail domain.
import React from 'react';
import { TextFieldScreen } from './TextFieldScreen.js';
import { domainProblem } from '../interview/validate.js';

export interface DomainScreenProps {
  value: string;
  onSubmit: (domain: string) => void;
  onBack: (typed: string) => void;
}

export function DomainScreen(props: DomainScreenProps): React.JSX.Element {
  return (
    <TextFieldScreen
      title="Mail domain"
      intro={['The customer mail domain: addresses will be name@<domain>,', 'and mail.<domain>, mx.<domain>, pmg.<domain> become public names.']}
      label="Domain"
      hint="e.g. example.com (no www, no trailing dot)"
      problem={domainProblem}
      {...props}
    />
  );
}
