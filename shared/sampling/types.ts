// Tail-sampling rules, shaped after the OTel Collector's `tail_sampling` processor policies (status_code,
// latency, string_attribute with invert_match, probabilistic), flattened into one rule set a settings form can
// edit. The decision order is fixed and documented (docs/api.md "Sampling"): exclude, error, latency, include,
// percentage — an exclude rule wins like the collector's `drop` policy, so health checks never go out.

/** What a match rule looks at: the service.name of any span, any span's name, or an attribute. */
export type MatchField = 'service' | 'spanName' | 'attribute';
/** How the value is compared: equal, starts with, or a regular expression (JavaScript syntax). */
export type MatchMode = 'exact' | 'prefix' | 'regex';

export interface MatchRule {
  field: MatchField;
  /** The attribute key (field 'attribute' only); span attributes first, then the span's resource. */
  key?: string;
  value: string;
  /** Default 'exact'. */
  match?: MatchMode;
}

export interface SamplingRules {
  /** Automatic mode: completed traces the rules keep go to every enabled target. Off by default. */
  enabled: boolean;
  /** Keep a trace with status ERROR on any span (the collector's status_code policy). Default true. */
  keepErrors: boolean;
  /** Keep a trace whose duration (first start to last end) is over this many ms; null: no latency rule. */
  latencyThresholdMs: number | null;
  /** Keep a trace when any span matches any of these. */
  include: MatchRule[];
  /** Drop a trace when any span matches any of these (wins over every keep rule). */
  exclude: MatchRule[];
  /** Share of the remaining traces kept, 0..100, decided by a hash of the trace ID (same trace, same answer). */
  percentage: number;
}

export type SamplingReason =
  'excluded' | 'error' | 'latency' | 'included' | 'percentage-kept' | 'percentage-dropped';

export const SAMPLING_REASONS: readonly SamplingReason[] = [
  'excluded',
  'error',
  'latency',
  'included',
  'percentage-kept',
  'percentage-dropped',
];

export interface SamplingDecision {
  keep: boolean;
  reason: SamplingReason;
  /** Which rule or value decided, in words (e.g. 'span "GET /health" matches exclude spanName=/health'). */
  detail: string;
}

export const DEFAULT_SAMPLING_RULES: Readonly<SamplingRules> = Object.freeze({
  enabled: false,
  keepErrors: true,
  latencyThresholdMs: null,
  include: [],
  exclude: [],
  percentage: 100,
});
