// The jobs the worker pool runs: input-sized, CPU-bound work that would hold the event loop (and with it
// every receiver and API request) for too long. Each task is a pure function of structured-cloneable input;
// a Uint8Array result is transferred back without a copy. Add a task here and run it with
// `pool.run('name', input)`; its input and output types follow from this table.
import { applyResourceRules } from '../../../shared/forwarding/resource-rules.js';
import { targetItems, type TargetItem } from '../../../shared/forwarding/target-payloads.js';
import type { ForwardTarget, ResourceRule } from '../../../shared/forwarding/target-types.js';
import { redact } from '../../../shared/forwarding/targets.js';
import type { Span } from '../../../shared/model/span.js';
import { previewCutLint, type PreviewCutReport } from '../../../shared/sentry/preview-budget.js';
import {
  buildSentryPreview,
  type SentryPreview,
  type SentryPreviewRequest,
} from '../../../shared/sentry/preview.js';

export interface SentryPreviewTaskInput {
  spans: readonly Span[];
  request: SentryPreviewRequest;
  /** What was cut from the trace to fit the preview budget (null: nothing). */
  cut: PreviewCutReport | null;
  /** A forwarding target's resource rules, applied to the spans first (preview as that target). */
  resourceRules?: readonly ResourceRule[];
  /** Secrets (DSN keys, header values) masked in the answer. */
  secrets?: readonly string[];
}

/** Forwarding: several traces' items for one target (shared/forwarding/target-payloads.ts). */
export interface ForwardItemsTaskInput {
  target: ForwardTarget;
  /** RFC 3339 sending time. */
  sentAt: string;
  traces: { spans: readonly Span[]; generation: number }[];
}

const utf8 = new TextEncoder();

/** How a trace would land in Sentry, in counts (the trace list's Sentry column). */
export interface OutcomeCounts {
  transactions: number;
  spans: number;
  errors: number;
  lints: number;
  lintErrors: number;
}

function previewOf(input: SentryPreviewTaskInput): SentryPreview {
  const spans = input.resourceRules ? applyResourceRules(input.spans, input.resourceRules) : input.spans;
  const preview = buildSentryPreview(spans, input.request);
  if (input.cut) preview.lints.unshift(previewCutLint(input.cut));
  return preview;
}

export const TASKS = {
  /** The Sentry preview of one (already cut) trace, as UTF-8 JSON ready to send. */
  'sentry-preview': (input: SentryPreviewTaskInput): Uint8Array => {
    const text = JSON.stringify(previewOf(input));
    return utf8.encode(input.secrets ? redact(text, input.secrets) : text);
  },
  /** The counts of one (already cut) trace's preview. */
  'sentry-outcome': (input: SentryPreviewTaskInput): OutcomeCounts => {
    const p = previewOf(input);
    const collector = p.profile === 'collector';
    return {
      transactions: collector ? p.transactions.length : p.segments.length,
      spans: collector
        ? p.transactions.reduce((n, t) => n + (t.spans?.length ?? 0), 0)
        : p.segments.reduce((n, s) => n + s.spans.length, 0),
      errors: p.errors.length,
      lints: p.lints.length,
      lintErrors: p.lints.filter((l) => l.severity === 'error').length,
    };
  },
  /** What a forwarding target receives for each of several traces: the same code path as the preview. */
  'forward-items': (input: ForwardItemsTaskInput): TargetItem[][] =>
    input.traces.map((t) => targetItems(t.spans, input.target, input.sentAt, t.generation)),
  /** Echoes its input after about `ms` of busy work: lets tests show the pool keeps the loop free. */
  spin: (input: { ms: number; value: unknown }): unknown => {
    const end = performance.now() + input.ms;
    while (performance.now() < end);
    return input.value;
  },
} satisfies Record<string, (input: never) => unknown>;

export type TaskName = keyof typeof TASKS;
export type TaskInput<N extends TaskName> = Parameters<(typeof TASKS)[N]>[0];
export type TaskOutput<N extends TaskName> = ReturnType<(typeof TASKS)[N]>;
