// The jobs the worker pool runs: input-sized, CPU-bound work that would hold the event loop (and with it
// every receiver and API request) for too long. Each task is a pure function of structured-cloneable input;
// a Uint8Array result is transferred back without a copy. Add a task here and run it with
// `pool.run('name', input)`; its input and output types follow from this table.
import { applyResourceRules } from '../../../shared/forwarding/resource-rules.js';
import type { ResourceRule } from '../../../shared/forwarding/target-types.js';
import { redact } from '../../../shared/forwarding/targets.js';
import type { Span } from '../../../shared/model/span.js';
import { previewCutLint, type PreviewCutReport } from '../../../shared/sentry/preview-budget.js';
import { buildSentryPreview, type SentryPreviewRequest } from '../../../shared/sentry/preview.js';

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

const utf8 = new TextEncoder();

export const TASKS = {
  /** The Sentry preview of one (already cut) trace, as UTF-8 JSON ready to send. */
  'sentry-preview': (input: SentryPreviewTaskInput): Uint8Array => {
    const spans = input.resourceRules ? applyResourceRules(input.spans, input.resourceRules) : input.spans;
    const preview = buildSentryPreview(spans, input.request);
    if (input.cut) preview.lints.unshift(previewCutLint(input.cut));
    const text = JSON.stringify(preview);
    return utf8.encode(input.secrets ? redact(text, input.secrets) : text);
  },
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
