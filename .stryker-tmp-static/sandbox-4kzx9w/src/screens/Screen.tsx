// @ts-nocheck
// Frame shared by every interview screen: title line, body, key hints. At most 80 columns wide
// so every screen reads on an 80x24 console.
import React from 'react';
import { Box, Text, useStdout } from 'ink';

export const MAX_WIDTH = 80;

export interface ScreenProps {
  title: string;
  /** Key hints shown at the bottom, e.g. "Enter next · Esc back". */
  keys?: string;
  children?: React.ReactNode;
}

export function Screen({ title, keys = 'Enter next · Esc back · Ctrl-C abort', children }: ScreenProps): React.JSX.Element {
  const { stdout } = useStdout();
  // One column spare: a line that fills the last column makes some terminals wrap early.
  const width = Math.min(stdout.columns || MAX_WIDTH, MAX_WIDTH) - 1;
  return (
    <Box flexDirection="column" width={width}>
      <Text bold color="cyan">
        {`netsetup-wizard · ${title}`}
      </Text>
      <Box flexDirection="column" marginTop={1}>
        {children}
      </Box>
      <Box marginTop={1}>
        <Text dimColor>{keys}</Text>
      </Box>
    </Box>
  );
}

/** An inline validation message under a field. */
export function FieldError({ message }: { message?: string | undefined }): React.JSX.Element | null {
  if (!message) return null;
  return <Text color="red">{`  ✘ ${message}`}</Text>;
}
