// @ts-nocheck
// Help texts. Kept free of imports so `--help` loads nothing else.

export const VERSION: string = process.env.NETSETUP_VERSION ?? '0.0.0-dev';

const COMMON = `Exit codes: 0 ok · 1 failure while working · 2 invalid input or usage · 130 interrupted`;

export const HELP: Record<string, string> = {
  '': `netsetup-wizard ${VERSION}
Stand up a public mail stack (Proxmox Backup Server, Proxmox Mail Gateway, NixOS mail and DNS VMs)
on a Proxmox VE host.

Usage:
  netsetup-wizard                 interactive; on a provisioned host, the re-run menu
  netsetup-wizard install         the full flow  [--answers FILE] [--dry-run] [--yes] [--host TARGET]
  netsetup-wizard records         --answers FILE [--format table|zone|json]
  netsetup-wizard checks          [--answers FILE] [--json] [--records]
  netsetup-wizard relay           change the outbound relay of a provisioned site
  netsetup-wizard handover        print / write the handover checklist

Options:
  -h, --help      show help (also: netsetup-wizard <command> --help)
  -V, --version   print the version

Not on a Proxmox host? Try a dry run:  netsetup-wizard install --dry-run
or a simulated host:                    netsetup-wizard install --host sim:/tmp/site

${COMMON}`,
  install: `Usage: netsetup-wizard install [--answers FILE] [--dry-run] [--yes] [--host TARGET] [--log FILE]

Interview (or read FILE), run the live checks, show the plan, then provision the site.

  --answers FILE   answers file (YAML or JSON); see schema/answers.schema.json
  --dry-run        print every command per host, in order, secrets redacted; change nothing
  --yes            accept defaults and the recommendation without asking (needs --answers);
                   a new SSH host key is accepted and pinned (its fingerprint is printed)
  --host TARGET    local (default on a PVE host) | ssh://root@HOST[:PORT] | sim:DIR
  --log FILE       where to write the log (default: ./netsetup-<time>.log)
  --verbose        plain line-by-line progress with command output

${COMMON}`,
  records: `Usage: netsetup-wizard records --answers FILE [--format table|zone|json]

Print the DNS records the customer must publish.

  --answers FILE   answers file (YAML or JSON)
  --format F       table (default), zone (BIND zone file lines), json (array, see SPEC §4)

${COMMON}`,
  checks: `Usage: netsetup-wizard checks [--answers FILE] [--json]
       netsetup-wizard checks --records [--host TARGET | --answers FILE] [--json]

Run the live site checks: public IP, outbound port 25, reverse DNS (PTR).

  --answers FILE   answers file; the domain is used to compare the PTR with mail.<domain>
  --json           machine-readable output on stdout
  --records        verify the published DNS records against what the site needs: every
                   record, expected vs found, one verdict each (ok, missing, wrong value,
                   extra SPF, MX is a CNAME, PTR missing / not confirmed, DKIM mismatch).
                   It also connects to https://mail.<domain> and judges the certificate
                   (names, trust, expiry, renewal overdue), does the same for the MX's
                   SMTP STARTTLS on port 25 (PMG; must cover mx.<domain>), submission 587
                   (STARTTLS) and IMAPS 993 on mail.<domain>, and fetches and validates the
                   MTA-STS policy and the autoconfig file the mail VM serves.
                   The site comes from the state file of --host TARGET (default: this
                   Proxmox VE host) or from --answers FILE. Exit 0 only when every required
                   record is right, so it can run from cron.

Endpoints (for tests and unusual networks):
  NETSETUP_IP_ECHO_URLS         comma-separated echo URLs (default https://api.ipify.org,https://icanhazip.com)
  NETSETUP_MX_DOMAINS           domains whose MX hosts are probed (default gmail.com,outlook.com,yahoo.com)
  NETSETUP_MX_HOSTS             comma-separated host[:port] to probe instead of MX lookups
  NETSETUP_RESOLVER             DNS server host:port (default: the system resolver)
  NETSETUP_PORT25_TIMEOUT_MS    bound for the whole port-25 check (default 5500)
  NETSETUP_IP_ECHO_TIMEOUT_MS   per echo URL (default 2500)
  NETSETUP_DNS_TIMEOUT_MS       per DNS query (default 2500)
  NETSETUP_VERIFY_RESOLVERS     resolvers for --records, comma-separated host[:port]
                                (default 1.1.1.1,8.8.8.8,9.9.9.9); off lists the records
                                without verifying them (exit 0), like handover and menu
  NETSETUP_TLS_CONNECT          IPv4:PORT the HTTPS probes of --records connect to (the name
                                is still sent as SNI and Host), or off (default: the name's
                                address from the first verify resolver, port 443)
  NETSETUP_TLS_CA_FILE          extra trusted CA certificates (PEM) for those probes
  NETSETUP_SMTP_CONNECT         IPv4:PORT the MX's SMTP STARTTLS probe connects to, or off
                                (default: the MX name's address, port 25)
  NETSETUP_SUBMISSION_CONNECT   the same for submission (default mail.<domain>, port 587)
  NETSETUP_IMAPS_CONNECT        the same for IMAPS (default mail.<domain>, port 993); unset,
                                these three are off when NETSETUP_TLS_CONNECT=off

${COMMON}`,
  relay: `Usage: netsetup-wizard relay [--answers FILE] [--yes] [--host TARGET] [--dry-run] [--log FILE]

Change the outbound relay of a provisioned site: runs the port-25/PTR checks, shows the
recommendation and a before/after (relay, SPF, DKIM), then changes only the mail VM (relay
settings, SASL secret, nixos-rebuild switch, postfix reload) and the site state. Repeating the
same change changes nothing. Prints the new SPF and the records to change at the DNS provider.

  --answers FILE   YAML/JSON with a relay: section (preset, host, port, user, password or
                   passwordFile, spf), or mode: standalone to remove the relay
  --yes            apply without asking (needs --answers); accepts a new SSH host key
  --host TARGET    local (default on a PVE host) | ssh://root@HOST[:PORT] | sim:DIR
                   (IPv6: ssh://root@[2001:db8::10]:22)
  --dry-run        print the commands for the mail VM, secrets redacted; change nothing
  --log FILE       where to write the log (default: ./netsetup-<time>.log)
  --verbose        plain line-by-line progress
Without --answers the change is asked on the terminal (password masked).

${COMMON}`,
  handover: `Usage: netsetup-wizard handover [--format text|md|html|pdf] [--output FILE] [--host TARGET]

Print or write the handover checklist of a provisioned site, from its state file: domain and
mode, guests, URLs, where secrets live (paths only), every DNS record with its live status,
router port-forwards, the PTR request for the ISP, backups, test steps, limitations, sign-off.

  --format F       text (default, 80 columns), md, html (A4 print layout), pdf (the HTML
                   printed by headless Chromium; apt install chromium)
  --output FILE    write to FILE instead of stdout (required for pdf)
  --host TARGET    local (default on a PVE host) | ssh://root@HOST[:PORT] | sim:DIR

The records are verified live with NETSETUP_VERIFY_RESOLVERS (see checks --help);
NETSETUP_VERIFY_RESOLVERS=off prints them without a status.

${COMMON}`,
};
