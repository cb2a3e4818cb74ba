// DNS providers (SPEC §2 "DNS provider", shared/reference/providers.md §A).
// One wizard key per provider. Each says which credential fields the technician is asked for,
// and how lego (DNS-01) and ddns-updater consume them. The key of a credential is the name
// used in the answers file's `dnsProvider.credentials` map: lego's environment variable name
// where lego uses it, otherwise a DDNS_* name for ddns-updater-only secrets.

export interface CredentialField {
  /** Key in `dnsProvider.credentials`, e.g. CF_DNS_API_TOKEN. */
  key: string;
  /** What the technician sees when asked. */
  label: string;
  /** Mask on entry and never print. Identifiers such as a user name or zone id are not secret. */
  secret: boolean;
  /** Optional fields are not required by the schema. */
  optional?: boolean;
}

export interface LegoSide {
  /** lego provider code (`--dns CODE`). */
  code: string;
  /** Credential keys lego reads from its environment, all required unless listed optional. */
  env: string[];
  optionalEnv?: string[];
}

export interface DdnsSide {
  /** ddns-updater `provider` string. */
  provider: string;
  /**
   * ddns-updater JSON fields: value is a credential key (`cred:KEY`), or a literal (`lit:VALUE`),
   * or `zoneId` placeholder resolved from credentials.
   */
  fields: Record<string, string>;
}

export interface DnsProvider {
  key: string;
  label: string;
  credentials: CredentialField[];
  lego?: LegoSide;
  ddns?: DdnsSide;
  notes?: string;
}

export const DNS_PROVIDERS: readonly DnsProvider[] = [
  {
    key: 'cloudflare',
    label: 'Cloudflare',
    credentials: [
      { key: 'CF_DNS_API_TOKEN', label: 'API token (Zone:DNS:Edit and Zone:Zone:Read)', secret: true },
      { key: 'CF_ZONE_ID', label: 'Zone ID (Overview page, right column)', secret: false },
    ],
    lego: { code: 'cloudflare', env: ['CF_DNS_API_TOKEN'] },
    ddns: {
      provider: 'cloudflare',
      fields: { zone_identifier: 'cred:CF_ZONE_ID', token: 'cred:CF_DNS_API_TOKEN', ttl: 'lit:1' },
    },
  },
];

export function dnsProvider(key: string | undefined): DnsProvider | undefined {
  return DNS_PROVIDERS.find((p) => p.key === key);
}

export function requiredCredentialKeys(p: DnsProvider): string[] {
  return p.credentials.filter((c) => !c.optional).map((c) => c.key);
}

export function allCredentialKeys(p: DnsProvider): string[] {
  return p.credentials.map((c) => c.key);
}

/**
 * Dynamic-DNS target zones (SPEC §2 "a dyndns target zone"): the site's WAN IP is kept on
 * <host>.<zone> at a dyndns service and customer names are CNAMEd to it. ddns-updater does the
 * updates.
 */
export interface DyndnsProvider {
  key: string;
  label: string;
  /** ddns-updater provider string. */
  ddnsProvider: string;
  needsUsername: boolean;
  /** ddns-updater JSON field names for the username and the secret. */
  usernameField?: string;
  secretField: string;
  /** Fixed zone, when the service has only one (duckdns.org). */
  zoneSuffix?: string;
}

export const DYNDNS_PROVIDERS: readonly DyndnsProvider[] = [
  { key: 'noip', label: 'No-IP', ddnsProvider: 'noip', needsUsername: true, usernameField: 'username', secretField: 'password' },
  { key: 'duckdns', label: 'Duck DNS', ddnsProvider: 'duckdns', needsUsername: false, secretField: 'token', zoneSuffix: 'duckdns.org' },
  { key: 'dynu', label: 'Dynu', ddnsProvider: 'dynu', needsUsername: true, usernameField: 'username', secretField: 'password' },
];

export function dyndnsProvider(key: string | undefined): DyndnsProvider | undefined {
  return DYNDNS_PROVIDERS.find((p) => p.key === key);
}
