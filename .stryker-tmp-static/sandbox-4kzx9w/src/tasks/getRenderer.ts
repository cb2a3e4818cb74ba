// @ts-nocheck
// Which listr2 renderer draws progress: one pure function, tested (lint-staged's getRenderer).
export type RendererName = 'default' | 'simple' | 'verbose' | 'silent' | 'test';

export interface RendererInput {
  isTTY: boolean;
  verbose: boolean;
  quiet?: boolean;
  env: NodeJS.ProcessEnv;
}

export function getRenderer({ isTTY, verbose, quiet, env }: RendererInput): RendererName {
  if (quiet) return 'silent';
  if (env.NETSETUP_RENDERER === 'test') return 'test';
  if (verbose || env.TERM === 'dumb') return 'verbose';
  if (!isTTY || env.CI) return 'simple';
  return 'default';
}
