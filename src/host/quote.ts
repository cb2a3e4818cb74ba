// The one function that turns an argv array into a POSIX shell command line (for SSH, whose
// exec request is a single string run by the remote user's shell). Every user-supplied string
// that reaches a remote command passes through here.

const SAFE = /^[A-Za-z0-9_@%+=:,./-]+$/;

export function quoteArg(arg: string): string {
  if (SAFE.test(arg)) return arg;
  // Single quotes keep everything literal; a single quote itself is closed, escaped, reopened.
  // (SAFE needs one character, so the empty argument lands here too and becomes ''.)
  return `'${arg.replace(/'/g, `'\\''`)}'`;
}

export function shellQuote(argv: readonly string[]): string {
  if (argv.length === 0) throw new Error('shellQuote: empty argv');
  return argv.map(quoteArg).join(' ');
}
