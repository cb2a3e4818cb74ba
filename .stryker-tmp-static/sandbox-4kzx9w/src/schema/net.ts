// @ts-nocheck
// Small IPv4 / domain helpers used by the schema. ipaddr.js does the address math,
// tldts knows the public suffix list (its ICANN section: every TLD in the root zone) and the
// IANA special-use names registry (RFC 6761 and later).
function stryNS_9fa48() {
  var g = typeof globalThis === 'object' && globalThis && globalThis.Math === Math && globalThis || new Function("return this")();
  var ns = g.__stryker__ || (g.__stryker__ = {});
  if (ns.activeMutant === undefined && g.process && g.process.env && g.process.env.__STRYKER_ACTIVE_MUTANT__) {
    ns.activeMutant = g.process.env.__STRYKER_ACTIVE_MUTANT__;
  }
  function retrieveNS() {
    return ns;
  }
  stryNS_9fa48 = retrieveNS;
  return retrieveNS();
}
stryNS_9fa48();
function stryCov_9fa48() {
  var ns = stryNS_9fa48();
  var cov = ns.mutantCoverage || (ns.mutantCoverage = {
    static: {},
    perTest: {}
  });
  function cover() {
    var c = cov.static;
    if (ns.currentTestId) {
      c = cov.perTest[ns.currentTestId] = cov.perTest[ns.currentTestId] || {};
    }
    var a = arguments;
    for (var i = 0; i < a.length; i++) {
      c[a[i]] = (c[a[i]] || 0) + 1;
    }
  }
  stryCov_9fa48 = cover;
  cover.apply(null, arguments);
}
function stryMutAct_9fa48(id) {
  var ns = stryNS_9fa48();
  function isActive(id) {
    if (ns.activeMutant === id) {
      if (ns.hitCount !== void 0 && ++ns.hitCount > ns.hitLimit) {
        throw new Error('Stryker: Hit count limit reached (' + ns.hitCount + ')');
      }
      return true;
    }
    return false;
  }
  stryMutAct_9fa48 = isActive;
  return isActive(id);
}
import ipaddr from 'ipaddr.js';
import { parse as parseDomain } from 'tldts';
export function isIPv4(s: string): boolean {
  if (stryMutAct_9fa48("758")) {
    {}
  } else {
    stryCov_9fa48("758");
    return ipaddr.IPv4.isValidFourPartDecimal(s);
  }
}

/** Documentation ranges (RFC 5737) are allowed as public addresses (they are what examples and
 * tests use); every other special-purpose range ipaddr.js knows (private, shared/CGNAT, loopback,
 * link-local, multicast, reserved, AS112, AMT, …: anything but "unicast") is not. */
const DOCUMENTATION = (stryMutAct_9fa48("759") ? [] : (stryCov_9fa48("759"), [stryMutAct_9fa48("760") ? "" : (stryCov_9fa48("760"), '192.0.2.0/24'), stryMutAct_9fa48("761") ? "" : (stryCov_9fa48("761"), '198.51.100.0/24'), stryMutAct_9fa48("762") ? "" : (stryCov_9fa48("762"), '203.0.113.0/24')])).map(stryMutAct_9fa48("763") ? () => undefined : (stryCov_9fa48("763"), c => ipaddr.IPv4.parseCIDR(c)));
export function ipv4PublicProblem(s: string): string | undefined {
  if (stryMutAct_9fa48("764")) {
    {}
  } else {
    stryCov_9fa48("764");
    if (stryMutAct_9fa48("767") ? false : stryMutAct_9fa48("766") ? true : stryMutAct_9fa48("765") ? isIPv4(s) : (stryCov_9fa48("765", "766", "767"), !isIPv4(s))) return stryMutAct_9fa48("768") ? `` : (stryCov_9fa48("768"), `"${s}" is not an IPv4 address (expected four numbers 0-255, e.g. 203.0.113.7)`);
    const a = ipaddr.IPv4.parse(s);
    if (stryMutAct_9fa48("771") ? DOCUMENTATION.every(([net, len]) => a.match(net, len)) : stryMutAct_9fa48("770") ? false : stryMutAct_9fa48("769") ? true : (stryCov_9fa48("769", "770", "771"), DOCUMENTATION.some(stryMutAct_9fa48("772") ? () => undefined : (stryCov_9fa48("772"), ([net, len]) => a.match(net, len))))) return undefined;
    const range = a.range();
    if (stryMutAct_9fa48("775") ? range !== 'carrierGradeNat' : stryMutAct_9fa48("774") ? false : stryMutAct_9fa48("773") ? true : (stryCov_9fa48("773", "774", "775"), range === (stryMutAct_9fa48("776") ? "" : (stryCov_9fa48("776"), 'carrierGradeNat')))) return stryMutAct_9fa48("777") ? `` : (stryCov_9fa48("777"), `${s} is a carrier-grade NAT (100.64.0.0/10) address, not a public one; the site is behind CGNAT and needs a smarthost or a public IP from the ISP`);
    if (stryMutAct_9fa48("780") ? range === 'unicast' : stryMutAct_9fa48("779") ? false : stryMutAct_9fa48("778") ? true : (stryCov_9fa48("778", "779", "780"), range !== (stryMutAct_9fa48("781") ? "" : (stryCov_9fa48("781"), 'unicast')))) return stryMutAct_9fa48("782") ? `` : (stryCov_9fa48("782"), `${s} is a ${range} address, not a public one`);
    return undefined;
  }
}
export function ipv4ToInt(s: string): number {
  if (stryMutAct_9fa48("783")) {
    {}
  } else {
    stryCov_9fa48("783");
    return ipaddr.IPv4.parse(s).toByteArray().reduce(stryMutAct_9fa48("784") ? () => undefined : (stryCov_9fa48("784"), (acc, b) => stryMutAct_9fa48("785") ? acc * 256 - b : (stryCov_9fa48("785"), (stryMutAct_9fa48("786") ? acc / 256 : (stryCov_9fa48("786"), acc * 256)) + b)), 0);
  }
}
export function sameSubnet(a: string, b: string, prefix: number): boolean {
  if (stryMutAct_9fa48("787")) {
    {}
  } else {
    stryCov_9fa48("787");
    const mask = (stryMutAct_9fa48("790") ? prefix !== 0 : stryMutAct_9fa48("789") ? false : stryMutAct_9fa48("788") ? true : (stryCov_9fa48("788", "789", "790"), prefix === 0)) ? 0 : 0xffffffff << (stryMutAct_9fa48("791") ? 32 + prefix : (stryCov_9fa48("791"), 32 - prefix)) >>> 0;
    return stryMutAct_9fa48("794") ? (ipv4ToInt(a) & mask) >>> 0 !== (ipv4ToInt(b) & mask) >>> 0 : stryMutAct_9fa48("793") ? false : stryMutAct_9fa48("792") ? true : (stryCov_9fa48("792", "793", "794"), (ipv4ToInt(a) & mask) >>> 0 === (ipv4ToInt(b) & mask) >>> 0);
  }
}
export function isNetworkOrBroadcast(ip: string, prefix: number): boolean {
  if (stryMutAct_9fa48("795")) {
    {}
  } else {
    stryCov_9fa48("795");
    if (stryMutAct_9fa48("799") ? prefix < 31 : stryMutAct_9fa48("798") ? prefix > 31 : stryMutAct_9fa48("797") ? false : stryMutAct_9fa48("796") ? true : (stryCov_9fa48("796", "797", "798", "799"), prefix >= 31)) return stryMutAct_9fa48("800") ? true : (stryCov_9fa48("800"), false);
    const hostBits = stryMutAct_9fa48("801") ? 32 + prefix : (stryCov_9fa48("801"), 32 - prefix);
    const hostMask = stryMutAct_9fa48("802") ? 2 ** hostBits + 1 : (stryCov_9fa48("802"), 2 ** hostBits - 1);
    const host = stryMutAct_9fa48("803") ? ipv4ToInt(ip) * (hostMask + 1) : (stryCov_9fa48("803"), ipv4ToInt(ip) % (stryMutAct_9fa48("804") ? hostMask - 1 : (stryCov_9fa48("804"), hostMask + 1)));
    return stryMutAct_9fa48("807") ? host === 0 && host === hostMask : stryMutAct_9fa48("806") ? false : stryMutAct_9fa48("805") ? true : (stryCov_9fa48("805", "806", "807"), (stryMutAct_9fa48("809") ? host !== 0 : stryMutAct_9fa48("808") ? false : (stryCov_9fa48("808", "809"), host === 0)) || (stryMutAct_9fa48("811") ? host !== hostMask : stryMutAct_9fa48("810") ? false : (stryCov_9fa48("810", "811"), host === hostMask)));
  }
}
export function subnetCidr(ip: string, prefix: number): string {
  if (stryMutAct_9fa48("812")) {
    {}
  } else {
    stryCov_9fa48("812");
    const mask = (stryMutAct_9fa48("815") ? prefix !== 0 : stryMutAct_9fa48("814") ? false : stryMutAct_9fa48("813") ? true : (stryCov_9fa48("813", "814", "815"), prefix === 0)) ? 0 : 0xffffffff << (stryMutAct_9fa48("816") ? 32 + prefix : (stryCov_9fa48("816"), 32 - prefix)) >>> 0;
    const n = (ipv4ToInt(ip) & mask) >>> 0;
    return stryMutAct_9fa48("817") ? `` : (stryCov_9fa48("817"), `${(stryMutAct_9fa48("818") ? [] : (stryCov_9fa48("818"), [24, 16, 8, 0])).map(stryMutAct_9fa48("819") ? () => undefined : (stryCov_9fa48("819"), s => n >>> s & 255)).join(stryMutAct_9fa48("820") ? "" : (stryCov_9fa48("820"), '.'))}/${prefix}`);
  }
}
const LABEL = stryMutAct_9fa48("826") ? /^(?!-)[a-z0-9-]{1,63}(?<=-)$/ : stryMutAct_9fa48("825") ? /^(?!-)[^a-z0-9-]{1,63}(?<!-)$/ : stryMutAct_9fa48("824") ? /^(?!-)[a-z0-9-](?<!-)$/ : stryMutAct_9fa48("823") ? /^(?=-)[a-z0-9-]{1,63}(?<!-)$/ : stryMutAct_9fa48("822") ? /^(?!-)[a-z0-9-]{1,63}(?<!-)/ : stryMutAct_9fa48("821") ? /(?!-)[a-z0-9-]{1,63}(?<!-)$/ : (stryCov_9fa48("821", "822", "823", "824", "825", "826"), /^(?!-)[a-z0-9-]{1,63}(?<!-)$/);
/** RFC 2606 §3 second-level names: reserved for documentation, yet under real TLDs. The SPEC's
 * own examples use them, so they are accepted (tldts flags them special-use with the rest). */
const DOCUMENTATION_DOMAINS = stryMutAct_9fa48("827") ? [] : (stryCov_9fa48("827"), [stryMutAct_9fa48("828") ? "" : (stryCov_9fa48("828"), 'example.com'), stryMutAct_9fa48("829") ? "" : (stryCov_9fa48("829"), 'example.net'), stryMutAct_9fa48("830") ? "" : (stryCov_9fa48("830"), 'example.org')]);
const underName = stryMutAct_9fa48("831") ? () => undefined : (stryCov_9fa48("831"), (() => {
  const underName = (d: string, name: string) => stryMutAct_9fa48("834") ? d === name && d.endsWith(`.${name}`) : stryMutAct_9fa48("833") ? false : stryMutAct_9fa48("832") ? true : (stryCov_9fa48("832", "833", "834"), (stryMutAct_9fa48("836") ? d !== name : stryMutAct_9fa48("835") ? false : (stryCov_9fa48("835", "836"), d === name)) || (stryMutAct_9fa48("837") ? d.startsWith(`.${name}`) : (stryCov_9fa48("837"), d.endsWith(stryMutAct_9fa48("838") ? `` : (stryCov_9fa48("838"), `.${name}`)))));
  return underName;
})());

/**
 * Why a host or domain name can never be a public DNS name, or undefined when it can:
 * syntax (labels, length, at least two labels), then the names the DNS reserves — RFC 6761 and
 * the IANA special-use registry (.test, .example, .invalid, .localhost, .local, .onion, .alt,
 * home.arpa, …), any name whose first label is localhost, the .arpa infrastructure zone — and
 * any top-level domain the ICANN section of the public suffix list does not know (.internal,
 * .lan, .corp, typos).
 */
export function publicNameProblem(raw: string, opts: {
  underscores?: boolean;
} = {}): string | undefined {
  if (stryMutAct_9fa48("839")) {
    {}
  } else {
    stryCov_9fa48("839");
    const d = stryMutAct_9fa48("841") ? raw.toLowerCase() : stryMutAct_9fa48("840") ? raw.trim().toUpperCase() : (stryCov_9fa48("840", "841"), raw.trim().toLowerCase());
    if (stryMutAct_9fa48("845") ? d.length <= 253 : stryMutAct_9fa48("844") ? d.length >= 253 : stryMutAct_9fa48("843") ? false : stryMutAct_9fa48("842") ? true : (stryCov_9fa48("842", "843", "844", "845"), d.length > 253)) return stryMutAct_9fa48("846") ? "" : (stryCov_9fa48("846"), 'is longer than 253 characters (the DNS limit for a name)');
    if (stryMutAct_9fa48("849") ? d.startsWith('.') : stryMutAct_9fa48("848") ? false : stryMutAct_9fa48("847") ? true : (stryCov_9fa48("847", "848", "849"), d.endsWith(stryMutAct_9fa48("850") ? "" : (stryCov_9fa48("850"), '.')))) return stryMutAct_9fa48("851") ? `` : (stryCov_9fa48("851"), `"${raw}" must not end with a dot (write ${stryMutAct_9fa48("852") ? d : (stryCov_9fa48("852"), d.slice(0, stryMutAct_9fa48("853") ? +1 : (stryCov_9fa48("853"), -1)))})`);
    const labels = d.split(stryMutAct_9fa48("854") ? "" : (stryCov_9fa48("854"), '.'));
    if (stryMutAct_9fa48("858") ? labels.length >= 2 : stryMutAct_9fa48("857") ? labels.length <= 2 : stryMutAct_9fa48("856") ? false : stryMutAct_9fa48("855") ? true : (stryCov_9fa48("855", "856", "857", "858"), labels.length < 2)) return stryMutAct_9fa48("859") ? `` : (stryCov_9fa48("859"), `"${raw}" is a single label; expected a fully qualified public name such as example.com`);
    for (const l of labels) {
      if (stryMutAct_9fa48("860")) {
        {}
      } else {
        stryCov_9fa48("860");
        // Underscore labels (_spf, _dmarc) name records, not hosts (RFC 8552); only where asked.
        const ok = stryMutAct_9fa48("863") ? LABEL.test(l) && opts.underscores === true && l !== labels[labels.length - 1] && /^_[a-z0-9-]{1,62}$/.test(l) : stryMutAct_9fa48("862") ? false : stryMutAct_9fa48("861") ? true : (stryCov_9fa48("861", "862", "863"), LABEL.test(l) || (stryMutAct_9fa48("865") ? opts.underscores === true && l !== labels[labels.length - 1] || /^_[a-z0-9-]{1,62}$/.test(l) : stryMutAct_9fa48("864") ? false : (stryCov_9fa48("864", "865"), (stryMutAct_9fa48("867") ? opts.underscores === true || l !== labels[labels.length - 1] : stryMutAct_9fa48("866") ? true : (stryCov_9fa48("866", "867"), (stryMutAct_9fa48("869") ? opts.underscores !== true : stryMutAct_9fa48("868") ? true : (stryCov_9fa48("868", "869"), opts.underscores === (stryMutAct_9fa48("870") ? false : (stryCov_9fa48("870"), true)))) && (stryMutAct_9fa48("872") ? l === labels[labels.length - 1] : stryMutAct_9fa48("871") ? true : (stryCov_9fa48("871", "872"), l !== labels[stryMutAct_9fa48("873") ? labels.length + 1 : (stryCov_9fa48("873"), labels.length - 1)])))) && (stryMutAct_9fa48("877") ? /^_[^a-z0-9-]{1,62}$/ : stryMutAct_9fa48("876") ? /^_[a-z0-9-]$/ : stryMutAct_9fa48("875") ? /^_[a-z0-9-]{1,62}/ : stryMutAct_9fa48("874") ? /_[a-z0-9-]{1,62}$/ : (stryCov_9fa48("874", "875", "876", "877"), /^_[a-z0-9-]{1,62}$/)).test(l))));
        if (stryMutAct_9fa48("880") ? false : stryMutAct_9fa48("879") ? true : stryMutAct_9fa48("878") ? ok : (stryCov_9fa48("878", "879", "880"), !ok)) return stryMutAct_9fa48("881") ? `` : (stryCov_9fa48("881"), `"${raw}" has an invalid label "${l}" (letters, digits and inner hyphens, 1-63 characters)`);
      }
    }
    const tld = labels[stryMutAct_9fa48("882") ? labels.length + 1 : (stryCov_9fa48("882"), labels.length - 1)]!;
    if (stryMutAct_9fa48("884") ? false : stryMutAct_9fa48("883") ? true : (stryCov_9fa48("883", "884"), (stryMutAct_9fa48("888") ? /^\D+$/ : stryMutAct_9fa48("887") ? /^\d$/ : stryMutAct_9fa48("886") ? /^\d+/ : stryMutAct_9fa48("885") ? /\d+$/ : (stryCov_9fa48("885", "886", "887", "888"), /^\d+$/)).test(tld))) return stryMutAct_9fa48("889") ? `` : (stryCov_9fa48("889"), `"${raw}" looks like an IP address, expected a domain name`);
    if (stryMutAct_9fa48("892") ? labels[0] !== 'localhost' : stryMutAct_9fa48("891") ? false : stryMutAct_9fa48("890") ? true : (stryCov_9fa48("890", "891", "892"), labels[0] === (stryMutAct_9fa48("893") ? "" : (stryCov_9fa48("893"), 'localhost')))) return stryMutAct_9fa48("894") ? `` : (stryCov_9fa48("894"), `"${raw}" is a localhost name (RFC 6761 §6.3), never a public one`);
    const info = parseDomain(d, stryMutAct_9fa48("895") ? {} : (stryCov_9fa48("895"), {
      allowPrivateDomains: stryMutAct_9fa48("896") ? true : (stryCov_9fa48("896"), false),
      detectSpecialUse: stryMutAct_9fa48("897") ? false : (stryCov_9fa48("897"), true)
    }));
    if (stryMutAct_9fa48("900") ? info.isSpecialUse || !DOCUMENTATION_DOMAINS.some(n => underName(d, n)) : stryMutAct_9fa48("899") ? false : stryMutAct_9fa48("898") ? true : (stryCov_9fa48("898", "899", "900"), info.isSpecialUse && (stryMutAct_9fa48("901") ? DOCUMENTATION_DOMAINS.some(n => underName(d, n)) : (stryCov_9fa48("901"), !(stryMutAct_9fa48("902") ? DOCUMENTATION_DOMAINS.every(n => underName(d, n)) : (stryCov_9fa48("902"), DOCUMENTATION_DOMAINS.some(stryMutAct_9fa48("903") ? () => undefined : (stryCov_9fa48("903"), n => underName(d, n))))))))) {
      if (stryMutAct_9fa48("904")) {
        {}
      } else {
        stryCov_9fa48("904");
        return stryMutAct_9fa48("905") ? `` : (stryCov_9fa48("905"), `"${raw}" is a special-use name (RFC 6761: .local, .test, .example, .invalid, .onion, …), never a public one`);
      }
    }
    if (stryMutAct_9fa48("908") ? tld !== 'arpa' : stryMutAct_9fa48("907") ? false : stryMutAct_9fa48("906") ? true : (stryCov_9fa48("906", "907", "908"), tld === (stryMutAct_9fa48("909") ? "" : (stryCov_9fa48("909"), 'arpa')))) return stryMutAct_9fa48("910") ? `` : (stryCov_9fa48("910"), `"${raw}" is in the .arpa infrastructure zone, not a public host or mail name`);
    if (stryMutAct_9fa48("913") ? false : stryMutAct_9fa48("912") ? true : stryMutAct_9fa48("911") ? info.isIcann : (stryCov_9fa48("911", "912", "913"), !info.isIcann)) return stryMutAct_9fa48("914") ? `` : (stryCov_9fa48("914"), `"${raw}" ends in .${tld}, which is not a top-level domain in the public DNS (ICANN); names such as .local, .internal, .lan or .corp only exist inside a network`);
    return undefined;
  }
}

/** Why a string is not a usable customer mail domain, or undefined when it is. */
export function domainProblem(raw: string): string | undefined {
  if (stryMutAct_9fa48("915")) {
    {}
  } else {
    stryCov_9fa48("915");
    const p = publicNameProblem(raw);
    if (stryMutAct_9fa48("917") ? false : stryMutAct_9fa48("916") ? true : (stryCov_9fa48("916", "917"), p)) return p;
    const d = stryMutAct_9fa48("919") ? raw.toLowerCase() : stryMutAct_9fa48("918") ? raw.trim().toUpperCase() : (stryCov_9fa48("918", "919"), raw.trim().toLowerCase());
    const info = parseDomain(d, stryMutAct_9fa48("920") ? {} : (stryCov_9fa48("920"), {
      allowPrivateDomains: stryMutAct_9fa48("921") ? true : (stryCov_9fa48("921"), false)
    }));
    if (stryMutAct_9fa48("924") ? false : stryMutAct_9fa48("923") ? true : stryMutAct_9fa48("922") ? info.domain : (stryCov_9fa48("922", "923", "924"), !info.domain)) return stryMutAct_9fa48("925") ? `` : (stryCov_9fa48("925"), `"${raw}" is a public suffix, not a registrable domain (e.g. example.${stryMutAct_9fa48("926") ? info.publicSuffix && 'com' : (stryCov_9fa48("926"), info.publicSuffix ?? (stryMutAct_9fa48("927") ? "" : (stryCov_9fa48("927"), 'com')))})`);
    return undefined;
  }
}

/** Why an IPv4 address can never be a relay: it is the mail VM itself, or nowhere. */
export function relayAddressProblem(s: string): string | undefined {
  if (stryMutAct_9fa48("928")) {
    {}
  } else {
    stryCov_9fa48("928");
    if (stryMutAct_9fa48("931") ? false : stryMutAct_9fa48("930") ? true : stryMutAct_9fa48("929") ? isIPv4(s) : (stryCov_9fa48("929", "930", "931"), !isIPv4(s))) return undefined;
    const a = ipaddr.IPv4.parse(s);
    if (stryMutAct_9fa48("934") ? DOCUMENTATION.every(([net, len]) => a.match(net, len)) : stryMutAct_9fa48("933") ? false : stryMutAct_9fa48("932") ? true : (stryCov_9fa48("932", "933", "934"), DOCUMENTATION.some(stryMutAct_9fa48("935") ? () => undefined : (stryCov_9fa48("935"), ([net, len]) => a.match(net, len))))) return undefined;
    const range = a.range();
    if (stryMutAct_9fa48("937") ? false : stryMutAct_9fa48("936") ? true : (stryCov_9fa48("936", "937"), (stryMutAct_9fa48("938") ? [] : (stryCov_9fa48("938"), [stryMutAct_9fa48("939") ? "" : (stryCov_9fa48("939"), 'loopback'), stryMutAct_9fa48("940") ? "" : (stryCov_9fa48("940"), 'unspecified'), stryMutAct_9fa48("941") ? "" : (stryCov_9fa48("941"), 'broadcast'), stryMutAct_9fa48("942") ? "" : (stryCov_9fa48("942"), 'multicast'), stryMutAct_9fa48("943") ? "" : (stryCov_9fa48("943"), 'linkLocal'), stryMutAct_9fa48("944") ? "" : (stryCov_9fa48("944"), 'reserved')])).includes(range))) {
      if (stryMutAct_9fa48("945")) {
        {}
      } else {
        stryCov_9fa48("945");
        return stryMutAct_9fa48("946") ? `` : (stryCov_9fa48("946"), `${s} is a ${range} address: the relay would be the mail VM itself or nowhere`);
      }
    }
    return undefined;
  }
}