// Retry delays: exponential backoff with jitter. "Equal jitter" (half fixed, half random) rather than full
// jitter so that a retry never comes back immediately after a failure, yet many inspectors (or many targets)
// that failed together do not retry in lock step.

export interface BackoffPolicy {
  /** Delay after the first failure, before jitter. */
  baseMs: number;
  /** Upper bound of the delay, before jitter. */
  maxMs: number;
}

export const DEFAULT_BACKOFF: BackoffPolicy = { baseMs: 1_000, maxMs: 30_000 };

/** Delay before the next attempt after `failures` consecutive failures (≥ 1); `random` in [0, 1). */
export function backoffDelay(failures: number, policy: BackoffPolicy, random: number): number {
  const exp = Math.min(policy.maxMs, policy.baseMs * 2 ** Math.max(0, Math.min(30, failures - 1)));
  return Math.round(exp / 2 + (exp / 2) * random);
}
