// @ts-nocheck
// The site's public TLS certificate: which names it covers, how lego proves them, where it is
// pushed. Pure: Plan in, facts out; read by the DNS VM's site.json, the records, the handover
// and `checks --records`.
import type { Plan } from '../plan/types.js';
import { dnsProvider } from '../catalog/dnsProviders.js';

export const LE_PRODUCTION = 'https://acme-v02.api.letsencrypt.org/directory';
export const LE_STAGING = 'https://acme-staging-v02.api.letsencrypt.org/directory';
/** lego's DNS-01 propagation check asks a public resolver, never the DNS VM's split horizon. */
export const ACME_DNS_RESOLVER = '1.1.1.1:53';
/** HTTP-01: lego's own challenge server on the DNS VM, reached through the router's WAN TCP 80. */
export const ACME_HTTP_PORT = 80;
/** Where the mail VM keeps the certificate the DNS VM pushes, and who may read the key. */
export const MAIL_TLS_DIR = '/var/lib/netsetup/tls';
export const MAIL_TLS_GROUP = 'nginx';
export const MAIL_TLS_SERVICES = ['postfix', 'dovecot', 'nginx'] as const;
/**
 * Organization (O=) in the subject of the mail VM's self-signed bootstrap certificate, served
 * until lego's first push; the same value as nix/modules/services/mail-tls.nix's read-only
 * option host.services.mail.tls.bootstrapOrg (test/mta/bootstrapTls.test.ts checks both agree).
 */
export const BOOTSTRAP_CERT_ORG = 'netsetup bootstrap';
/** Renewal: security.acme's timer, daily; lego renews when a third of the lifetime is left. */
export const RENEW_SCHEDULE = 'daily (systemd timer acme-renew-<name> on the DNS VM)';

export type Challenge = 'dns-01' | 'http-01';

export interface CertPlan {
  /** First name = the certificate's name (lego's --domains order). */
  names: string[];
  challenge: Challenge;
  /** lego provider code for DNS-01. */
  dnsProvider?: string;
}

export function mtaStsHost(plan: Plan): string {
  return `mta-sts.${plan.domain}`;
}

export function autoconfigHost(plan: Plan): string {
  return `autoconfig.${plan.domain}`;
}

export function certPlan(plan: Plan): CertPlan {
  const lego = dnsProvider(plan.answers.dnsProvider?.provider)?.lego;
  const names = [plan.fqdn.mail, plan.fqdn.mx, plan.fqdn.pmg, mtaStsHost(plan), autoconfigHost(plan)];
  return lego ? { names, challenge: 'dns-01', dnsProvider: lego.code } : { names, challenge: 'http-01' };
}
