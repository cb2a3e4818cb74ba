// @ts-nocheck
// Smarthost relay presets (SPEC §2, shared/reference/providers.md §B).
// Pure data: host/port defaults, who the username is, the SPF mechanism to publish and
// where the provider's DKIM records come from.

export type RelayPresetKey =
  | 'gmail'
  | 'workspace'
  | 'm365'
  | 'sendgrid'
  | 'mailgun'
  | 'mailgun-eu'
  | 'mailjet'
  | 'ses'
  | 'brevo'
  | 'pmg'
  | 'custom';

export interface RelayPreset {
  key: RelayPresetKey;
  label: string;
  /** Fixed host, or null when the technician must type it (SES region, own PMG, custom). */
  host: string | null;
  /** Example shown when host is null. */
  hostHint?: string;
  /** A host the technician types must match this (e.g. SES regional endpoint). */
  hostPattern?: RegExp;
  port: number;
  /** How the SMTP username looks for this provider. */
  userConvention: string;
  /** Fixed username (SendGrid's literal `apikey`). */
  fixedUser?: string;
  /** Whether the relay normally needs SASL credentials. */
  needsAuth: boolean;
  /**
   * SPF mechanism for the customer domain. `{host}` is replaced by the relay host;
   * null means the technician types it (custom relay).
   */
  spf: string | null;
  /** What to publish for DKIM and where the values come from. */
  dkimAdvice: string;
}

export const RELAY_PRESETS: readonly RelayPreset[] = [
  {
    key: 'gmail',
    label: 'Gmail (consumer account)',
    host: 'smtp.gmail.com',
    port: 587,
    userConvention: 'full Gmail address; password is a 16-character app password (2-Step Verification required)',
    needsAuth: true,
    spf: 'include:_spf.google.com',
    dkimAdvice: 'Google signs as gmail.com; the From address must be the Gmail address or a verified alias.',
  },
  {
    key: 'workspace',
    label: 'Google Workspace SMTP relay',
    host: 'smtp-relay.gmail.com',
    port: 587,
    userConvention: 'Workspace user address with an app password (or IP allow-list in the Admin console)',
    needsAuth: true,
    spf: 'include:_spf.google.com',
    dkimAdvice: 'Generate the DKIM key in the Admin console (Apps → Gmail → Authenticate email) and publish TXT google._domainkey.',
  },
  {
    key: 'm365',
    label: 'Microsoft 365',
    host: 'smtp.office365.com',
    port: 587,
    userConvention: 'mailbox UPN (user@tenant domain); SMTP AUTH must be enabled for that mailbox',
    needsAuth: true,
    spf: 'include:spf.protection.outlook.com',
    dkimAdvice: 'Publish the two CNAMEs selector1._domainkey and selector2._domainkey shown in Microsoft Defender → Email authentication → DKIM, then enable signing.',
  },
  {
    key: 'sendgrid',
    label: 'SendGrid',
    host: 'smtp.sendgrid.net',
    port: 587,
    userConvention: 'the literal user "apikey"; password is an API key with Mail Send permission',
    fixedUser: 'apikey',
    needsAuth: true,
    spf: 'include:sendgrid.net',
    dkimAdvice: 'Publish the three CNAMEs (em####, s1._domainkey, s2._domainkey) from SendGrid → Settings → Sender Authentication.',
  },
  {
    key: 'mailgun',
    label: 'Mailgun (US)',
    host: 'smtp.mailgun.org',
    port: 587,
    userConvention: 'per-domain SMTP credential, e.g. postmaster@mg.<domain>',
    needsAuth: true,
    spf: 'include:mailgun.org',
    dkimAdvice: 'Publish the TXT <selector>._domainkey record shown in Mailgun → Sending → Domain settings → DNS records.',
  },
  {
    key: 'mailgun-eu',
    label: 'Mailgun (EU)',
    host: 'smtp.eu.mailgun.org',
    port: 587,
    userConvention: 'per-domain SMTP credential, e.g. postmaster@mg.<domain>',
    needsAuth: true,
    spf: 'include:mailgun.org',
    dkimAdvice: 'Publish the TXT <selector>._domainkey record shown in Mailgun → Sending → Domain settings → DNS records.',
  },
  {
    key: 'mailjet',
    label: 'Mailjet',
    host: 'in-v3.mailjet.com',
    port: 587,
    userConvention: 'API key as user, secret key as password',
    needsAuth: true,
    spf: 'include:spf.mailjet.com',
    dkimAdvice: 'Publish TXT mailjet._domainkey with the value from Mailjet → Account settings → Domains & senders.',
  },
  {
    key: 'ses',
    label: 'Amazon SES',
    host: null,
    hostHint: 'email-smtp.eu-central-1.amazonaws.com',
    hostPattern: /^email-smtp\.[a-z]{2}(-[a-z]+)+-\d\.amazonaws\.com$/,
    port: 587,
    userConvention: 'SES SMTP credentials (region-specific, not the IAM access key pair)',
    needsAuth: true,
    spf: 'include:amazonses.com',
    dkimAdvice: 'Publish the three Easy DKIM CNAMEs <token>._domainkey → <token>.dkim.amazonses.com from the SES console (Verified identities).',
  },
  {
    key: 'brevo',
    label: 'Brevo (Sendinblue)',
    host: 'smtp-relay.brevo.com',
    port: 587,
    userConvention: 'SMTP login from Settings → SMTP & API; password is an SMTP key (not an API key)',
    needsAuth: true,
    spf: 'include:spf.brevo.com',
    dkimAdvice: 'Publish the brevo-code TXT and the DKIM record(s) shown in Brevo → Senders, Domains & Dedicated IPs → Domains.',
  },
  {
    key: 'pmg',
    label: 'Self-operated Proxmox Mail Gateway',
    host: null,
    hostHint: 'pmg.relay.example.net',
    port: 25,
    userConvention: 'usually none: the mail VM public IP is allowed in the relay PMG trusted networks',
    needsAuth: false,
    spf: 'a:{host}',
    dkimAdvice: 'Enable DKIM signing on the relay PMG (Configuration → Mail Proxy → DKIM) and publish the TXT record it shows for the selector.',
  },
  {
    key: 'custom',
    label: 'Other SMTP relay (custom)',
    host: null,
    hostHint: 'smtp.relay.example.net',
    port: 587,
    userConvention: 'as given by the provider',
    needsAuth: true,
    spf: null,
    dkimAdvice: 'Publish the DKIM records your relay provider gives you; ask them which selector they sign with.',
  },
];

export const RELAY_PRESET_KEYS = RELAY_PRESETS.map((p) => p.key) as [RelayPresetKey, ...RelayPresetKey[]];

export function relayPreset(key: string | undefined): RelayPreset | undefined {
  return RELAY_PRESETS.find((p) => p.key === key);
}

/** The SPF mechanism a relay needs, or undefined when it must be typed in. */
export function relaySpfMechanism(preset: RelayPreset | undefined, host: string, typed?: string): string | undefined {
  if (typed) return typed;
  if (!preset || preset.spf === null) return undefined;
  return preset.spf.replace('{host}', host);
}
