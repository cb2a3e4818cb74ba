// @ts-nocheck
// The one function that turns an argv array into a POSIX shell command line (for SSH, whose
// exec request is a single string run by the remote user's shell). Every user-supplied string
// that reaches a remote command passes through here.
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
const SAFE = stryMutAct_9fa48("3") ? /^[^A-Za-z0-9_@%+=:,./-]+$/ : stryMutAct_9fa48("2") ? /^[A-Za-z0-9_@%+=:,./-]$/ : stryMutAct_9fa48("1") ? /^[A-Za-z0-9_@%+=:,./-]+/ : stryMutAct_9fa48("0") ? /[A-Za-z0-9_@%+=:,./-]+$/ : (stryCov_9fa48("0", "1", "2", "3"), /^[A-Za-z0-9_@%+=:,./-]+$/);
export function quoteArg(arg: string): string {
  if (stryMutAct_9fa48("4")) {
    {}
  } else {
    stryCov_9fa48("4");
    if (stryMutAct_9fa48("6") ? false : stryMutAct_9fa48("5") ? true : (stryCov_9fa48("5", "6"), SAFE.test(arg))) return arg;
    // Single quotes keep everything literal; a single quote itself is closed, escaped, reopened.
    // (SAFE needs one character, so the empty argument lands here too and becomes ''.)
    return stryMutAct_9fa48("7") ? `` : (stryCov_9fa48("7"), `'${arg.replace(/'/g, stryMutAct_9fa48("8") ? `` : (stryCov_9fa48("8"), `'\\''`))}'`);
  }
}
export function shellQuote(argv: readonly string[]): string {
  if (stryMutAct_9fa48("9")) {
    {}
  } else {
    stryCov_9fa48("9");
    if (stryMutAct_9fa48("12") ? argv.length !== 0 : stryMutAct_9fa48("11") ? false : stryMutAct_9fa48("10") ? true : (stryCov_9fa48("10", "11", "12"), argv.length === 0)) throw new Error(stryMutAct_9fa48("13") ? "" : (stryCov_9fa48("13"), 'shellQuote: empty argv'));
    return argv.map(quoteArg).join(stryMutAct_9fa48("14") ? "" : (stryCov_9fa48("14"), ' '));
  }
}