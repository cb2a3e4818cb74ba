// @ts-nocheck
// One bullet line with a hanging indent: wrapped text stays aligned under the first line.
import React from 'react';
import { Box, Text } from 'ink';

export function Bullet({ mark, children, color, indent = 2 }: { mark: string; children: string; color?: string; indent?: number }): React.JSX.Element {
  return (
    <Box marginLeft={indent}>
      <Text color={color}>{`${mark} `}</Text>
      <Box flexGrow={1} flexShrink={1}>
        <Text color={color} wrap="wrap">
          {children}
        </Text>
      </Box>
    </Box>
  );
}
