// @ts-nocheck
// Plan → the files the wizard uploads to the NixOS guests before `nixos-rebuild switch`.
// /etc/netsetup/site.json per guest is the non-secret per-site DATA the modules in nix/ read
// at evaluation; everything holding a credential goes to /var/lib/netsetup/secrets (0600) and
// is read by the services at runtime, never by Nix. Pure except for the random salt.
import type { Plan } from '../plan/types.js';
import { guest } from '../plan/derive.js';
import { dnsProvider } from '../catalog/dnsProviders.js';
import { passwdFileLine } from './mailPolicyPasswd.js';
import { ddnsEntries, renderDdnsConfig } from './ddnsConfig.js';
import { renderLegoEnv } from './legoEnv.js';
import { wellKnownSite } from './wellKnown.js';
import { ACME_DNS_RESOLVER, ACME_HTTP_PORT, certPlan, LE_PRODUCTION, LE_STAGING, MAIL_TLS_DIR, MAIL_TLS_GROUP, MAIL_TLS_SERVICES } from './certificates.js';

export type GuestRole = 'mail' | 'dns';

export interface SiteFile {
  path: string;
  content: string;
  mode: number;
  secret: boolean;
  guest: GuestRole;
  /** Shown as a one-line summary in the dry run (shipped sources, not site data). */
  quiet?: boolean;
}

export const SITE_JSON = '/etc/netsetup/site.json';
export const MAILBOX_MAP = '/etc/netsetup/mailboxes.map';
export const SECRETS_DIR = '/var/lib/netsetup/secrets';
export const SECRET_PATHS = {
  dovecotPasswd: `${SECRETS_DIR}/dovecot-passwd`,
  relaySasl: `${SECRETS_DIR}/relay-sasl`,
  legoEnv: `${SECRETS_DIR}/lego.env`,
  ddnsConfig: `${SECRETS_DIR}/ddns-updater.json`,
} as const;
/** Where the mail VM keeps the cert lego pushes (a self-signed one until the first push). */
export const MAIL_TLS = { cert: `${MAIL_TLS_DIR}/fullchain.pem`, key: `${MAIL_TLS_DIR}/key.pem` } as const;

export interface SiteConfigOptions {
  /** Reads a `passwordFile` named in the answers (on the machine running the wizard). */
  readSecretFile?: (path: string) => string;
  /** Let's Encrypt staging endpoint (test builds). */
  acmeStaging?: boolean;
  /** Any other ACME directory URL (overrides acmeStaging). */
  acmeServer?: string;
  acmeEmail?: string;
  /** Fixed salt for reproducible tests; random otherwise. */
  salt?: string;
  /** Per-mailbox salt (stable across runs, so unchanged passwords render identical files). */
  saltFor?: (address: string) => string;
}

function secretValue(value: string | undefined, file: string | undefined, what: string, opts: SiteConfigOptions): string {
  if (value !== undefined) return value;
  if (file !== undefined) {
    if (!opts.readSecretFile) throw new Error(`${what}: passwordFile ${file} given but no reader`);
    return opts.readSecretFile(file).replace(/\r?\n$/, '');
  }
  throw new Error(`${what}: no password`);
}

export function mailboxAddresses(plan: Plan): string[] {
  return plan.answers.mailboxes.map((m) => `${m.user}@${plan.domain}`);
}

/** postfix texthash: address → login; used as virtual_mailbox_maps and smtpd_sender_login_maps. */
export function renderMailboxMap(plan: Plan): string {
  return mailboxAddresses(plan).map((a) => `${a} ${a}`).join('\n') + '\n';
}

/** postfix texthash for smtp_sasl_password_maps: `[host]:port user:password`. */
export function renderRelaySasl(host: string, port: number, user: string | undefined, password: string | undefined): string {
  if (user === undefined || password === undefined) return '# relay without authentication\n';
  if (/[\s:]/.test(user) || /[\r\n]/.test(password)) throw new Error('relay.user must not contain spaces or ":"; relay.password no line breaks');
  return `[${host}]:${port} ${user}:${password}\n`;
}

export function mailSiteJson(plan: Plan): Record<string, unknown> {
  const mail = guest(plan, 'mail');
  return {
    role: 'mail',
    domain: plan.domain,
    serial: plan.serial,
    hostname: mail.name,
    fqdn: plan.fqdn.mail,
    network: { ip: mail.ip, prefixLength: mail.prefixLength, gateway: mail.gateway, nameserver: guest(plan, 'dns').ip },
    pmgIp: guest(plan, 'pmg').ip,
    mailIp: mail.ip,
    dnsIp: guest(plan, 'dns').ip,
    relay: plan.relay ? { host: plan.relay.host, port: plan.relay.port, user: plan.relay.user ?? null } : null,
    mailboxes: mailboxAddresses(plan),
    dkim: { selector: 'default' },
    // MTA-STS policy and mail client autoconfig, served by nginx with the site certificate.
    web: wellKnownSite(plan),
    paths: {
      mailboxMap: MAILBOX_MAP,
      passwdFile: SECRET_PATHS.dovecotPasswd,
      relaySaslMap: SECRET_PATHS.relaySasl,
      tlsCert: MAIL_TLS.cert,
      tlsKey: MAIL_TLS.key,
    },
  };
}

export function dnsSiteJson(plan: Plan, opts: SiteConfigOptions = {}): Record<string, unknown> {
  const dns = guest(plan, 'dns');
  const a = plan.answers;
  const cert = certPlan(plan);
  const ddns = ddnsEntries(a);
  return {
    role: 'dns',
    domain: plan.domain,
    serial: plan.serial,
    hostname: dns.name,
    network: { ip: dns.ip, prefixLength: dns.prefixLength, gateway: dns.gateway },
    zone: {
      name: plan.domain,
      ttl: 60,
      // Split horizon: LAN clients reach the guests directly.
      lan: { [plan.fqdn.mail]: guest(plan, 'mail').ip, [plan.fqdn.pmg]: guest(plan, 'pmg').ip, [plan.fqdn.mx]: guest(plan, 'pmg').ip, [`${dns.name}.${plan.domain}`]: dns.ip },
      mx: plan.fqdn.mx,
    },
    forwarders: [dns.gateway],
    acme: {
      email: opts.acmeEmail ?? `postmaster@${plan.domain}`,
      server: opts.acmeServer ?? (opts.acmeStaging ? LE_STAGING : LE_PRODUCTION),
      // DNS-01 with a lego-capable provider, else HTTP-01 answered by lego on this VM's port 80.
      dnsProvider: cert.dnsProvider ?? null,
      envFile: cert.dnsProvider ? SECRET_PATHS.legoEnv : null,
      dnsResolver: ACME_DNS_RESOLVER,
      httpPort: ACME_HTTP_PORT,
      domains: cert.names,
      push: { mail: guest(plan, 'mail').ip, pmg: guest(plan, 'pmg').ip, mailTlsDir: MAIL_TLS_DIR, mailTlsGroup: MAIL_TLS_GROUP, mailServices: [...MAIL_TLS_SERVICES] },
    },
    stepCa: { name: `netsetup ${plan.serial} internal CA`, dnsNames: [`${dns.name}.${plan.domain}`, dns.ip] },
    ddns: { enabled: ddns.length > 0, configFile: ddns.length > 0 ? SECRET_PATHS.ddnsConfig : null },
  };
}

export function renderSiteConfig(plan: Plan, opts: SiteConfigOptions = {}): { files: SiteFile[] } {
  const a = plan.answers;
  const json = (o: unknown) => JSON.stringify(o, null, 2) + '\n';
  const files: SiteFile[] = [
    { path: SITE_JSON, content: json(mailSiteJson(plan)), mode: 0o644, secret: false, guest: 'mail' },
    { path: MAILBOX_MAP, content: renderMailboxMap(plan), mode: 0o644, secret: false, guest: 'mail' },
    { path: SITE_JSON, content: json(dnsSiteJson(plan, opts)), mode: 0o644, secret: false, guest: 'dns' },
  ];
  const secret = (g: GuestRole, path: string, content: string) => files.push({ path, content, mode: 0o600, secret: true, guest: g });

  const passwd = a.mailboxes.map((m) =>
    passwdFileLine(`${m.user}@${plan.domain}`, secretValue(m.password, m.passwordFile, `mailboxes ${m.user}`, opts), opts.saltFor ? { salt: opts.saltFor(`${m.user}@${plan.domain}`) } : opts.salt ? { salt: opts.salt } : {}),
  );
  secret('mail', SECRET_PATHS.dovecotPasswd, passwd.join('\n') + '\n');
  if (plan.relay) {
    const user = plan.relay.user;
    const password = user === undefined ? undefined : secretValue(a.relay?.password, a.relay?.passwordFile, 'relay', opts);
    secret('mail', SECRET_PATHS.relaySasl, renderRelaySasl(plan.relay.host, plan.relay.port, user, password));
  }
  const provider = a.dnsProvider ? dnsProvider(a.dnsProvider.provider) : undefined;
  const legoEnv = provider && renderLegoEnv(provider, a.dnsProvider!.credentials);
  if (legoEnv) secret('dns', SECRET_PATHS.legoEnv, legoEnv);
  const ddns = ddnsEntries(a);
  if (ddns.length > 0) secret('dns', SECRET_PATHS.ddnsConfig, renderDdnsConfig(ddns));
  return { files };
}
