// Deterministic event IDs. A preview and the forward that follows it must name an event the same way, so
// the ID is a hash of what identifies the event (trace id, span id, event index, …) rather than random.
//
// The hash follows MurmurHash3 x86 128-bit (a public-domain algorithm, written here from its description and
// not checked against its reference vectors, which nothing here needs): 128 bits,
// fast on 32-bit integer maths in any JS engine, no BigInt, no crypto API (which is async in browsers). It is
// not cryptographic; it only has to spread distinct inputs over 2^128 values.
import { utf8Encode } from './utf8.js';

const SEED = 0x5e17e1d5;
const C1 = 0x239b961b;
const C2 = 0xab0e9789;
const C3 = 0x38b34ae5;
const C4 = 0xa1e38b93;

const rotl = (x: number, r: number) => (x << r) | (x >>> (32 - r));

function fmix(h: number): number {
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

const word = (b: Uint8Array, i: number) => b[i]! | (b[i + 1]! << 8) | (b[i + 2]! << 16) | (b[i + 3]! << 24);

/** MurmurHash3 x86_128 of `bytes` as four unsigned 32-bit words. */
export function murmur3x86_128(
  bytes: Uint8Array,
  seed = 0,
  /** Hash only the first `len` bytes (a reused buffer may be longer). */
  len = bytes.length,
): [number, number, number, number] {
  let h1 = seed >>> 0;
  let h2 = h1;
  let h3 = h1;
  let h4 = h1;
  const blocks = len - (len % 16);
  for (let i = 0; i < blocks; i += 16) {
    let k1 = word(bytes, i);
    let k2 = word(bytes, i + 4);
    let k3 = word(bytes, i + 8);
    let k4 = word(bytes, i + 12);
    k1 = Math.imul(rotl(Math.imul(k1, C1), 15), C2);
    h1 ^= k1;
    h1 = rotl(h1, 19);
    h1 = (h1 + h2) | 0;
    h1 = (Math.imul(h1, 5) + 0x561ccd1b) | 0;
    k2 = Math.imul(rotl(Math.imul(k2, C2), 16), C3);
    h2 ^= k2;
    h2 = rotl(h2, 17);
    h2 = (h2 + h3) | 0;
    h2 = (Math.imul(h2, 5) + 0x0bcaa747) | 0;
    k3 = Math.imul(rotl(Math.imul(k3, C3), 17), C4);
    h3 ^= k3;
    h3 = rotl(h3, 15);
    h3 = (h3 + h4) | 0;
    h3 = (Math.imul(h3, 5) + 0x96cd1c35) | 0;
    k4 = Math.imul(rotl(Math.imul(k4, C4), 18), C1);
    h4 ^= k4;
    h4 = rotl(h4, 13);
    h4 = (h4 + h1) | 0;
    h4 = (Math.imul(h4, 5) + 0x32ac3b17) | 0;
  }
  // The 1–15 trailing bytes, little-endian into four lanes, each lane mixed only if it got bytes.
  const rem = len & 15;
  const k = [0, 0, 0, 0];
  for (let i = 0; i < rem; i++) k[i >> 2]! ^= bytes[blocks + i]! << (8 * (i & 3));
  if (rem > 12) h4 ^= Math.imul(rotl(Math.imul(k[3]!, C4), 18), C1);
  if (rem > 8) h3 ^= Math.imul(rotl(Math.imul(k[2]!, C3), 17), C4);
  if (rem > 4) h2 ^= Math.imul(rotl(Math.imul(k[1]!, C2), 16), C3);
  if (rem > 0) h1 ^= Math.imul(rotl(Math.imul(k[0]!, C1), 15), C2);
  h1 ^= len;
  h2 ^= len;
  h3 ^= len;
  h4 ^= len;
  h1 = (h1 + h2 + h3 + h4) | 0;
  h2 = (h2 + h1) | 0;
  h3 = (h3 + h1) | 0;
  h4 = (h4 + h1) | 0;
  h1 = fmix(h1);
  h2 = fmix(h2);
  h3 = fmix(h3);
  h4 = fmix(h4);
  h1 = (h1 + h2 + h3 + h4) >>> 0;
  h2 = (h2 + h1) >>> 0;
  h3 = (h3 + h1) >>> 0;
  h4 = (h4 + h1) >>> 0;
  return [h1, h2, h3, h4];
}

/** Two lowercase hex digits per byte value: formatting an ID is four table lookups per word. */
const HEX_BYTE = Array.from({ length: 256 }, (_, b) => b.toString(16).padStart(2, '0'));
const hex8 = (n: number) =>
  HEX_BYTE[n >>> 24]! + HEX_BYTE[(n >>> 16) & 0xff]! + HEX_BYTE[(n >>> 8) & 0xff]! + HEX_BYTE[n & 0xff]!;

/**
 * A 32-character lowercase hex event ID that is the same for the same parts, in the same order.
 * Parts are length-framed, so ('ab', 'c') and ('a', 'bc') differ. Never all zeros (Sentry rejects that).
 */
export function eventIdFor(...parts: string[]): string {
  const strings = parts.every((p) => typeof p === 'string') ? parts : parts.map(String);
  // IDs and labels are ASCII, whose UTF-8 bytes are their char codes: frame them straight into the buffer
  // (same bytes as the TextEncoder path below, without an encoder call and array per part).
  let ascii = true;
  let total = 4;
  for (const p of strings) {
    total += 4 + p.length;
    for (let i = 0; ascii && i < p.length; i++) if (p.charCodeAt(i) > 0x7f) ascii = false;
  }
  if (!ascii) return eventIdForEncoded(strings);
  // One buffer reused across calls (this runs per event): allocating a typed array costs more than the hash.
  // Parts are IDs and labels; an unusually long one gets its own buffer rather than enlarging the shared one.
  const buf = total <= scratch.length ? scratch : new Uint8Array(total);
  let o = putLength(buf, 0, strings.length);
  for (const p of strings) {
    o = putLength(buf, o, p.length);
    for (let i = 0; i < p.length; i++) buf[o++] = p.charCodeAt(i);
  }
  return idFromHash(buf, total);
}

const scratch = new Uint8Array(256);

/** Little-endian 32-bit length at `o`; returns the next offset. */
function putLength(buf: Uint8Array, o: number, n: number): number {
  buf[o] = n & 0xff;
  buf[o + 1] = (n >>> 8) & 0xff;
  buf[o + 2] = (n >>> 16) & 0xff;
  buf[o + 3] = (n >>> 24) & 0xff;
  return o + 4;
}

function idFromHash(buf: Uint8Array, len = buf.length): string {
  const [a, b, c, d] = murmur3x86_128(buf, SEED, len);
  const id = hex8(a) + hex8(b) + hex8(c) + hex8(d);
  return id === '0'.repeat(32) ? '0'.repeat(31) + '1' : id;
}

function eventIdForEncoded(parts: string[]): string {
  const encoded = parts.map((p) => utf8Encode(p));
  const total = encoded.reduce((n, b) => n + 4 + b.length, 4);
  const buf = new Uint8Array(total);
  let o = putLength(buf, 0, encoded.length);
  for (const b of encoded) {
    o = putLength(buf, o, b.length);
    buf.set(b, o);
    o += b.length;
  }
  return idFromHash(buf);
}
