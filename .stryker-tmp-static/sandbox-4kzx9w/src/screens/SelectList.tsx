// @ts-nocheck
// A scrolling single-choice list: ↑/↓ move, Enter picks, Esc goes back. Long lists show a
// window of `visible` rows so the screen stays inside 24 lines.
import React, { useRef, useState } from 'react';
import { Box, Text, useInput } from 'ink';
import { isCtrlC } from './keys.js';

export interface SelectItem {
  key: string;
  label: string;
  /** Shown under the list while the item is highlighted. */
  hint?: string;
}

export interface SelectListProps {
  items: readonly SelectItem[];
  initialKey?: string;
  visible?: number;
  onSelect: (key: string) => void;
  onBack: () => void;
}

export function SelectList({ items, initialKey, visible = 8, onSelect, onBack }: SelectListProps): React.JSX.Element {
  const start = Math.max(0, items.findIndex((i) => i.key === initialKey));
  const [index, setIndex] = useState(start);
  const indexRef = useRef(start);
  const move = (to: number) => {
    indexRef.current = (to + items.length) % items.length;
    setIndex(indexRef.current);
  };
  useInput((input, key) => {
    if (isCtrlC(input, key)) return;
    if (key.escape) return onBack();
    if (key.upArrow) return move(indexRef.current - 1);
    if (key.downArrow) return move(indexRef.current + 1);
    if (key.return) {
      const item = items[indexRef.current];
      if (item) onSelect(item.key);
    }
  });
  const first = Math.min(Math.max(0, index - Math.floor(visible / 2)), Math.max(0, items.length - visible));
  const shown = items.slice(first, first + visible);
  const hint = items[index]?.hint;
  return (
    <Box flexDirection="column">
      {first > 0 ? <Text dimColor>{'  ↑ more'}</Text> : null}
      {shown.map((item, k) => {
        const selected = first + k === index;
        return (
          <Text key={item.key} color={selected ? 'cyan' : undefined}>
            {`${selected ? '›' : ' '} ${item.label}`}
          </Text>
        );
      })}
      {first + visible < items.length ? <Text dimColor>{'  ↓ more'}</Text> : null}
      {hint ? (
        <Box marginTop={1}>
          <Text dimColor>{hint}</Text>
        </Box>
      ) : null}
    </Box>
  );
}
