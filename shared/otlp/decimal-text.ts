// Checking decimal number text from OTLP/JSON in one left-to-right pass with constant work per character.
// Regular expressions with nested quantifiers (`\d+\.?\d*`) backtrack quadratically on a long digit run that
// fails at its end, and BigInt() of a long digit string is quadratic too: a 40 KB or 16 MB body could hold
// the event loop for seconds. Here every check is a scan, and BigInt only ever sees at most 20 digits.

const ZERO = 48;
const NINE = 57;
const MINUS = 45;
const PLUS = 43;
const DOT = 46;

function isDigit(c: number): boolean {
  return c >= ZERO && c <= NINE;
}

/** Index of the first non-digit at or after `i` (s.length when the digits run to the end). */
function skipDigits(s: string, i: number): number {
  while (i < s.length && isDigit(s.charCodeAt(i))) i++;
  return i;
}

/**
 * Is `s` a decimal float: `-?(digits[.digits*] | .digits)([eE][+-]?digits)?` — what proto3 JSON accepts
 * for a double given as a string, and nothing `Number()` would also take (hex, blanks, "Infinity" spelled
 * differently). Linear in `s`.
 */
export function isFloatText(s: string): boolean {
  let i = 0;
  if (s.charCodeAt(i) === MINUS) i++;
  const intStart = i;
  i = skipDigits(s, i);
  let mantissaDigits = i - intStart;
  if (s.charCodeAt(i) === DOT) {
    const fracStart = ++i;
    i = skipDigits(s, i);
    mantissaDigits += i - fracStart;
  }
  if (mantissaDigits === 0) return false;
  const e = s.charCodeAt(i);
  if (e === 101 || e === 69) {
    i++;
    const sign = s.charCodeAt(i);
    if (sign === PLUS || sign === MINUS) i++;
    const expStart = i;
    i = skipDigits(s, i);
    if (i === expStart) return false;
  }
  return i === s.length;
}

/** The most significant digits a 64-bit integer can have (uint64 max is 18446744073709551615). */
const MAX_INT64_DIGITS = 20;
/** Up to this many digits a value is certainly within int64 and exact as a double: no BigInt needed. */
const SAFE_DIGITS = 15;

const UINT64_MAX = (1n << 64n) - 1n;
const INT64_MIN = -(1n << 63n);
const INT64_MAX = (1n << 63n) - 1n;

type IntegerTextResult =
  { ok: true; value: string } | { ok: false; problem: 'not-decimal' | 'negative' | 'out-of-range' };

/**
 * A decimal integer string (optional '-', digits, leading zeros allowed as in Go's ParseInt) → its canonical
 * decimal form, range-checked for int64 or uint64. Linear in `s`; BigInt sees at most 20 digits, so a
 * 16-million-digit timestamp is refused as out of range after one scan.
 */
export function canonicalInteger(s: string, unsigned: boolean): IntegerTextResult {
  const negative = s.charCodeAt(0) === MINUS;
  const start = negative ? 1 : 0;
  if (start === s.length) return { ok: false, problem: 'not-decimal' };
  if (skipDigits(s, start) !== s.length) return { ok: false, problem: 'not-decimal' };
  let first = start;
  while (first < s.length && s.charCodeAt(first) === ZERO) first++;
  const digits = s.length - first;
  if (digits === 0) return { ok: true, value: '0' };
  if (negative && unsigned) return { ok: false, problem: 'negative' };
  if (digits > MAX_INT64_DIGITS) return { ok: false, problem: 'out-of-range' };
  const magnitude = first === 0 ? s : s.slice(first);
  const canonical = negative ? `-${magnitude}` : magnitude;
  if (digits <= SAFE_DIGITS) return { ok: true, value: canonical };
  const big = BigInt(canonical);
  const inRange = unsigned ? big <= UINT64_MAX : big >= INT64_MIN && big <= INT64_MAX;
  return inRange ? { ok: true, value: canonical } : { ok: false, problem: 'out-of-range' };
}

/** A possibly huge text for an error message: its start, and its length when it was cut. */
export function excerpt(s: string, max = 40): string {
  return s.length <= max ? s : `${s.slice(0, max)}… (${s.length} characters)`;
}
