// @ts-nocheck
import { describe, expect, it } from 'vitest';
import { missingTools, TOOL_CHECKS } from '../helpers/toolPreflight.js';

describe('test preflight', () => {
  it('names the need and the Debian package of a capability that is missing, one line each', () => {
    // Given two probes this test made up: one that fails, one whose output lacks the capability
    const lines = missingTools([
      { need: 'a sentinel tool', pkg: 'sentinel-pkg-7731', argv: ['sh', '-c', 'exit 3'] },
      { need: 'frobnication support', pkg: 'frob-perl', argv: ['sh', '-c', 'echo "*** Frob not available"'], ok: (r) => /^=== Frob supported/m.test(r.out) },
      { need: 'a present tool', pkg: 'coreutils', argv: ['true'] },
    ]);
    expect(lines).toEqual([
      expect.stringMatching(/^a sentinel tool: missing .*sentinel-pkg-7731/),
      expect.stringMatching(/^frobnication support: missing .*frob-perl/),
    ]);
  });

  it('a command that does not exist counts as missing, not as a crash', () => {
    expect(missingTools([{ need: 'ghost', pkg: 'ghost-pkg', argv: ['/nonexistent/ghost-tool-5521'] }])).toHaveLength(1);
  });

  it('every Debian package the preflight names is installed by .ci/run', async () => {
    const { readFileSync } = await import('node:fs');
    const ci = readFileSync(new URL('../../.ci/run', import.meta.url), 'utf8');
    for (const c of TOOL_CHECKS) for (const p of c.pkg.split(' ')) if (p !== 'util-linux') expect(ci, `${p} for ${c.need}`).toMatch(new RegExp(`(^|\\s)${p.replace(/[.+]/g, '\\$&')}(\\s|$)`, 'm'));
  });
});
