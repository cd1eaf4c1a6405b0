// Rate-limit state per target, kept with @sentry/core's own helpers (updateRateLimits, isRateLimited,
// disabledUntil), so X-Sentry-Rate-Limits and Retry-After are read exactly as the Sentry SDKs read them:
// per category when the header names categories, `all` otherwise, 60 s when a 429 says nothing.
import { disabledUntil, isRateLimited, updateRateLimits, type RateLimits } from '@sentry/core';
import type { DataCategory } from '@sentry/core';
import type { NewDelivery, TargetKind } from './types.js';

export type { RateLimits };

/** Sentry's data category for an item (what X-Sentry-Rate-Limits names). */
export function dataCategory(category: NewDelivery['category'], kind: TargetKind): DataCategory {
  switch (category) {
    case 'transaction':
      return 'transaction';
    case 'error':
      return 'error';
    case 'span':
      return 'span';
    case 'client_report':
      return 'internal';
    case 'otlp':
      // Sentry's OTLP endpoint ingests spans; a plain OTLP backend only ever limits `all` (Retry-After).
      return kind === 'sentry-otlp' ? 'span' : 'default';
  }
}

/** New limits after a response (any status: Sentry may send X-Sentry-Rate-Limits with a 200 too). */
export function limitsAfter(
  limits: RateLimits,
  status: number,
  headers: Record<string, string>,
  now: number,
): RateLimits {
  return updateRateLimits(
    limits,
    {
      statusCode: status,
      headers: {
        'x-sentry-rate-limits': headers['x-sentry-rate-limits'] ?? null,
        'retry-after': headers['retry-after'] ?? null,
      },
    },
    now,
  );
}

export function limitedUntil(limits: RateLimits, category: DataCategory, now: number): number {
  return isRateLimited(limits, category, now) ? disabledUntil(limits, category) : 0;
}

/** The limits still in force (for status), by category name. */
export function activeLimits(limits: RateLimits, now: number): Record<string, number> | undefined {
  const out: Record<string, number> = {};
  for (const [cat, until] of Object.entries(limits)) if (until > now) out[cat] = until;
  return Object.keys(out).length ? out : undefined;
}

/** Categories a 429 paused (names from the header, or `all`). */
export function limitedCategories(before: RateLimits, after: RateLimits): string[] {
  return Object.keys(after).filter((c) => after[c] !== before[c]);
}
