// @ts-nocheck
// DNS providers (SPEC §2 "DNS provider", shared/reference/providers.md §A).
// One wizard key per provider. Each says which credential fields the technician is asked for,
// and how lego (DNS-01) and ddns-updater consume them. The key of a credential is the name
// used in the answers file's `dnsProvider.credentials` map: lego's environment variable name
// where lego uses it, otherwise a provider-prefixed name for ddns-updater-only secrets.

export interface CredentialField {
  /** Key in `dnsProvider.credentials`, e.g. CF_DNS_API_TOKEN. */
  key: string;
  /** What the technician sees when asked. */
  label: string;
  /** Mask on entry and never print. Identifiers such as a user name or zone id are not secret. */
  secret: boolean;
  /** Never required (neither lego nor ddns-updater needs it). Must agree with the sides below. */
  optional?: boolean;
}

export interface LegoSide {
  /** lego provider code (`--dns CODE`). */
  code: string;
  /** Credential keys lego reads from its environment, all required. */
  env: string[];
  /** Credential keys lego reads when present (2FA secret, zone override). */
  optionalEnv?: string[];
  /**
   * The env names above need at least this lego release (the DNS VM runs nixpkgs' lego, not
   * Debian's 4.9.1). `legacyEnv` is what older releases use instead; it is documentation and
   * test input only: the wizard never asks for it.
   */
  minVersion?: string;
  legacyEnv?: string[];
}

export interface DdnsSide {
  /** ddns-updater `provider` string. */
  provider: string;
  /**
   * ddns-updater JSON fields besides provider/domain: `cred:KEY` (a required credential),
   * `cred?:KEY` (written only when the credential is given) or `lit:VALUE` (a literal; a
   * number when it looks like one).
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

const secret = (key: string, label: string): CredentialField => ({ key, label, secret: true });
const plain = (key: string, label: string): CredentialField => ({ key, label, secret: false });
const optional = (f: CredentialField): CredentialField => ({ ...f, optional: true });

export const DNS_PROVIDERS: readonly DnsProvider[] = [
  {
    key: 'cloudflare',
    label: 'Cloudflare',
    credentials: [
      secret('CF_DNS_API_TOKEN', 'API token (Zone:DNS:Edit and Zone:Zone:Read)'),
      plain('CF_ZONE_ID', 'Zone ID (domain Overview page, right column)'),
    ],
    lego: { code: 'cloudflare', env: ['CF_DNS_API_TOKEN'] },
    ddns: { provider: 'cloudflare', fields: { zone_identifier: 'cred:CF_ZONE_ID', token: 'cred:CF_DNS_API_TOKEN', ttl: 'lit:60' } },
  },
  {
    key: 'duckdns',
    label: 'Duck DNS',
    credentials: [secret('DUCKDNS_TOKEN', 'account token (duckdns.org, top of the page)')],
    lego: { code: 'duckdns', env: ['DUCKDNS_TOKEN'] },
    ddns: { provider: 'duckdns', fields: { token: 'cred:DUCKDNS_TOKEN' } },
    notes: 'Names must end in .duckdns.org.',
  },
  {
    key: 'porkbun',
    label: 'Porkbun',
    credentials: [secret('PORKBUN_API_KEY', 'API key (pk1_...)'), secret('PORKBUN_SECRET_API_KEY', 'secret API key (sk1_...)')],
    lego: { code: 'porkbun', env: ['PORKBUN_API_KEY', 'PORKBUN_SECRET_API_KEY'] },
    ddns: { provider: 'porkbun', fields: { api_key: 'cred:PORKBUN_API_KEY', secret_api_key: 'cred:PORKBUN_SECRET_API_KEY' } },
    notes: 'Switch on "API ACCESS" for the domain in the Porkbun domain list.',
  },
  {
    key: 'namecheap',
    label: 'Namecheap',
    credentials: [
      plain('NAMECHEAP_API_USER', 'API user (your Namecheap user name)'),
      secret('NAMECHEAP_API_KEY', 'API key (Profile → Tools → API Access)'),
      secret('NAMECHEAP_DDNS_PASSWORD', 'Dynamic DNS password (Domain → Advanced DNS → Dynamic DNS)'),
    ],
    lego: { code: 'namecheap', env: ['NAMECHEAP_API_USER', 'NAMECHEAP_API_KEY'] },
    ddns: { provider: 'namecheap', fields: { password: 'cred:NAMECHEAP_DDNS_PASSWORD' } },
    notes: 'API access needs account eligibility and a whitelisted client IP; the dynamic DNS password is separate.',
  },
  {
    key: 'dynu',
    label: 'Dynu',
    credentials: [
      secret('DYNU_API_KEY', 'API key (Control Panel → API Credentials)'),
      plain('DYNU_DDNS_USERNAME', 'Dynu user name (for IP updates)'),
      secret('DYNU_DDNS_PASSWORD', 'Dynu IP update password'),
    ],
    lego: { code: 'dynu', env: ['DYNU_API_KEY'] },
    ddns: { provider: 'dynu', fields: { username: 'cred:DYNU_DDNS_USERNAME', password: 'cred:DYNU_DDNS_PASSWORD' } },
  },
  {
    key: 'gandi',
    label: 'Gandi',
    credentials: [secret('GANDIV5_PERSONAL_ACCESS_TOKEN', 'personal access token (Account → Authentication options)')],
    lego: { code: 'gandiv5', env: ['GANDIV5_PERSONAL_ACCESS_TOKEN'], minVersion: '4.15.0', legacyEnv: ['GANDIV5_API_KEY'] },
    ddns: { provider: 'gandi', fields: { personal_access_token: 'cred:GANDIV5_PERSONAL_ACCESS_TOKEN' } },
    notes: 'Gandi deprecated API keys; lego before 4.15 only knows GANDIV5_API_KEY.',
  },
  {
    key: 'godaddy',
    label: 'GoDaddy',
    credentials: [secret('GODADDY_API_KEY', 'production API key'), secret('GODADDY_API_SECRET', 'production API secret')],
    lego: { code: 'godaddy', env: ['GODADDY_API_KEY', 'GODADDY_API_SECRET'] },
    ddns: { provider: 'godaddy', fields: { key: 'cred:GODADDY_API_KEY', secret: 'cred:GODADDY_API_SECRET' } },
  },
  {
    key: 'hetzner',
    label: 'Hetzner (Cloud Console DNS)',
    credentials: [secret('HETZNER_API_TOKEN', 'Cloud API token (project → Security → API tokens, read & write)')],
    lego: { code: 'hetzner', env: ['HETZNER_API_TOKEN'], minVersion: '4.27.0', legacyEnv: ['HETZNER_API_KEY'] },
    ddns: { provider: 'hetznercloud', fields: { token: 'cred:HETZNER_API_TOKEN' } },
    notes: 'The legacy dns.hetzner.com API (HETZNER_API_KEY, lego < 4.27) shuts down in May 2026.',
  },
  {
    key: 'ovh',
    label: 'OVHcloud',
    credentials: [
      plain('OVH_ENDPOINT', 'API endpoint (ovh-eu or ovh-ca)'),
      plain('OVH_APPLICATION_KEY', 'application key'),
      secret('OVH_APPLICATION_SECRET', 'application secret'),
      secret('OVH_CONSUMER_KEY', 'consumer key'),
    ],
    lego: { code: 'ovh', env: ['OVH_ENDPOINT', 'OVH_APPLICATION_KEY', 'OVH_APPLICATION_SECRET', 'OVH_CONSUMER_KEY'] },
    ddns: {
      provider: 'ovh',
      fields: { mode: 'lit:api', api_endpoint: 'cred:OVH_ENDPOINT', app_key: 'cred:OVH_APPLICATION_KEY', app_secret: 'cred:OVH_APPLICATION_SECRET', consumer_key: 'cred:OVH_CONSUMER_KEY' },
    },
  },
  {
    key: 'digitalocean',
    label: 'DigitalOcean',
    credentials: [secret('DO_AUTH_TOKEN', 'personal access token (read & write)')],
    lego: { code: 'digitalocean', env: ['DO_AUTH_TOKEN'] },
    ddns: { provider: 'digitalocean', fields: { token: 'cred:DO_AUTH_TOKEN' } },
  },
  {
    key: 'route53',
    label: 'Amazon Route 53',
    credentials: [
      plain('AWS_ACCESS_KEY_ID', 'IAM access key ID'),
      secret('AWS_SECRET_ACCESS_KEY', 'IAM secret access key'),
      plain('AWS_REGION', 'AWS region (e.g. eu-central-1)'),
      plain('AWS_HOSTED_ZONE_ID', 'hosted zone ID (Z...)'),
    ],
    lego: { code: 'route53', env: ['AWS_ACCESS_KEY_ID', 'AWS_SECRET_ACCESS_KEY', 'AWS_REGION'], optionalEnv: ['AWS_HOSTED_ZONE_ID'] },
    ddns: { provider: 'route53', fields: { access_key: 'cred:AWS_ACCESS_KEY_ID', secret_key: 'cred:AWS_SECRET_ACCESS_KEY', zone_id: 'cred:AWS_HOSTED_ZONE_ID' } },
  },
  {
    key: 'desec',
    label: 'deSEC',
    credentials: [secret('DESEC_TOKEN', 'domain token')],
    lego: { code: 'desec', env: ['DESEC_TOKEN'] },
    ddns: { provider: 'desec', fields: { token: 'cred:DESEC_TOKEN' } },
  },
  {
    key: 'ionos',
    label: 'IONOS',
    credentials: [secret('IONOS_API_KEY', 'API key as <prefix>.<secret>')],
    lego: { code: 'ionos', env: ['IONOS_API_KEY'] },
    ddns: { provider: 'ionos', fields: { api_key: 'cred:IONOS_API_KEY' } },
  },
  {
    key: 'infomaniak',
    label: 'Infomaniak',
    credentials: [
      secret('INFOMANIAK_ACCESS_TOKEN', 'API access token (domain scope)'),
      plain('INFOMANIAK_DDNS_USERNAME', 'DynDNS user name (not the admin login)'),
      secret('INFOMANIAK_DDNS_PASSWORD', 'DynDNS password'),
    ],
    lego: { code: 'infomaniak', env: ['INFOMANIAK_ACCESS_TOKEN'] },
    ddns: { provider: 'infomaniak', fields: { username: 'cred:INFOMANIAK_DDNS_USERNAME', password: 'cred:INFOMANIAK_DDNS_PASSWORD' } },
  },
  {
    key: 'linode',
    label: 'Linode (Akamai)',
    credentials: [secret('LINODE_TOKEN', 'personal access token (Domains read/write)')],
    lego: { code: 'linode', env: ['LINODE_TOKEN'] },
    ddns: { provider: 'linode', fields: { token: 'cred:LINODE_TOKEN' } },
  },
  {
    key: 'dnsimple',
    label: 'DNSimple',
    credentials: [secret('DNSIMPLE_OAUTH_TOKEN', 'account API (OAuth) token')],
    lego: { code: 'dnsimple', env: ['DNSIMPLE_OAUTH_TOKEN'] },
    notes: 'ddns-updater has no DNSimple support: use a static IP or a dyndns target zone.',
  },
  {
    key: 'namecom',
    label: 'Name.com',
    credentials: [plain('NAMECOM_USERNAME', 'Name.com user name'), secret('NAMECOM_API_TOKEN', 'API token (production)')],
    lego: { code: 'namedotcom', env: ['NAMECOM_USERNAME', 'NAMECOM_API_TOKEN'] },
    ddns: { provider: 'name.com', fields: { username: 'cred:NAMECOM_USERNAME', token: 'cred:NAMECOM_API_TOKEN' } },
  },
  {
    key: 'inwx',
    label: 'INWX',
    credentials: [
      plain('INWX_USERNAME', 'INWX account user name'),
      secret('INWX_PASSWORD', 'INWX account password'),
      optional(secret('INWX_SHARED_SECRET', '2FA shared secret (only when 2FA is on)')),
      plain('INWX_DDNS_USERNAME', 'DynDNS account user name'),
      secret('INWX_DDNS_PASSWORD', 'DynDNS account password'),
    ],
    lego: { code: 'inwx', env: ['INWX_USERNAME', 'INWX_PASSWORD'], optionalEnv: ['INWX_SHARED_SECRET'] },
    ddns: { provider: 'inwx', fields: { username: 'cred:INWX_DDNS_USERNAME', password: 'cred:INWX_DDNS_PASSWORD' } },
  },
  {
    key: 'netcup',
    label: 'netcup',
    credentials: [
      plain('NETCUP_CUSTOMER_NUMBER', 'customer number'),
      secret('NETCUP_API_KEY', 'API key (CCP → Master Data → API)'),
      secret('NETCUP_API_PASSWORD', 'API password'),
    ],
    lego: { code: 'netcup', env: ['NETCUP_CUSTOMER_NUMBER', 'NETCUP_API_KEY', 'NETCUP_API_PASSWORD'] },
    ddns: { provider: 'netcup', fields: { customer_number: 'cred:NETCUP_CUSTOMER_NUMBER', api_key: 'cred:NETCUP_API_KEY', password: 'cred:NETCUP_API_PASSWORD' } },
  },
  {
    key: 'he',
    label: 'Hurricane Electric (dns.he.net)',
    credentials: [
      secret('HURRICANE_TOKENS', 'dynamic TXT keys as _acme-challenge.mail.<domain>:KEY,_acme-challenge.pmg.<domain>:KEY'),
      secret('HE_DDNS_KEY', 'dynamic DNS key (the same key on the mail, mx and pmg A records)'),
    ],
    lego: { code: 'hurricane', env: ['HURRICANE_TOKENS'] },
    ddns: { provider: 'he', fields: { password: 'cred:HE_DDNS_KEY' } },
    notes: 'Create the _acme-challenge TXT records and the A records as "dynamic" in dns.he.net first.',
  },
  {
    key: 'noip',
    label: 'No-IP',
    credentials: [plain('NOIP_USERNAME', 'No-IP user name (or DDNS key user name)'), secret('NOIP_PASSWORD', 'No-IP password (or DDNS key password)')],
    ddns: { provider: 'noip', fields: { username: 'cred:NOIP_USERNAME', password: 'cred:NOIP_PASSWORD' } },
    notes: 'lego has no No-IP support: certificates use HTTP-01 (forward port 80).',
  },
  {
    key: 'dynv6',
    label: 'dynv6',
    credentials: [secret('DYNV6_TOKEN', 'HTTP token (Account → Keys)')],
    ddns: { provider: 'dynv6', fields: { token: 'cred:DYNV6_TOKEN' } },
    notes: 'lego has no dynv6 support: certificates use HTTP-01 (forward port 80).',
  },
  {
    key: 'freedns',
    label: 'FreeDNS (afraid.org)',
    credentials: [secret('FREEDNS_TOKEN', 'update token of the record (Dynamic DNS page, direct URL)')],
    ddns: { provider: 'freedns', fields: { token: 'cred:FREEDNS_TOKEN' } },
    notes: 'lego has no FreeDNS support: certificates use HTTP-01 (forward port 80).',
  },
];

export function dnsProvider(key: string | undefined): DnsProvider | undefined {
  return DNS_PROVIDERS.find((p) => p.key === key);
}

/** Credential keys a `cred:`/`cred?:` ddns field refers to, with whether it is required. */
export function ddnsCredentialRefs(p: DnsProvider): { key: string; required: boolean }[] {
  return Object.values(p.ddns?.fields ?? {}).flatMap((v) => {
    const m = /^cred(\?)?:(.+)$/.exec(v);
    return m ? [{ key: m[2]!, required: m[1] !== '?' }] : [];
  });
}

/**
 * Credentials the technician must give. lego's are always needed (DNS-01 runs whenever a
 * provider is set); ddns-updater's only when it runs, i.e. without a static public IP, or when
 * the provider has no lego side at all (then ddns-updater is its only use).
 */
export function requiredCredentialKeys(p: DnsProvider, use: { ddns?: boolean } = {}): string[] {
  const needed = new Set(p.lego?.env ?? []);
  if ((use.ddns ?? true) || !p.lego) for (const r of ddnsCredentialRefs(p)) if (r.required) needed.add(r.key);
  return p.credentials.filter((c) => needed.has(c.key)).map((c) => c.key);
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
  /** What the secret is, for the prompt. */
  secretLabel: string;
  /** Fixed zone, when the service has only one (duckdns.org). */
  zoneSuffix?: string;
}

export const DYNDNS_PROVIDERS: readonly DyndnsProvider[] = [
  { key: 'noip', label: 'No-IP', ddnsProvider: 'noip', needsUsername: true, usernameField: 'username', secretField: 'password', secretLabel: 'No-IP password (or DDNS key password)' },
  { key: 'duckdns', label: 'Duck DNS', ddnsProvider: 'duckdns', needsUsername: false, secretField: 'token', secretLabel: 'account token', zoneSuffix: 'duckdns.org' },
  { key: 'dynu', label: 'Dynu', ddnsProvider: 'dynu', needsUsername: true, usernameField: 'username', secretField: 'password', secretLabel: 'IP update password' },
  { key: 'dynv6', label: 'dynv6', ddnsProvider: 'dynv6', needsUsername: false, secretField: 'token', secretLabel: 'HTTP token' },
  { key: 'freedns', label: 'FreeDNS (afraid.org)', ddnsProvider: 'freedns', needsUsername: false, secretField: 'token', secretLabel: 'update token of the record' },
  { key: 'desec', label: 'deSEC (dedyn.io)', ddnsProvider: 'desec', needsUsername: false, secretField: 'token', secretLabel: 'domain token', zoneSuffix: 'dedyn.io' },
];

export function dyndnsProvider(key: string | undefined): DyndnsProvider | undefined {
  return DYNDNS_PROVIDERS.find((p) => p.key === key);
}
