// @ts-nocheck
// One record against one resolver → verdict. Pure apart from the lookups it is handed.
import type { DnsRecord } from '../render/records.js';
import type { Verdict } from './types.js';
import { cleanName, type Answer, type Lookup } from './lookup.js';

export interface Evaluation {
  verdict: Verdict;
  found: string[];
  detail?: string;
}

/** The value to publish as one line, the way the records table shows it. */
export function expectedText(r: DnsRecord): string {
  return r.type === 'MX' || r.type === 'SRV' ? `${r.priority ?? (r.type === 'MX' ? 10 : 0)} ${r.value}` : r.value;
}

const failed = (a: Answer<unknown>, what: string): Evaluation => ({ verdict: 'lookup-failed', found: [], detail: `${what}: ${a.status === 'failed' ? a.code : ''}` });
const missing = (what: string): Evaluation => ({ verdict: 'missing', found: [], detail: `${what} is not published` });
const normTxt = (s: string): string => s.replace(/\s+/g, ' ').trim();

async function evalA(r: DnsRecord, l: Lookup): Promise<Evaluation> {
  const a = await l.a(r.name);
  if (a.status === 'failed') return failed(a, `A ${r.name}`);
  if (a.status === 'none') return missing(`A ${r.name}`);
  if (!a.values.includes(r.value)) return { verdict: 'wrong-value', found: a.values, detail: `${r.name} points at ${a.values.join(', ')}, not ${r.value}` };
  if (a.values.length > 1) {
    const others = a.values.filter((v) => v !== r.value);
    return { verdict: 'wrong-value', found: a.values, detail: `${r.name} also points at ${others.join(', ')}: remove the old address, some connections go there` };
  }
  return { verdict: 'ok', found: a.values };
}

async function evalCname(r: DnsRecord, l: Lookup): Promise<Evaluation> {
  const c = await l.cname(r.name);
  if (c.status === 'failed') return failed(c, `CNAME ${r.name}`);
  if (c.status === 'none') {
    const a = await l.a(r.name);
    if (a.status === 'found') return { verdict: 'wrong-value', found: a.values, detail: `${r.name} is an A record (${a.values.join(', ')}), not a CNAME to ${r.value}: it breaks when the WAN IP changes` };
    return missing(`CNAME ${r.name}`);
  }
  const want = cleanName(r.value);
  if (c.values[0] === want) return { verdict: 'ok', found: c.values };
  return { verdict: 'wrong-value', found: c.values, detail: `${r.name} is a CNAME to ${c.values.join(', ')}, not ${want}` };
}

async function evalMx(r: DnsRecord, l: Lookup): Promise<Evaluation> {
  const m = await l.mx(r.name);
  if (m.status === 'failed') return failed(m, `MX ${r.name}`);
  if (m.status === 'none') return missing(`MX ${r.name}`);
  const want = cleanName(r.value);
  const found = m.values.map((x) => `${x.priority} ${x.exchange}`);
  const ours = m.values.find((x) => x.exchange === want);
  if (!ours) return { verdict: 'wrong-value', found, detail: `the MX of ${r.name} is ${found.join(', ')}, not ${want}: mail goes elsewhere` };
  const c = await l.cname(want);
  if (c.status === 'found') return { verdict: 'mx-cname', found, detail: `${want} is a CNAME to ${c.values[0]}: an MX target must be an A record (RFC 2181 §10.3); many senders refuse it` };
  const others = m.values.filter((x) => x !== ours);
  if (others.length) return { verdict: 'wrong-value', found, detail: `other MX hosts also receive mail for ${r.name}: ${others.map((x) => x.exchange).join(', ')} (remove the old provider's MX)` };
  return { verdict: 'ok', found, ...(ours.priority !== r.priority ? { detail: `priority ${ours.priority} instead of ${r.priority}: harmless with a single MX` } : {}) };
}

/** The mechanisms of an SPF record without the version and the final all. */
const spfTerms = (v: string): string[] => normTxt(v).toLowerCase().split(' ').slice(1);

function evalSpf(r: DnsRecord, txt: string[]): Evaluation {
  const spf = txt.filter((t) => /^v=spf1(\s|$)/i.test(t.trim()));
  if (spf.length === 0) return missing(`SPF (TXT v=spf1 at ${r.name})`);
  if (spf.length > 1) return { verdict: 'extra-spf', found: spf, detail: `${spf.length} v=spf1 records at ${r.name}: receivers treat SPF as broken (permerror). Merge them into one` };
  const found = spfTerms(spf[0]!);
  const need = spfTerms(r.value).filter((t) => !/^[-~?+]?all$/.test(t));
  if (found.includes('+all') || found.includes('all')) return { verdict: 'wrong-value', found: spf, detail: 'the SPF ends in +all: it lets anyone send as the domain' };
  const lacking = need.filter((t) => !found.includes(t));
  if (lacking.length) return { verdict: 'wrong-value', found: spf, detail: `the SPF lacks ${lacking.join(' ')}` };
  const extra = found.filter((t) => !need.includes(t) && !/^[-~?]all$/.test(t));
  return { verdict: 'ok', found: spf, ...(extra.length ? { detail: `merged with ${extra.join(' ')}` } : {}) };
}

/** The p= tag of a DKIM key record, whitespace removed; undefined when absent. */
export function dkimKey(v: string): string | undefined {
  const m = /(?:^|;)\s*p=([^;]*)/.exec(v);
  return m ? m[1]!.replace(/\s+/g, '') : undefined;
}

function evalDkim(r: DnsRecord, txt: string[]): Evaluation {
  const want = dkimKey(r.value);
  const keys = txt.filter((t) => /(^|;)\s*(v=DKIM1|p=)/i.test(t));
  if (keys.length === 0) return txt.length ? { verdict: 'dkim-mismatch', found: txt, detail: `${r.name} holds a TXT that is no DKIM key` } : missing(`DKIM key ${r.name}`);
  if (keys.some((k) => dkimKey(k) === want)) return { verdict: 'ok', found: keys };
  const tail = (k: string | undefined) => (k ? `…${k.slice(-12)}` : '(none)');
  const got = dkimKey(keys[0]!);
  const why = got === '' ? 'the published key is revoked (empty p=)' : `the published key ${tail(got)} is not the mail VM's ${tail(want)}`;
  return { verdict: 'dkim-mismatch', found: keys, detail: `${why}: receivers reject the signature until it is replaced` };
}

function evalTagged(r: DnsRecord, txt: string[], version: string): Evaluation {
  const recs = txt.filter((t) => t.trim().toLowerCase().startsWith(version.toLowerCase()));
  if (recs.length === 0) return missing(`${version} record ${r.name}`);
  if (recs.length > 1) return { verdict: 'wrong-value', found: recs, detail: `${recs.length} ${version} records at ${r.name}: receivers ignore all of them` };
  if (version === 'v=DMARC1') {
    const p = /;\s*p=(\w+)/i.exec(recs[0]!)?.[1]?.toLowerCase();
    if (!p || !['none', 'quarantine', 'reject'].includes(p)) return { verdict: 'wrong-value', found: recs, detail: 'the DMARC record has no valid p= policy' };
    const want = /;\s*p=(\w+)/i.exec(r.value)?.[1]?.toLowerCase();
    return { verdict: 'ok', found: recs, ...(p !== want ? { detail: `policy p=${p} (the start value is p=${want})` } : {}) };
  }
  return { verdict: 'ok', found: recs };
}

async function evalTxt(r: DnsRecord, l: Lookup): Promise<Evaluation> {
  const t = await l.txt(r.name);
  if (t.status === 'failed') return failed(t, `TXT ${r.name}`);
  const txt = t.status === 'found' ? t.values : [];
  const v = r.value.trim();
  if (/^v=spf1(\s|$)/i.test(v)) return evalSpf(r, txt);
  if (/\._domainkey\./i.test(r.name)) return evalDkim(r, txt);
  for (const version of ['v=DMARC1', 'v=TLSRPTv1', 'v=STSv1']) if (v.startsWith(version)) return evalTagged(r, txt, version);
  if (txt.length === 0) return missing(`TXT ${r.name}`);
  return txt.some((x) => normTxt(x) === normTxt(v)) ? { verdict: 'ok', found: txt } : { verdict: 'wrong-value', found: txt, detail: `TXT ${r.name} differs` };
}

async function evalSrv(r: DnsRecord, l: Lookup): Promise<Evaluation> {
  const s = await l.srv(r.name);
  if (s.status === 'failed') return failed(s, `SRV ${r.name}`);
  if (s.status === 'none') return missing(`SRV ${r.name}`);
  const [, port, target] = r.value.split(' ');
  const found = s.values.map((x) => `${x.priority} ${x.weight} ${x.port} ${x.name}`);
  const ok = s.values.some((x) => String(x.port) === port && x.name === cleanName(target ?? ''));
  return ok ? { verdict: 'ok', found } : { verdict: 'wrong-value', found, detail: `expected port ${port} on ${target}` };
}

async function evalPtr(r: DnsRecord, l: Lookup): Promise<Evaluation> {
  const ip = r.name.replace(/\.in-addr\.arpa$/i, '').split('.').reverse().join('.');
  const want = cleanName(r.value);
  const p = await l.ptr(r.name);
  if (p.status === 'failed') return failed(p, `PTR ${ip}`);
  if (p.status === 'none') return { verdict: 'ptr-missing', found: [], detail: `${ip} has no PTR record: ask the ISP (request text in the handover checklist)` };
  if (!p.values.includes(want)) return { verdict: 'wrong-value', found: p.values, detail: `the PTR of ${ip} is ${p.values.join(', ')}, not ${want}: ask the ISP to change it` };
  const a = await l.a(want);
  if (a.status === 'failed') return failed(a, `A ${want} (forward confirmation)`);
  if (a.status === 'found' && a.values.includes(ip)) return { verdict: 'ok', found: p.values };
  const back = a.status === 'found' ? a.values.join(', ') : 'nothing';
  return { verdict: 'ptr-not-confirmed', found: p.values, detail: `${want} resolves to ${back}, not ${ip}: the reverse name is not forward-confirmed` };
}

export function evaluate(r: DnsRecord, l: Lookup): Promise<Evaluation> {
  switch (r.type) {
    case 'A':
      return evalA(r, l);
    case 'CNAME':
      return evalCname(r, l);
    case 'MX':
      return evalMx(r, l);
    case 'TXT':
      return evalTxt(r, l);
    case 'SRV':
      return evalSrv(r, l);
    case 'PTR':
      return evalPtr(r, l);
  }
}
