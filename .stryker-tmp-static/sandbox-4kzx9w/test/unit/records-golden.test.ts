// @ts-nocheck
// Golden files for the three record formats. A change in output shows up as a diff here;
// regenerate on purpose with UPDATE_GOLDEN=1 and review the diff in git.
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { buildRecords, recordAdvice } from '../../src/render/records.js';
import { formatRecords, type RecordsFormat } from '../../src/render/recordsFormat.js';
import { RELAY_PRESETS } from '../../src/catalog/relayPresets.js';
import type { Plan } from '../../src/plan/types.js';
import { ROOT } from '../helpers/cli.js';
import { fakeDkim2048, planFromFile, smarthostPlan } from '../helpers/recordsPlans.js';

const EXT: Record<RecordsFormat, string> = { table: 'table.txt', zone: 'zone.txt', json: 'json' };

function render(plan: Plan, format: RecordsFormat): string {
  return formatRecords(buildRecords(plan), format, { domain: plan.domain, advice: recordAdvice(plan) });
}

function expectGolden(name: string, actual: string): void {
  const file = `${ROOT}test/golden/${name}`;
  if (process.env.UPDATE_GOLDEN === '1' || !existsSync(file)) {
    if (process.env.UPDATE_GOLDEN !== '1') throw new Error(`golden file ${name} is missing; run with UPDATE_GOLDEN=1 and review it`);
    writeFileSync(file, actual);
  }
  expect(actual).toBe(readFileSync(file, 'utf8'));
}

const SITES: [string, () => Plan][] = [
  ['standalone', () => planFromFile('examples/standalone.yaml')],
  ['standalone-dkim', () => planFromFile('examples/standalone.yaml', { dkimRecord: fakeDkim2048() })],
  ['smarthost-ddns', () => planFromFile('examples/smarthost.yaml')],
  ['dyndns', () => planFromFile('test/fixtures/answers/dyndns.yaml')],
];

describe('records golden files', () => {
  describe.each(SITES)('%s', (site, plan) => {
    it.each(['table', 'zone', 'json'] as const)('%s', (format) => {
      // Given the site's plan / When rendered / Then it equals the reviewed golden file
      expectGolden(`records-${site}.${EXT[format]}`, render(plan(), format));
    });
  });

  it.each(RELAY_PRESETS.map((p) => [p.key] as const))('smarthost via %s (zone)', (key) => {
    expectGolden(`records-smarthost-${key}.zone.txt`, render(smarthostPlan(key), 'zone'));
  });
});
