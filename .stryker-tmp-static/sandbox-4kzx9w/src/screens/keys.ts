// @ts-nocheck
// Key helpers shared by the screens: Ctrl-C belongs to the lifecycle root only.
import type { Key } from 'ink';

export const isCtrlC = (input: string, key: Key): boolean => key.ctrl && input === 'c';
