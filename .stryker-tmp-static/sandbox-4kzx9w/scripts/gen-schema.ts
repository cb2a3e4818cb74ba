// @ts-nocheck
// Generate schema/answers.schema.json from the zod answers schema (the source of truth), so
// editors complete and check answers files. zod refinements (subnet math, public-suffix
// checks, "relay required for smarthost") cannot all be JSON Schema; the few that can are
// added below as if/then rules. Run: npm run schema   (test/unit/answers-schema.test.ts
// fails when the committed file is stale).
import { writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { zodToJsonSchema } from 'zod-to-json-schema';
import { answersSchema } from '../src/schema/answers.js';
import { DNS_PROVIDERS, allCredentialKeys, requiredCredentialKeys } from '../src/catalog/dnsProviders.js';

// Resolvable once published: the package ships schema/ (package.json "files").
export const SCHEMA_ID = 'https://unpkg.com/netsetup-wizard/schema/answers.schema.json';
export const SCHEMA_FILE = fileURLToPath(new URL('../schema/answers.schema.json', import.meta.url));

type Json = Record<string, unknown>;

const DESCRIPTIONS: Record<string, string> = {
  domain: 'Customer mail domain, e.g. example.com (a registrable name, not a public suffix).',
  hostSerial: 'Short serial of the site host; guests become pmg-<serial>, mail-<serial>, dns-<serial>.',
  mode: 'standalone: direct MX delivery; smarthost: outbound mail through a relay provider.',
  relay: 'Outbound relay (smarthost). Required for mode smarthost, forbidden for standalone.',
  publicIp: 'Static public IPv4 of the site; omit when the IP is dynamic.',
  dnsProvider: 'DNS provider for Let\'s Encrypt DNS-01 (lego) and ddns-updater; credentials keyed by lego variable name.',
  dyndns: 'Dyndns target zone: the WAN IP is kept on <host>.<domain> and customer names are CNAMEs to it.',
  network: 'LAN addresses of the three guests; all in the gateway\'s subnet.',
  mailboxes: 'Mailboxes to create on the mail VM (local parts of <domain>).',
  pbs: 'Proxmox Backup Server datastore.',
  decision: 'Inputs to the standalone/smarthost recommendation and the technician\'s override reason.',
  contact: 'Optional: who the customer calls first (name and phone and/or e-mail); printed on the first page of the handover.',
  escalation: 'Optional: who to call when the first contact cannot help; printed on the first page of the handover.',
};

function providerRules(): Json[] {
  return DNS_PROVIDERS.map((p) => ({
    if: { properties: { provider: { const: p.key } }, required: ['provider'] },
    then: {
      properties: {
        credentials: {
          description: `${p.label}: ${p.credentials.map((c) => `${c.key} (${c.label})`).join('; ')}`,
          propertyNames: { enum: allCredentialKeys(p) },
          required: requiredCredentialKeys(p, { ddns: false }),
        },
      },
    },
  }));
}

export function buildAnswersJsonSchema(): Json {
  const generated = zodToJsonSchema(answersSchema, { target: 'jsonSchema7', pipeStrategy: 'input', effectStrategy: 'input', $refStrategy: 'none' }) as Json;
  const properties = generated.properties as Record<string, Json>;
  for (const [key, description] of Object.entries(DESCRIPTIONS)) {
    if (properties[key]) properties[key] = { description, ...properties[key] };
  }
  const dnsProvider = properties.dnsProvider;
  if (dnsProvider) dnsProvider.allOf = providerRules();
  const { $schema, ...rest } = generated;
  return {
    $schema,
    $id: SCHEMA_ID,
    title: 'netsetup-wizard answers file',
    description: 'Answers for `netsetup-wizard install --answers FILE` (YAML or JSON). Generated from the zod schema in src/schema/answers.ts; the wizard checks more than this schema can say (subnets, public suffixes, per-relay rules).',
    ...rest,
    allOf: [
      {
        if: { properties: { mode: { const: 'smarthost' } }, required: ['mode'] },
        then: { required: ['relay'] },
        else: { not: { required: ['relay'] } },
      },
    ],
  };
}

export function answersJsonSchemaText(): string {
  return `${JSON.stringify(buildAnswersJsonSchema(), null, 2)}\n`;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  writeFileSync(SCHEMA_FILE, answersJsonSchemaText());
  process.stdout.write(`wrote ${SCHEMA_FILE}\n`);
}
