// @ts-nocheck
// Checklist sections that are mostly prose: secrets (paths only), PTR request, backups, test
// steps, known limitations. Pure functions of the state, the plan and the verification.
import type { SiteState } from '../tasks/siteState.js';
import type { Plan } from '../plan/types.js';
import type { VerifyReport } from '../verify/types.js';
import type { HostFacts } from '../verify/site.js';
import { MAIL_TLS, SECRET_PATHS, SECRETS_DIR } from './siteConfig.js';
import { BACKUP_JOB_ID, PBS_PASSWORD_FILE, PBS_STORAGE_ID } from '../tasks/pbsTask.js';
import { PMG_ADMIN_PASSWORD_FILE } from '../tasks/pmgTask.js';
import { PUSH_KEY_ON_DNS } from '../plan/pushKey.js';
import { STATE_FILE } from '../tasks/context.js';
import type { Block } from './handoverModel.js';
import { certPlan } from './certificates.js';
import { mtaStsPolicy } from './wellKnown.js';

/** The schedule pbsTask gives the nightly job (shown when the host cannot be asked). */
export const DEFAULT_BACKUP_SCHEDULE = '02:30';

const guestLabel = (state: SiteState, role: string): string => {
  const g = state.guests.find((x) => x.role === role);
  return g ? `${g.name} (${g.kind === 'lxc' ? 'CT' : 'VM'} ${g.vmid})` : role;
};

export function secretLocations(state: SiteState, plan: Plan): Block[] {
  const mail = guestLabel(state, 'mail');
  const dns = guestLabel(state, 'dns');
  const rows: string[][] = [
    ['Mailbox passwords (hashed, SHA512-CRYPT)', mail, SECRET_PATHS.dovecotPasswd],
  ];
  if (plan.relay) rows.push([`Relay password (${plan.relay.label})`, mail, SECRET_PATHS.relaySasl]);
  if (state.mode === 'standalone') rows.push(['DKIM private key', mail, '/var/lib/opendkim/keys/default.private']);
  rows.push(['TLS private key (mail.' + state.domain + ')', mail, MAIL_TLS.key]);
  if (plan.answers.dnsProvider) rows.push([`DNS provider API credentials (${plan.answers.dnsProvider.provider})`, dns, SECRET_PATHS.legoEnv]);
  if (plan.ddnsManaged) rows.push(['ddns-updater credentials', dns, SECRET_PATHS.ddnsConfig]);
  rows.push(['Internal CA keys and password (step-ca)', dns, `/var/lib/step-ca, ${SECRETS_DIR}/step-ca-intermediate.pass`]);
  rows.push(['Certificate push key (DNS VM → mail VM, PMG)', dns, PUSH_KEY_ON_DNS]);
  rows.push(['PMG admin password (root@pam of the container)', 'Proxmox host', PMG_ADMIN_PASSWORD_FILE]);
  rows.push(['Backup Server API token for Proxmox VE', 'Proxmox host', PBS_PASSWORD_FILE]);
  rows.push(['Site state (no secrets; read by later runs)', 'Proxmox host', STATE_FILE]);
  return [
    { kind: 'para', text: 'Paths only: this document holds no password, key or token. Every file below is readable by root only (mode 0600).' },
    { kind: 'table', head: ['Secret', 'On', 'Path'], rows, mono: [2] },
    { kind: 'para', tone: 'note', text: 'The plain mailbox passwords are stored nowhere by the wizard: whoever chose them hands them to the users. Change one on the mail VM, or with a new answers file and netsetup-wizard install.' },
  ];
}

export function ptrLetter(plan: Plan, verify: VerifyReport | undefined): Block[] {
  if (plan.relay) {
    return [{ kind: 'para', text: `Not needed: outbound mail leaves through ${plan.relay.label} (${plan.relay.host}), which sends from its own addresses with their own reverse DNS.` }];
  }
  const mail = plan.fqdn.mail;
  if (!plan.publicIp) {
    return [{ kind: 'para', tone: 'warn', text: `The public IPv4 is not known (dynamic). A dynamic address rarely gets a custom PTR: ask the ISP for a static IPv4 with reverse DNS ${mail}, or switch to a smarthost (netsetup-wizard relay).` }];
  }
  const c = verify?.checks.find((x) => x.record.type === 'PTR');
  const status = !c ? 'Status: not verified.' : c.verdict === 'ok' ? `Status: already set and forward-confirmed (${verify!.at.slice(0, 10)}). Keep this text for a line change.` : `Status: ${c.verdict}${c.detail ? `: ${c.detail}` : ''}. Send the request below.`;
  const letter = [
    `Subject: Reverse DNS (PTR) for ${plan.publicIp}`,
    '',
    'Hello,',
    '',
    `please set the reverse DNS (PTR) record of our static IPv4 address ${plan.publicIp} to:`,
    '',
    `    ${mail}`,
    '',
    `${mail} already resolves to ${plan.publicIp}. We run the mail server of ${plan.domain} on this address, and receiving mail servers check that its reverse name matches.`,
    '',
    'Customer / contract number: ______________________',
    '',
    'Thank you.',
  ].join('\n');
  return [{ kind: 'para', text: status }, { kind: 'letter', text: letter }];
}

export function backupBlocks(state: SiteState, plan: Plan, facts: HostFacts): Block[] {
  const job = facts.backup;
  const ids = state.guests.map((g) => `${g.vmid} ${g.name}`).join(', ');
  const { datastore, path } = plan.answers.pbs;
  return [
    {
      kind: 'facts',
      rows: [
        ['Job', `${job?.id ?? BACKUP_JOB_ID} (Datacenter → Backup)${job && !job.enabled ? ' — DISABLED' : ''}`],
        ['Schedule', `every day at ${job?.schedule || DEFAULT_BACKUP_SCHEDULE}${job ? '' : ' (as provisioned; the host was not asked)'}`],
        ['Guests', ids],
        ['Target', `storage ${job?.storage || PBS_STORAGE_ID} = Proxmox Backup Server datastore "${datastore}" at ${path}, on this same host`],
        ['Mode', 'snapshot (guests keep running)'],
      ],
    },
    { kind: 'checklist', items: ['The first backup ran and shows in the Backup Server (Datastore → Content): date ________', 'A restore of one guest was tried (to a new ID), or agreed for a later visit', 'Retention (prune) and an off-site copy agreed with the customer: ________________'] },
  ];
}

export function testSteps(state: SiteState, plan: Plan): Block[] {
  const first = `${plan.answers.mailboxes[0]?.user ?? 'info'}@${state.domain}`;
  const items = [
    `From outside (a phone on mobile data, or a freemail account) send a mail to ${first}.`,
    `Log in to https://mail.${state.domain} as ${first}: the browser shows a valid certificate, the mail from the previous step is in the inbox.`,
    'Reply from webmail to the external address; it arrives (not in spam).',
    `In the received reply, the headers show SPF pass${state.mode === 'standalone' ? ', DKIM pass (d=' + state.domain + ')' : ` (via ${plan.relay?.host ?? 'the relay'})`} and DMARC pass.`,
    `In the PMG admin (Tracking Center) both mails appear: inbound delivered to the mail VM.`,
    'Optional, when 587/993 are forwarded: set up a mail client from outside with the mailbox address.',
    'netsetup-wizard checks --records exits 0.',
  ];
  return [{ kind: 'checklist', items }, { kind: 'para', text: 'Write the time and the result next to each step; a failed step goes into "Known limitations" with what was agreed.' }];
}

export function knownLimitations(state: SiteState, plan: Plan, verify: VerifyReport | undefined): string[] {
  const out: string[] = [];
  const check = (pred: (c: VerifyReport['checks'][number]) => boolean) => verify?.checks.find(pred);
  const d = state.decision;
  if (d && d.chosen !== d.recommended.mode) out.push(`The mode (${d.chosen}) differs from the recommendation (${d.recommended.mode}); reason given: ${d.overrideReason ?? 'none recorded'}.`);
  if (state.mode === 'standalone') {
    const dkim = check((c) => c.record.name.includes('._domainkey.'));
    if (!plan.dkimRecord) out.push('Outbound mail is unsigned (no DKIM) until the key is read from the mail VM and published: expect more spam-foldering until then.');
    else if (!dkim) out.push('Mail is DKIM-signed; receivers can check the signature only once default._domainkey is published (not verified when this was made).');
    else if (dkim.verdict !== 'ok') out.push('Mail is DKIM-signed, but receivers cannot check the signature until default._domainkey is published correctly: DMARC then relies on SPF alone.');
    const ptr = check((c) => c.record.type === 'PTR');
    if (!ptr || ptr.verdict !== 'ok') out.push('Until the ISP sets the PTR to mail.' + state.domain + ', large providers (Gmail, Microsoft) may reject or spam-folder mail from this site.');
  } else if (plan.relay) {
    out.push(`Outbound mail depends on ${plan.relay.label}: its account, sending quota and password. After a password change run netsetup-wizard relay.`);
    out.push(`DKIM is signed by ${plan.relay.label}: ${plan.relay.dkimAdvice}`);
  }
  if (!plan.answers.publicIp) out.push(plan.ddnsManaged ? 'Dynamic public IP: after a WAN address change, mail and webmail are unreachable until ddns-updater has updated the A records (about a minute).' : 'Dynamic public IP without ddns-updater: the A records must be updated by hand after every WAN address change.');
  if (certPlan(plan).challenge === 'http-01') out.push('No DNS provider API for lego: certificates renew through HTTP-01, so TCP 80 must stay forwarded to the DNS VM (http:// from outside then reaches no web server; webmail is https:// only).');
  if (mtaStsPolicy(plan) && (plan.answers.mtaSts?.mode ?? 'testing') === 'testing') out.push('MTA-STS runs in testing mode: senders report (TLS-RPT) but still deliver without valid TLS. After 2-4 weeks of clean reports set mtaSts.mode: enforce in the answers file, run netsetup-wizard install again and publish the new _mta-sts id.');
  out.push('DMARC starts at p=none (monitoring only): raise it to quarantine after 2-4 weeks of clean aggregate reports.');
  out.push('Backups are stored on the same machine as the guests: a disk or host failure loses both. Agree on an off-site copy (PBS sync job or removable datastore).');
  out.push('Proxmox VE, Backup Server and Mail Gateway use the no-subscription repositories; updates are the customer\'s or the technician\'s to schedule.');
  if (verify && !verify.ok) out.push(`${verify.problems} required DNS record${verify.problems === 1 ? '' : 's'} not yet right at ${verify.at.slice(0, 10)} (see DNS records): mail may not arrive or may be rejected until fixed.`);
  return out;
}
