// @ts-nocheck
// Argument parsing with node:util parseArgs (strict). No UI imports here.
import { parseArgs } from 'node:util';
import { UsageError } from './errors.js';
import { parseSshTarget } from '../host/sshTarget.js';

export const COMMANDS = ['install', 'records', 'checks', 'relay', 'handover'] as const;
export type Command = (typeof COMMANDS)[number] | 'menu';

const OPTIONS = {
  help: { type: 'boolean', short: 'h' },
  version: { type: 'boolean', short: 'V' },
  answers: { type: 'string' },
  'dry-run': { type: 'boolean' },
  yes: { type: 'boolean', short: 'y' },
  host: { type: 'string' },
  format: { type: 'string' },
  json: { type: 'boolean' },
  records: { type: 'boolean' },
  output: { type: 'string' },
  log: { type: 'string' },
  verbose: { type: 'boolean' },
} as const;

type OptionName = keyof typeof OPTIONS;

const ALLOWED: Record<Command, OptionName[]> = {
  menu: ['help', 'version', 'host', 'log', 'verbose'],
  install: ['help', 'answers', 'dry-run', 'yes', 'host', 'log', 'verbose'],
  records: ['help', 'answers', 'format', 'host'],
  checks: ['help', 'answers', 'json', 'records', 'host'],
  relay: ['help', 'answers', 'yes', 'host', 'log', 'verbose', 'dry-run'],
  handover: ['help', 'format', 'output', 'host'],
};

export interface ParsedArgs {
  command: Command;
  help: boolean;
  version: boolean;
  answers?: string;
  dryRun: boolean;
  yes: boolean;
  host?: string;
  format?: string;
  json: boolean;
  records: boolean;
  output?: string;
  log?: string;
  verbose: boolean;
}

export function parseCli(argv: string[]): ParsedArgs {
  let parsed;
  try {
    parsed = parseArgs({ args: argv, options: OPTIONS, allowPositionals: true, strict: true });
  } catch (e) {
    const msg = (e as Error).message.replace(/\. To specify a positional argument.*$/s, '');
    throw new UsageError(msg, 'netsetup-wizard --help');
  }
  const { values, positionals } = parsed;
  if (positionals.length > 1) throw new UsageError(`unexpected argument "${positionals[1]}"`, 'netsetup-wizard --help');
  const first = positionals[0];
  if (first !== undefined && !(COMMANDS as readonly string[]).includes(first)) {
    throw new UsageError(`unknown command "${first}"; expected one of ${COMMANDS.join(', ')}`, 'netsetup-wizard --help');
  }
  const command: Command = (first as Command | undefined) ?? 'menu';
  const allowed = new Set<string>(ALLOWED[command]);
  for (const key of Object.keys(values)) {
    if (key === 'version' && command === 'menu') continue;
    if (!allowed.has(key)) throw new UsageError(`option --${key} does not apply to ${command === 'menu' ? 'the menu' : command}`, `netsetup-wizard ${command === 'menu' ? '' : command + ' '}--help`);
  }
  if (values.format !== undefined) {
    const formats = command === 'records' ? ['table', 'zone', 'json'] : ['text', 'md', 'html', 'pdf'];
    if (!formats.includes(values.format)) throw new UsageError(`--format must be one of ${formats.join(', ')}, not "${values.format}"`);
  }
  if (values.host !== undefined) {
    if (values.host.startsWith('ssh://')) parseSshTarget(values.host); // names what is wrong, exit 2
    else if (!/^(local|sim:.+)$/.test(values.host)) throw new UsageError(`--host must be local, ssh://root@HOST[:PORT] or sim:DIR, not "${values.host}"`);
  }
  return {
    command,
    help: values.help ?? false,
    version: values.version ?? false,
    answers: values.answers,
    dryRun: values['dry-run'] ?? false,
    yes: values.yes ?? false,
    host: values.host,
    format: values.format,
    json: values.json ?? false,
    records: values.records ?? false,
    output: values.output,
    log: values.log,
    verbose: values.verbose ?? false,
  };
}
