// @ts-nocheck
// The lego command lines NixOS's security.acme writes into acme-order-renew-<cert>'s script
// (lib.escapeShellArgs: words single-quoted only when needed), read back as argv arrays.

/** Split one shell line of plain and single-quoted words. */
export function shellWords(line: string): string[] {
  const out: string[] = [];
  let cur = '';
  let inWord = false;
  for (let i = 0; i < line.length; i++) {
    const c = line[i]!;
    if (c === "'") {
      const end = line.indexOf("'", i + 1);
      if (end < 0) throw new Error(`unterminated quote in ${line}`);
      cur += line.slice(i + 1, end);
      i = end;
      inWord = true;
    } else if (c === ' ' || c === '\t') {
      if (inWord) out.push(cur);
      cur = '';
      inWord = false;
    } else if (c === '\\' || c === '"' || c === '$' || c === '`') {
      throw new Error(`unexpected shell syntax ${c} in ${line}`);
    } else {
      cur += c;
      inWord = true;
    }
  }
  if (inWord) out.push(cur);
  return out;
}

/** The `lego … run` and `lego … renew …` argument lists of the order/renew script. */
export function legoCommands(script: string): { run: string[]; renew: string[] } {
  const find = (re: RegExp) => {
    const m = re.exec(script);
    if (!m) throw new Error(`no lego command matching ${re} in the acme script`);
    return shellWords(m[1]!);
  };
  return { run: find(/elif ! lego (.+?); then/), renew: find(/if ! lego (.+? renew .+?); then/) };
}

/** Replace the value after `flag` (asserting what it was), e.g. swap the ACME server. */
export function swapFlag(args: string[], flag: string, expected: string | RegExp, value: string): string[] {
  const i = args.indexOf(flag);
  if (i < 0) throw new Error(`${flag} is not in ${args.join(' ')}`);
  const was = args[i + 1]!;
  if (typeof expected === 'string' ? was !== expected : !expected.test(was)) throw new Error(`${flag} is ${was}, expected ${expected}`);
  return [...args.slice(0, i + 1), value, ...args.slice(i + 2)];
}
