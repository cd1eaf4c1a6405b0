// UTF-8 helpers that need no Buffer: envelope item `length` is in UTF-8 bytes, and counting them must not
// cost an encode of a 1 MiB payload.

/** Bytes `new TextEncoder().encode(s)` would produce (a lone surrogate becomes U+FFFD, 3 bytes). */
export function utf8Length(s: string): number {
  let n = 0;
  const len = s.length;
  for (let i = 0; i < len; i++) {
    const c = s.charCodeAt(i);
    if (c < 0x80) n += 1;
    else if (c < 0x800) n += 2;
    else if (c >= 0xd800 && c <= 0xdbff && i + 1 < len) {
      const d = s.charCodeAt(i + 1);
      if (d >= 0xdc00 && d <= 0xdfff) {
        n += 4;
        i++;
      } else n += 3;
    } else n += 3;
  }
  return n;
}

const encoder = new TextEncoder();
const decoder = new TextDecoder('utf-8', { fatal: false });

export function utf8Encode(s: string): Uint8Array {
  return encoder.encode(s);
}

/** Decodes, replacing invalid sequences with U+FFFD (never throws). */
export function utf8Decode(bytes: Uint8Array): string {
  return decoder.decode(bytes);
}
