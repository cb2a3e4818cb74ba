// @ts-nocheck
// Text layout helpers for fixed-width output (the terminal checklist, the verify table).

/** Greedy word wrap; words longer than the width are cut (DKIM keys, long TXT values). */
export function wrap(text: string, width: number): string[] {
  const out: string[] = [];
  for (const para of text.split('\n')) {
    let line = '';
    for (let word of para.split(/\s+/).filter(Boolean)) {
      while (word.length > width) {
        if (line) {
          out.push(line);
          line = '';
        }
        out.push(word.slice(0, width));
        word = word.slice(width);
      }
      if (!line) line = word;
      else if (line.length + 1 + word.length <= width) line += ` ${word}`;
      else {
        out.push(line);
        line = word;
      }
    }
    out.push(line);
  }
  return out;
}

/** Wrap with a first-line prefix and a hanging indent for the following lines. */
export function hang(prefix: string, text: string, width: number, indent = prefix.length): string[] {
  const lines = wrap(text, Math.max(10, width - indent));
  return lines.map((l, i) => (i === 0 ? prefix.padEnd(indent) : ' '.repeat(indent)) + l).map((l) => l.trimEnd());
}

/** Shorten the middle of a long value: "v=DKIM1; k=rsa; p=MIIB…IDAQAB". */
export function middle(text: string, max: number): string {
  if (text.length <= max) return text;
  const keep = max - 1;
  return `${text.slice(0, Math.ceil(keep / 2))}…${text.slice(text.length - Math.floor(keep / 2))}`;
}
