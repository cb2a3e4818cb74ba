// @ts-nocheck
// Mailbox passwords for dovecot's passwd-file (nix/policy/mail-policy.json: passdb
// scheme=SHA512-CRYPT). SHA512-CRYPT is glibc's "$6$" crypt (Drepper's specification),
// implemented on node:crypto because Node >= 18.19 has no crypt(3) and no argon2.
import { createHash, randomBytes } from 'node:crypto';

const ITOA64 = './0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz';

function sha512(...parts: Buffer[]): Buffer {
  const h = createHash('sha512');
  for (const p of parts) h.update(p);
  return h.digest();
}

/** `len` bytes taken from `block` repeated. */
function stretch(block: Buffer, len: number): Buffer {
  const out = Buffer.alloc(len);
  for (let i = 0; i < len; i += block.length) block.copy(out, i, 0, Math.min(block.length, len - i));
  return out;
}


function encode(f: Buffer): string {
  let out = '';
  const put = (b2: number, b1: number, b0: number, n: number) => {
    let w = (b2 << 16) | (b1 << 8) | b0;
    for (let i = 0; i < n; i++, w >>= 6) out += ITOA64[w & 0x3f];
  };
  // Group k (0..20) uses bytes a=k, b=k+21, c=k+42 rotated by k mod 3.
  for (let k = 0; k < 21; k++) {
    const t = [k, k + 21, k + 42] as const;
    const r = k % 3;
    const [a, b, c] = r === 0 ? [t[0], t[1], t[2]] : r === 1 ? [t[1], t[2], t[0]] : [t[2], t[0], t[1]];
    put(f[a]!, f[b]!, f[c]!, 4);
  }
  put(0, 0, f[63]!, 2);
  return out;
}

export function sha512Crypt(password: string, salt: string, rounds = 5000): string {
  if (!/^[./0-9A-Za-z]{1,16}$/.test(salt)) throw new Error('salt must be 1-16 characters of [./0-9A-Za-z]');
  const r = Math.min(999_999_999, Math.max(1000, Math.floor(rounds)));
  const P = Buffer.from(password, 'utf8');
  const S = Buffer.from(salt, 'ascii');
  const B = sha512(P, S, P);
  const a = createHash('sha512').update(P).update(S);
  let n = P.length;
  for (; n > 64; n -= 64) a.update(B);
  a.update(B.subarray(0, n));
  for (let i = P.length; i > 0; i >>= 1) a.update(i & 1 ? B : P);
  let C = a.digest();
  const DP = sha512(...Array<Buffer>(P.length).fill(P));
  const Pp = stretch(DP, P.length);
  const DS = sha512(...Array<Buffer>(16 + C[0]!).fill(S));
  const Sp = stretch(DS, S.length);
  for (let i = 0; i < r; i++) {
    const h = createHash('sha512');
    h.update(i & 1 ? Pp : C);
    if (i % 3) h.update(Sp);
    if (i % 7) h.update(Pp);
    h.update(i & 1 ? C : Pp);
    C = h.digest();
  }
  const head = r === 5000 ? `$6$${salt}$` : `$6$rounds=${r}$${salt}$`;
  return head + encode(C);
}

export function randomSalt(): string {
  return [...randomBytes(16)].map((b) => ITOA64[b & 0x3f]).join('');
}

/** One passwd-file line: `user@domain:{SHA512-CRYPT}$6$...` (uid/gid/home come from the static userdb). */
export function passwdFileLine(address: string, password: string, opts: { salt?: string; rounds?: number } = {}): string {
  if (/[:\n]/.test(address)) throw new Error(`mailbox address ${JSON.stringify(address)} contains ':' or a newline`);
  return `${address}:{SHA512-CRYPT}${sha512Crypt(password, opts.salt ?? randomSalt(), opts.rounds ?? 5000)}`;
}
