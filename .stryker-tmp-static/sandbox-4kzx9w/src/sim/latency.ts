// @ts-nocheck
// How long each mutating command takes on a real site host (milliseconds at speed 1).
// The simulator sleeps value / NETSETUP_SIM_SPEED; a benchmark sums them along the plan's
// critical path. Read-only commands are instant.
//
// Steps that are mostly a download are modelled as local work plus the download at a 100 Mbit/s
// line (LINE_MBIT); the image builds are estimates, not measurements: closure sizes of a NixOS
// 25.11 system with postfix/dovecot/nginx/php/postgresql (mail) and coredns/step-ca (dns) plus
// the image tools (qemu for the build VM, the vma tool), compressed as cache.nixos.org serves them.
export const LINE_MBIT = 100;
/** Milliseconds to download `mib` MiB at the modelled line speed. */
export function mibAtLine(mib: number, mbit = LINE_MBIT): number {
  return Math.round((mib * 8 * 1.048576 * 1000) / mbit);
}
export const SIM_LATENCY_MS = {
  'apt-get update': 8_000,
  'apt-get install': 40_000,
  'pveam update': 4_000,
  'pveam download': 15_000,
  'pct create': 20_000,
  'pct start': 5_000,
  'pct set': 500,
  'pct push': 300,
  qmrestore: 45_000,
  'qm set': 1_000,
  'qm start': 2_000,
  /** From `qm start` until the guest agent answers `ping`. */
  'vm boot': 30_000,
  'nixos-rebuild switch': 90_000,
  'pmgsh write': 2_000,
  'pmgconfig sync': 6_000,
  'datastore create': 3_000,
  'user generate-token': 500,
  'pvesm add': 1_000,
  'pvesh create': 500,
  'guest file write': 200,
  'host file write': 50,
  rm: 50,
  /** Image builder: 702 MiB of store paths + ~4 min building the disk image (KVM) and the VMA. */
  'nix build mail image': 240_000 + mibAtLine(702),
  /** The DNS image alone (on a builder that has not built the mail image: 560 MiB). */
  'nix build dns image': 150_000 + mibAtLine(560),
  /** ~1.1 GB image from the container's disk to /var/lib/vz/dump. */
  'pct pull': 8_000,
  'pct stop': 3_000,
  'pct destroy': 2_000,
  'qm resize': 1_000,
  mv: 50,
} as const;

export type LatencyKey = keyof typeof SIM_LATENCY_MS;

export const DEFAULT_SIM_SPEED = 1000;

export function simSpeed(env: Record<string, string | undefined>): number {
  const raw = env.NETSETUP_SIM_SPEED;
  const n = raw === undefined || raw === '' ? DEFAULT_SIM_SPEED : Number(raw);
  return Number.isFinite(n) && n > 0 ? n : DEFAULT_SIM_SPEED;
}

export function scaled(key: LatencyKey, env: Record<string, string | undefined>): number {
  return SIM_LATENCY_MS[key] / simSpeed(env);
}

/** Sleep that ends early (rejecting) when the signal aborts. */
export function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  if (ms <= 0) return Promise.resolve();
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(signal.reason ?? new Error('aborted'));
    const t = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    const onAbort = () => {
      clearTimeout(t);
      reject(signal?.reason ?? new Error('aborted'));
    };
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}
