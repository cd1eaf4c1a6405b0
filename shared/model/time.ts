// Nanosecond timestamps travel as decimal strings so they stay exact; these helpers convert at the edges.

/** Decimal ns string → ms as a double (sub-µs precision is lost, fine for display and durations). */
export function nanosToMs(nanos: string): number {
  // Split to avoid losing precision in Number(nanos) for large values before the division.
  const len = nanos.length;
  if (len <= 6) return Number(nanos) / 1e6;
  return Number(nanos.slice(0, len - 6)) + Number(nanos.slice(len - 6)) / 1e6;
}

/** Difference b - a in ms between two decimal ns strings. */
export function durationMs(startNanos: string, endNanos: string): number {
  return Number(BigInt(endNanos) - BigInt(startNanos)) / 1e6;
}

/** Compare two decimal ns strings without BigInt (both canonical: no sign, no leading zeros). */
export function compareNanos(a: string, b: string): number {
  if (a.length !== b.length) return a.length - b.length;
  return a < b ? -1 : a > b ? 1 : 0;
}
