// @ts-nocheck
// What differs between Proxmox VE 9 (Debian 13 trixie) and 8 (Debian 12 bookworm) for the
// wizard: package repository files, suite, keyring and the Debian container template.
// Facts from Proxmox's sources: pve-manager configs/pve-sources.sources (master: deb822,
// Suites: trixie, Signed-By: /usr/share/keyrings/proxmox-archive-keyring.gpg) and
// configs/pve-sources.list (stable-8: one-line bookworm lists, key in
// /etc/apt/trusted.gpg.d/proxmox-release-bookworm.gpg); pmg-api src/pmg-sources.sources.

export interface Release {
  /** Proxmox VE major version. */
  major: 9 | 8;
  codename: 'trixie' | 'bookworm';
  /** Debian major version of the host, and of the container template the wizard picks. */
  debian: '13' | '12';
  deb822: boolean;
  /** The key file apt verifies Proxmox repositories with. */
  keyring: string;
}

export const RELEASE_9: Release = { major: 9, codename: 'trixie', debian: '13', deb822: true, keyring: '/usr/share/keyrings/proxmox-archive-keyring.gpg' };
export const RELEASE_8: Release = { major: 8, codename: 'bookworm', debian: '12', deb822: false, keyring: '/etc/apt/trusted.gpg.d/proxmox-release-bookworm.gpg' };

/**
 * The release from `pveversion` (pve-manager/X.Y) and /etc/os-release; they must agree. Returns
 * a problem text when the host is neither release.
 */
export function detectRelease(pveMajor: number, osRelease: string | undefined): Release | string {
  const codename = /^VERSION_CODENAME=["']?(\w+)/m.exec(osRelease ?? '')?.[1];
  const r = pveMajor === 9 ? RELEASE_9 : pveMajor === 8 ? RELEASE_8 : undefined;
  if (!r) return `Proxmox VE ${pveMajor} is not supported (supported: 9, the current release, and 8)`;
  if (codename && codename !== r.codename) return `Proxmox VE ${pveMajor} should run on Debian ${r.codename}, but /etc/os-release says ${codename}`;
  return r;
}

export interface RepoFile {
  path: string;
  content: string;
}

/** A Proxmox no-subscription repository in the release's format (deb822 .sources or .list). */
export function noSubscriptionRepo(r: Release, product: 'pbs' | 'pmg'): RepoFile {
  const url = `http://download.proxmox.com/debian/${product}`;
  const component = `${product}-no-subscription`;
  if (r.deb822) {
    return {
      path: `/etc/apt/sources.list.d/${component}.sources`,
      content: `# added by netsetup-wizard\nTypes: deb\nURIs: ${url}\nSuites: ${r.codename}\nComponents: ${component}\nSigned-By: ${r.keyring}\n`,
    };
  }
  return { path: `/etc/apt/sources.list.d/${component}.list`, content: `# added by netsetup-wizard\ndeb ${url} ${r.codename} ${component}\n` };
}

/** Whether a sources text (either format) already names a repository of `product` (pbs|pmg). */
export function namesRepo(text: string, product: string): boolean {
  const oneLine = new RegExp(`^\\s*deb\\s+(\\[[^\\]]*\\]\\s+)?\\S+/debian/${product}\\s`, 'm').test(text);
  const deb822 = text.split(/\n\s*\n/).some((st) => new RegExp(`^URIs:.*/debian/${product}\\b`, 'mi').test(st) && !/^Enabled:\s*no/mi.test(st));
  return oneLine || deb822;
}

/**
 * The enterprise repository a Proxmox package ships (pbs-enterprise, pmg-enterprise), turned off:
 * without a subscription it answers 401 and makes every later `apt-get update` fail.
 * Returns undefined when the text has nothing enabled to turn off.
 */
export function disableEnterprise(path: string, text: string): string | undefined {
  if (path.endsWith('.sources')) {
    const stanzas = text.split(/\n\s*\n/);
    let changed = false;
    const out = stanzas.map((st) => {
      if (!/^URIs:.*enterprise\.proxmox\.com/mi.test(st) || /^Enabled:\s*no/mi.test(st)) return st;
      changed = true;
      return `${st.trimEnd()}\nEnabled: no`;
    });
    return changed ? `# netsetup-wizard: turned off, no subscription (401 otherwise)\n${out.join('\n\n').trimEnd()}\n` : undefined;
  }
  const lines = text.split('\n');
  let changed = false;
  const out = lines.map((l) => {
    if (/^\s*deb\s.*enterprise\.proxmox\.com/.test(l)) {
      changed = true;
      return `# ${l}  # netsetup-wizard: no subscription (401 otherwise)`;
    }
    return l;
  });
  return changed ? out.join('\n') : undefined;
}

/** The newest Debian "standard" container template of the release in a list of names. */
export function newestDebianTemplate(names: string[], r: Release): string | undefined {
  const re = new RegExp(`^debian-${r.debian}-standard_[\\w.-]+_amd64\\.tar\\.(zst|xz|gz)$`);
  return names.filter((n) => re.test(n)).sort((a, b) => a.localeCompare(b, 'en', { numeric: true })).pop();
}
