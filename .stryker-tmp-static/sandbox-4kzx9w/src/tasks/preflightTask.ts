// @ts-nocheck
// Preflight: learn the host's facts (version, node, storage, bridge, images, free IDs, guests a
// previous run created) and refuse early, with words, when the host cannot carry the site.
import type { ListrTask } from 'listr2';
import { WorkError } from '../cli/errors.js';
import { pveshGet } from '../host/pvesh.js';
import { ROLES } from '../plan/derive.js';
import type { Role } from '../plan/types.js';
import { claimSite, safeJson, VMID_FILE } from '../site/siteClaim.js';
import { imageFile, type GuestInfo, type HostFacts, type InstallCtx } from './context.js';
import { detectRelease } from './release.js';

export { VMID_FILE };

interface StorageEntry { storage: string; content?: string; type?: string; active?: number; avail?: number }
interface NetEntry { iface: string; type?: string; cidr?: string; address?: string; gateway?: string }
interface ResourceEntry { vmid: number; name?: string; type: string; status?: string; tags?: string }
interface ContentEntry { volid: string }

/** The builder ID an earlier run handed out (before its container existed). */
export function allocatedBuilder(text: string | undefined): number | undefined {
  const v = (safeJson(text) as Record<string, unknown> | undefined)?.builder;
  return Number.isInteger(v) ? (v as number) : undefined;
}

export function parseTags(tags: string | undefined): string[] {
  return (tags ?? '').split(/[;, ]+/).filter(Boolean);
}

/** Allocate one VMID per role: keep the IDs of guests we created before, give the rest free IDs. */
export function allocateVmids(first: number, used: Set<number>, existing: Partial<Record<Role, GuestInfo>>): Record<Role, number> {
  const out = {} as Record<Role, number>;
  const taken = new Set(used);
  let next = first;
  for (const role of ROLES) {
    const e = existing[role];
    if (e) {
      out[role] = e.vmid;
      continue;
    }
    while (taken.has(next)) next++;
    out[role] = next;
    taken.add(next);
  }
  return out;
}

export function preflightTask(): ListrTask<InstallCtx> {
  return {
    title: 'Preflight: check the Proxmox VE host',
    task: async (ctx, task) => {
      const { host, plan } = ctx;
      const ver = await host.run(['pveversion'], { readOnly: true, allowFailure: true });
      const m = /pve-manager\/(\d+)\.(\d+)/.exec(ver.stdout);
      if (ver.exit !== 0 || !m) {
        throw new WorkError(`${host.name} is not a Proxmox VE host (pveversion ${ver.exit === 0 ? 'printed no version' : 'failed'})`, {
          step: 'Preflight',
          advice: 'Run the wizard on the Proxmox VE host itself, use --host ssh://root@HOST, or try --host sim:DIR / --dry-run.',
        });
      }
      if (Number(m[1]) < 8) throw new WorkError(`Proxmox VE ${m[1]}.${m[2]} is too old; version 8 or newer is needed`, { step: 'Preflight' });
      const release = detectRelease(Number(m[1]), await host.readFile('/etc/os-release'));
      if (typeof release === 'string') throw new WorkError(release, { step: 'Preflight' });
      task.output = `Proxmox VE ${m[1]}.${m[2]} (Debian ${release.debian} ${release.codename})`;

      const nodes = await pveshGet<Array<{ node: string }>>(host, '/nodes');
      const node = nodes[0]?.node;
      if (!node) throw new WorkError('pvesh lists no node', { step: 'Preflight' });

      const storages = await pveshGet<StorageEntry[]>(host, `/nodes/${node}/storage`);
      const has = (s: StorageEntry, c: string) => (s.content ?? '').split(',').includes(c);
      const guestStorage = storages.find((s) => has(s, 'images') && has(s, 'rootdir'))?.storage;
      const templateStorage = storages.find((s) => has(s, 'vztmpl'))?.storage;
      if (!guestStorage) throw new WorkError(`node ${node} has no storage for VM and container disks (content images,rootdir)`, { step: 'Preflight' });
      if (!templateStorage) throw new WorkError(`node ${node} has no storage for container templates (content vztmpl)`, { step: 'Preflight' });

      const net = await pveshGet<NetEntry[]>(host, `/nodes/${node}/network`);
      if (!net.some((n) => n.iface === plan.answers.network.bridge && n.type === 'bridge')) {
        const bridges = net.filter((n) => n.type === 'bridge').map((n) => n.iface);
        throw new WorkError(`bridge ${plan.answers.network.bridge} does not exist on ${node} (bridges: ${bridges.join(', ') || 'none'})`, {
          step: 'Preflight',
          advice: 'Set network.bridge in the answers to one of the bridges listed, then run again.',
        });
      }

      // The images may sit on any storage that holds backups; qmrestore gets the file behind the volume.
      const backupStores = storages.filter((s) => has(s, 'backup')).map((s) => s.storage);
      const volids: string[] = [];
      for (const store of backupStores) {
        const list = await pveshGet<ContentEntry[]>(host, `/nodes/${node}/storage/${store}/content`, { content: 'backup' }).catch(() => []);
        volids.push(...list.map((b) => b.volid));
      }
      // An image no backup storage holds is built on this host later (imageTask.ts).
      const images: HostFacts['images'] = {};
      for (const role of ['mail', 'dns'] as const) {
        const file = imageFile(role);
        const volid = volids.find((v) => v.endsWith(`/${file}`));
        const path = volid ? (await host.run(['pvesm', 'path', volid], { readOnly: true, allowFailure: true })).stdout.trim() : '';
        if (path.startsWith('/')) images[role] = path;
      }

      const resources = await pveshGet<ResourceEntry[]>(host, '/cluster/resources', { type: 'vm' });
      const remembered = await host.readFile(VMID_FILE);
      const existing = await claimSite(host, plan, resources, remembered);
      const nextRaw = await pveshGet<string | number>(host, '/cluster/nextid');
      const vmids = allocateVmids(Number(nextRaw), new Set(resources.map((r) => r.vmid)), existing);
      for (const g of plan.guests) g.vmid = vmids[g.role];
      // The image builder: one left by an earlier run, or a free ID when an image is missing.
      const prevBuilder = allocatedBuilder(remembered);
      const leftBuilder = resources.find((r) => r.type === 'lxc' && r.name === `nixbuild-${plan.serial}` && parseTags(r.tags).includes('netsetup-builder'));
      const missing = (['mail', 'dns'] as const).some((r) => !images[r] && !existing[r]);
      let builder: HostFacts['builder'];
      if (leftBuilder) builder = { vmid: leftBuilder.vmid, exists: true };
      else if (missing) {
        const taken = new Set([...resources.map((r) => r.vmid), ...Object.values(vmids)]);
        let id = prevBuilder !== undefined && !taken.has(prevBuilder) ? prevBuilder : Number(nextRaw);
        while (taken.has(id)) id++;
        builder = { vmid: id, exists: false };
      }
      // (an ID handed out once stays in the record: a later run then rewrites nothing)
      const keepBuilder = builder && !builder.exists ? builder.vmid : prevBuilder;
      const record = { site: { serial: plan.serial, domain: plan.domain }, ...vmids, ...(keepBuilder !== undefined ? { builder: keepBuilder } : {}) };
      if (remembered === undefined || JSON.stringify(record) !== JSON.stringify(safeJson(remembered))) {
        await host.writeFile(VMID_FILE, `${JSON.stringify(record)}\n`, { label: 'site and guest IDs of this site' });
      }
      ctx.facts = { node, pveVersion: `${m[1]}.${m[2]}`, release, guestStorage, templateStorage, images, vmids, existing, builder };
      task.output = `node ${node}, storage ${guestStorage}, IDs ${ROLES.map((r) => `${r} ${vmids[r]}`).join(', ')}`;
    },
  };
}
