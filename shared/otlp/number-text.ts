// Turning wire numbers and bytes into the model's text forms: exact decimal strings for 64-bit integers,
// lowercase hex for IDs, standard base64 for bytes. Results are built as flat strings from char codes
// (never by concatenation) because the store keeps them and V8's concatenation ropes cost memory.

const HEX_CODES = new Uint8Array(512);
for (let i = 0; i < 256; i++) {
  const s = i.toString(16).padStart(2, '0');
  HEX_CODES[2 * i] = s.charCodeAt(0);
  HEX_CODES[2 * i + 1] = s.charCodeAt(1);
}

/** One reusable char-code array per output length, so String.fromCharCode.apply gets exact lengths. */
const scratch: number[][] = [];
function codes(len: number): number[] {
  let a = scratch[len];
  if (!a) {
    a = new Array<number>(len).fill(0);
    scratch[len] = a;
  }
  return a;
}

function fromCodes(a: number[]): string {
  return String.fromCharCode.apply(null, a);
}

/** bytes[start, end) → lowercase hex. */
export function bytesToHex(buf: Uint8Array, start: number, end: number): string {
  const n = end - start;
  if (n === 0) return '';
  const out = codes(2 * n);
  for (let i = 0; i < n; i++) {
    const b = buf[start + i]! << 1;
    out[2 * i] = HEX_CODES[b]!;
    out[2 * i + 1] = HEX_CODES[b + 1]!;
  }
  return fromCodes(out);
}

const DIGIT0 = 48;

/** Writes the decimal digits of a non-negative integer < 2^53 at the end of `out` ending before `end`. */
function writeDigits(out: number[], end: number, v: number, minDigits: number): number {
  let i = end;
  let written = 0;
  while (v > 0 || written < minDigits) {
    const q = Math.floor(v / 10);
    out[--i] = DIGIT0 + (v - q * 10);
    v = q;
    written++;
  }
  return i;
}

function digitCount(v: number): number {
  let n = 1;
  while (v >= 10) {
    v = Math.floor(v / 10);
    n++;
  }
  return n;
}

const TWO_32 = 4294967296;

/**
 * The unsigned 64-bit integer hi·2^32 + lo as an exact decimal string. Nanosecond timestamps (~1.8e18)
 * are far beyond 2^53, so the value is split into two exact doubles in base 10^9:
 * hi = a·2^16 + b, 2^48 = 281474·10^9 + 976710656, 2^32 = 4·10^9 + 294967296, so
 * value = (a·281474 + b·4)·10^9 + (a·976710656 + b·294967296 + lo), each term < 2^53.
 */
export function uint64ToDecimal(lo: number, hi: number): string {
  if (hi < 0x200000) return String(hi * TWO_32 + lo);
  const a = hi >>> 16;
  const b = hi & 0xffff;
  let low = a * 976710656 + b * 294967296 + lo;
  let high = a * 281474 + b * 4;
  const carry = Math.floor(low / 1e9);
  low -= carry * 1e9;
  high += carry;
  if (high >= 1e9 && high < 1e10) return nineteenDigits(high, low);
  const hd = digitCount(high);
  const out = codes(hd + 9);
  writeDigits(out, hd + 9, low, 9);
  writeDigits(out, hd, high, hd);
  return fromCodes(out);
}

// Nanosecond timestamps from 2001 to 2286 have exactly 19 digits: build them with one fromCharCode call of
// fixed arity (far cheaper than apply), reusing the seconds digits, which spans of one batch mostly share.
const hiDigits = new Array<number>(10).fill(DIGIT0);
let lastHigh = -1;
const loDigits = new Array<number>(9).fill(DIGIT0);

function nineteenDigits(high: number, low: number): string {
  const h = hiDigits;
  if (high !== lastHigh) {
    writeDigits(h, 10, high, 10);
    lastHigh = high;
  }
  const l = loDigits;
  let v = low;
  for (let i = 8; i >= 0; i--) {
    const q = (v / 10) | 0;
    l[i] = DIGIT0 + v - q * 10;
    v = q;
  }
  return String.fromCharCode(
    h[0]!,
    h[1]!,
    h[2]!,
    h[3]!,
    h[4]!,
    h[5]!,
    h[6]!,
    h[7]!,
    h[8]!,
    h[9]!,
    l[0]!,
    l[1]!,
    l[2]!,
    l[3]!,
    l[4]!,
    l[5]!,
    l[6]!,
    l[7]!,
    l[8]!,
  );
}

/** The two's-complement signed 64-bit integer in lo/hi as an exact decimal string. */
export function int64ToDecimal(lo: number, hi: number): string {
  if (hi & 0x80000000) {
    // Negate: invert and add one across both words.
    let nlo = ~lo >>> 0;
    let nhi = ~hi >>> 0;
    nlo = (nlo + 1) >>> 0;
    if (nlo === 0) nhi = (nhi + 1) >>> 0;
    return '-' + uint64ToDecimal(nlo, nhi);
  }
  return uint64ToDecimal(lo, hi);
}

const B64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
const B64_CODES = Array.from(B64, (c) => c.charCodeAt(0));
const PAD = 61; // '='

/** bytes[start, end) → standard padded base64. */
export function bytesToBase64(buf: Uint8Array, start: number, end: number): string {
  const n = end - start;
  if (n === 0) return '';
  const outLen = Math.ceil(n / 3) * 4;
  const out: number[] = outLen <= 4096 ? codes(outLen) : new Array<number>(outLen);
  let o = 0;
  let i = start;
  for (; i + 2 < end; i += 3) {
    const v = (buf[i]! << 16) | (buf[i + 1]! << 8) | buf[i + 2]!;
    out[o++] = B64_CODES[v >>> 18]!;
    out[o++] = B64_CODES[(v >>> 12) & 63]!;
    out[o++] = B64_CODES[(v >>> 6) & 63]!;
    out[o++] = B64_CODES[v & 63]!;
  }
  const rest = end - i;
  if (rest > 0) {
    const v = (buf[i]! << 16) | (rest === 2 ? buf[i + 1]! << 8 : 0);
    out[o++] = B64_CODES[v >>> 18]!;
    out[o++] = B64_CODES[(v >>> 12) & 63]!;
    out[o++] = rest === 2 ? B64_CODES[(v >>> 6) & 63]! : PAD;
    out[o++] = PAD;
  }
  if (outLen <= 8192) return fromCodes(out);
  // Very long values: apply() has an argument limit, so convert in chunks.
  let s = '';
  for (let k = 0; k < outLen; k += 8192) s += String.fromCharCode.apply(null, out.slice(k, k + 8192));
  return s;
}

const B64_VALUES = new Int8Array(128).fill(-1);
for (let i = 0; i < 64; i++) B64_VALUES[B64.charCodeAt(i)] = i;
// proto3 JSON parsers accept the URL-safe alphabet too.
B64_VALUES[45] = 62; // '-'
B64_VALUES[95] = 63; // '_'

/** Strict base64 (standard or URL-safe alphabet, padding optional) → bytes, or null when malformed. */
function base64ToBytes(s: string): Uint8Array | null {
  let len = s.length;
  while (len > 0 && s.charCodeAt(len - 1) === PAD) len--;
  if (s.length - len > 2) return null;
  if (len % 4 === 1) return null;
  if (s.length !== len && s.length % 4 !== 0) return null;
  const out = new Uint8Array(Math.floor((len * 3) / 4));
  let acc = 0;
  let bits = 0;
  let o = 0;
  for (let i = 0; i < len; i++) {
    const c = s.charCodeAt(i);
    const v = c < 128 ? B64_VALUES[c]! : -1;
    if (v < 0) return null;
    acc = ((acc << 6) | v) & 0xffffff;
    bits += 6;
    if (bits >= 8) {
      bits -= 8;
      out[o++] = (acc >>> bits) & 0xff;
    }
  }
  return out;
}

/** Canonical base64 of a JSON bytesValue (re-encoded so the model always holds the padded standard form). */
export function canonicalBase64(s: string): string | null {
  const bytes = base64ToBytes(s);
  return bytes ? bytesToBase64(bytes, 0, bytes.length) : null;
}
