// Formatting that must match what the Go collector exporter (sentry-go) puts on the wire, so that the
// classic profile reproduces it exactly: Go's strconv.FormatFloat(v, 'g', -1, 64) for double tags and
// time.Time.MarshalJSON (RFC 3339, nanoseconds, trailing zeros trimmed) for timestamps.

/** strconv.FormatFloat(v, 'g', -1, 64): shortest round-trip digits; exponent form when the decimal exponent
 *  is < -4 or >= 6 (JS's String() switches only at 1e21, so it cannot be used). */
export function formatGoFloat(v: number): string {
  if (Number.isNaN(v)) return 'NaN';
  if (v === Infinity) return '+Inf';
  if (v === -Infinity) return '-Inf';
  if (v === 0) return Object.is(v, -0) ? '-0' : '0';
  // Shortest round-trip digits and decimal exponent, from JS's own shortest formatting.
  const [mantissa, expPart] = v.toExponential().split('e') as [string, string];
  const exp = Number(expPart);
  const neg = mantissa.startsWith('-');
  const digits = mantissa.replace('-', '').replace('.', '');
  // strconv/ftoa.go: "if precision was the shortest possible, use precision 6 for this decision".
  const eprec = 6;
  let out: string;
  if (exp < -4 || exp >= eprec) {
    const frac = digits.length > 1 ? `${digits[0]}.${digits.slice(1)}` : digits;
    const absExp = Math.abs(exp);
    out = `${frac}e${exp < 0 ? '-' : '+'}${absExp < 10 ? '0' : ''}${absExp}`;
  } else if (exp < 0) {
    out = `0.${'0'.repeat(-exp - 1)}${digits}`;
  } else if (digits.length <= exp + 1) {
    out = digits + '0'.repeat(exp + 1 - digits.length);
  } else {
    out = `${digits.slice(0, exp + 1)}.${digits.slice(exp + 1)}`;
  }
  return neg ? `-${out}` : out;
}

const ISO_CACHE = new Map<string, string>();
let lastSec = '';
let lastBase = '';

/** Whole seconds since epoch → "YYYY-MM-DDTHH:MM:SS"; out-of-range or garbage reads as the epoch. */
function isoSeconds(secPart: string): string {
  const d = new Date(Number(secPart) * 1000);
  return Number.isNaN(d.getTime()) ? '1970-01-01T00:00:00' : d.toISOString().slice(0, 19);
}

/** Decimal ns since epoch → Go's time.Time JSON form: "2006-01-02T15:04:05.999999999Z" (UTC). */
export function rfc3339Nano(nanos: string): string {
  let n = nanos;
  if (n.length > 1 && n.charCodeAt(0) === 48) n = n.replace(/^0+(?=\d)/, '');
  const secPart = n.length > 9 ? n.slice(0, n.length - 9) : '0';
  // Whole seconds repeat a lot inside one trace: remember the last one, and cache the rest.
  let base: string | undefined;
  if (secPart === lastSec) base = lastBase;
  else {
    base = ISO_CACHE.get(secPart);
    if (base === undefined) {
      base = isoSeconds(secPart);
      if (ISO_CACHE.size > 4096) ISO_CACHE.clear();
      ISO_CACHE.set(secPart, base);
    }
    lastSec = secPart;
    lastBase = base;
  }
  const fracPart = n.length > 9 ? n.slice(n.length - 9) : n.padStart(9, '0');
  let end = 9;
  while (end > 0 && fracPart.charCodeAt(end - 1) === 48) end--;
  return end ? `${base}.${fracPart.slice(0, end)}Z` : `${base}Z`;
}

/** Decimal ns → float seconds with microsecond precision, as Sentry stores them. */
export function nanosToSecondsMicros(nanos: string): number {
  const n = nanos.length > 3 ? nanos.slice(0, nanos.length - 3) : '0';
  const len = n.length;
  if (len <= 6) return Number(n) / 1e6;
  return Number(n.slice(0, len - 6)) + Number(n.slice(len - 6)) / 1e6;
}
