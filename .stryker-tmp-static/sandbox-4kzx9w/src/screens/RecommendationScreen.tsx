// @ts-nocheck
// The recommendation with its reasons and risks. The technician accepts it, or overrides it
// and must type a reason (it is recorded in the handover checklist).
import React, { useRef, useState } from 'react';
import { Box, Text, useInput } from 'ink';
import { Screen } from './Screen.js';
import { FieldForm } from './FieldForm.js';
import { isCtrlC } from './keys.js';
import type { Decision, Mode, Recommendation } from '../plan/types.js';
import { Bullet } from './Bullet.js';
import { oneField, overrideReasonProblem } from '../interview/validate.js';

export interface RecommendationScreenProps {
  recommendation: Recommendation;
  /** The earlier decision, when coming back to this screen. */
  previous?: Decision;
  onSubmit: (chosen: Mode, overrideReason?: string) => void;
  onBack: () => void;
}

export const MODE_LABEL: Record<Mode, string> = {
  standalone: 'Standalone (direct MX delivery from this site)',
  smarthost: 'Smarthost (outgoing mail through a relay provider)',
};

const other = (m: Mode): Mode => (m === 'standalone' ? 'smarthost' : 'standalone');

export function RecommendationScreen({ recommendation: rec, previous, onSubmit, onBack }: RecommendationScreenProps): React.JSX.Element {
  const overridden = previous !== undefined && previous.chosen !== rec.mode;
  const [choice, setChoice] = useState(overridden ? 1 : 0);
  const [askReason, setAskReason] = useState(false);
  const choiceRef = useRef(choice);
  useInput(
    (input, key) => {
      if (isCtrlC(input, key)) return;
      if (key.escape) return onBack();
      if (key.upArrow || key.downArrow) {
        choiceRef.current = 1 - choiceRef.current;
        return setChoice(choiceRef.current);
      }
      if (!key.return) return;
      if (choiceRef.current === 0) onSubmit(rec.mode);
      else setAskReason(true);
    },
    { isActive: !askReason },
  );
  return (
    <Screen title="Recommendation" keys={askReason ? 'Enter record the override · Esc choose again' : '↑/↓ choose · Enter confirm · Esc back · Ctrl-C abort'}>
      <Text bold>{`Recommended: ${MODE_LABEL[rec.mode]}`}</Text>
      {rec.reasons.slice(0, 4).map((r, i) => (
        <Bullet key={`r${i}`} mark="•">
          {r}
        </Bullet>
      ))}
      {rec.risks.length > 0 ? <Text color="yellow">Risks to tell the customer:</Text> : null}
      {rec.risks.slice(0, 4).map((r, i) => (
        <Bullet key={`k${i}`} mark="!" color="yellow">
          {r}
        </Bullet>
      ))}
      <Box flexDirection="column" marginTop={1}>
        <Text color={choice === 0 ? 'cyan' : undefined}>{`${choice === 0 ? '›' : ' '} Accept: ${rec.mode}`}</Text>
        <Text color={choice === 1 ? 'cyan' : undefined}>{`${choice === 1 ? '›' : ' '} Override: ${other(rec.mode)} instead`}</Text>
      </Box>
      {askReason ? (
        <Box flexDirection="column" marginTop={1}>
          <Text>{`Why ${other(rec.mode)} against the recommendation? (goes into the handover)`}</Text>
          <FieldForm
            fields={[{ key: 'reason', label: 'Reason' }]}
            values={{ reason: previous?.overrideReason ?? '' }}
            validate={(v) => oneField('reason', overrideReasonProblem(v.reason ?? ''))}
            onSubmit={(v) => onSubmit(other(rec.mode), (v.reason ?? '').trim())}
            onBack={() => setAskReason(false)}
          />
        </Box>
      ) : null}
    </Screen>
  );
}
