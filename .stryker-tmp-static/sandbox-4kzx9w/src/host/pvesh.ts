// @ts-nocheck
// Read-only Proxmox API queries through pvesh with JSON output (never parse tables).
import { WorkError } from '../cli/errors.js';
import type { Host } from './types.js';

export async function pveshGet<T>(host: Host, path: string, params: Record<string, string> = {}): Promise<T> {
  const argv = ['pvesh', 'get', path, ...Object.entries(params).flatMap(([k, v]) => [`--${k}`, v]), '--output-format', 'json'];
  const r = await host.run(argv, { readOnly: true, allowFailure: true });
  if (r.exit !== 0) throw new WorkError(`pvesh get ${path} failed: ${r.stderr.trim() || `exit ${r.exit}`}`, { stderrTail: r.stderr });
  try {
    return JSON.parse(r.stdout) as T;
  } catch {
    throw new WorkError(`pvesh get ${path} did not return JSON`, { stderrTail: r.stdout.slice(0, 500) });
  }
}
