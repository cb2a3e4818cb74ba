// @ts-nocheck
// The SSH key the DNS VM uses to push renewed certificates (lego) to the mail VM and the PMG
// container. Made once per site and kept root-only on the host, so re-runs reuse it.
import type { Host } from '../host/types.js';
import { SECRETS_DIR } from '../render/siteConfig.js';
import type { SiteFile } from '../tasks/context.js';

export const PUSH_KEY_FILE = '/etc/netsetup/secrets/push_ed25519';
/** Where the VMs find the key pair (the modules in nix/ read these paths). */
export const PUSH_KEY_ON_DNS = `${SECRETS_DIR}/push_ed25519`;
export const PUSH_PUB_ON_MAIL = '/etc/netsetup/push_ed25519.pub';
/** sshd reads it by default; ours alone, so keys the technician adds to authorized_keys stay. */
export const PUSH_AUTHORIZED_KEYS_ON_PMG = '/root/.ssh/authorized_keys2';

export interface PushKey {
  privateKey: string;
  publicKey: string;
}

export async function ensurePushKey(host: Host, dryRun: boolean): Promise<PushKey> {
  const privateKey = await host.readFile(PUSH_KEY_FILE);
  const publicKey = await host.readFile(`${PUSH_KEY_FILE}.pub`);
  if (privateKey?.includes('OPENSSH PRIVATE KEY') && publicKey?.startsWith('ssh-ed25519 ')) return { privateKey, publicKey };
  // A dry run shows where the key goes; making one (and loading the SSH library) waits for the install.
  const key = dryRun ? { privateKey: '(made at install time)\n', publicKey: 'ssh-ed25519 (made-at-install-time) netsetup-wizard cert push\n' } : await makeKey();
  await host.writeFile(PUSH_KEY_FILE, key.privateKey, { mode: 0o600, secret: true, label: 'certificate push key' });
  await host.writeFile(`${PUSH_KEY_FILE}.pub`, key.publicKey, { mode: 0o644, label: 'certificate push key (public)' });
  return key;
}

async function makeKey(): Promise<PushKey> {
  // ssh2 is CommonJS: in the bundle a dynamic import hands its exports over as `default`.
  const imported = (await import('ssh2')) as typeof import('ssh2') & { default?: typeof import('ssh2') };
  const { utils } = imported.default ?? imported;
  const pair = utils.generateKeyPairSync('ed25519', { comment: 'netsetup-wizard cert push' });
  return { privateKey: `${pair.private.trimEnd()}\n`, publicKey: `${pair.public.trimEnd()}\n` };
}

export function pushKeyFiles(key: PushKey): SiteFile[] {
  return [
    { guest: 'dns', path: PUSH_KEY_ON_DNS, content: key.privateKey, mode: 0o600, secret: true },
    { guest: 'mail', path: PUSH_PUB_ON_MAIL, content: key.publicKey, mode: 0o644, secret: false },
  ];
}

/** The public half, as the install uploads it (undefined when no key is planned). */
export function pushPublicKey(files: readonly SiteFile[]): string | undefined {
  return files.find((f) => f.path === PUSH_PUB_ON_MAIL)?.content;
}
