// The Sentry tab can preview "as target X receives it": the query then names the target alone — the core
// takes the profile (from the kind), options, environment, release, DSN and resource rules from the
// target's settings and refuses any other parameter with it, so the preview shows what that target gets.
import type { ForwardTargetView } from '../../../shared/api/contract.js';
import type { SentryProfile } from '../../../shared/sentry/preview.js';
import { resolveOptions, type MappingOptions } from '../../../shared/sentry/options.js';
import { encodeSentryPreviewQuery } from '../../../shared/api/query-format.js';
import { previewQuery, type OptionOverrides } from './sentry-view.js';

/** Targets a Sentry preview makes sense for (plain OTLP endpoints receive the spans as they are). */
export function previewableTargets(
  targets: readonly ForwardTargetView[] | null | undefined,
): ForwardTargetView[] {
  return (targets ?? []).filter((t) => t.kind !== 'otlp-http');
}

export function targetProfile(t: ForwardTargetView): SentryProfile {
  return t.kind === 'sentry-otlp' ? 'sentry-otlp' : 'collector';
}

/** The preview's query: the target's when one is chosen (and still exists), else the tab's own toggles. */
export function sentryPreviewQuery(
  profile: SentryProfile,
  overrides: OptionOverrides,
  target: ForwardTargetView | null,
): string {
  if (!target) return previewQuery(profile, overrides);
  return encodeSentryPreviewQuery({ target: target.id });
}

/** The options the target sends with (defaults overlaid with its own), for the tab's read-only toggles. */
export function targetOptions(t: ForwardTargetView): MappingOptions {
  return resolveOptions(t.options);
}
