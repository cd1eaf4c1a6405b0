// Tail-sampling decisions: pure functions of a trace's spans and the rules (./types.ts), each with a reason,
// and a validator that names the bad field. Deterministic: the percentage rule hashes the trace ID, so the
// same trace gets the same answer on every run and in every process (the simulate route and the live sampler
// agree).
import { anyValueToDisplay, findAttribute } from '../model/attributes.js';
import { StatusCode, type Span } from '../model/span.js';
import { compareNanos, durationMs } from '../model/time.js';
import { murmur3x86_128 } from '../sentry/event-id.js';
import { utf8Encode } from '../sentry/utf8.js';
import {
  DEFAULT_SAMPLING_RULES,
  type MatchMode,
  type MatchRule,
  type SamplingDecision,
  type SamplingRules,
} from './types.js';

const FIELDS = ['service', 'spanName', 'attribute'] as const;
const MODES: readonly MatchMode[] = ['exact', 'prefix', 'regex'];
const SEED = 0x7a11;

/**
 * Where a trace falls in [0, 1): a hash of its lowercase ID (not the ID's own digits, so IDs that are not
 * random — counters, test fixtures — still spread evenly).
 */
export function traceFraction(traceId: string): number {
  return murmur3x86_128(utf8Encode(traceId.toLowerCase()), SEED)[0] / 4294967296;
}

type Matcher = (span: Span) => boolean;
const compiled = new WeakMap<MatchRule, Matcher>();

function valueTest(rule: MatchRule): (text: string) => boolean {
  const mode = rule.match ?? 'exact';
  if (mode === 'prefix') return (t) => t.startsWith(rule.value);
  if (mode === 'regex') {
    const re = new RegExp(rule.value);
    return (t) => re.test(t);
  }
  return (t) => t === rule.value;
}

function matcherFor(rule: MatchRule): Matcher {
  let m = compiled.get(rule);
  if (m) return m;
  const test = valueTest(rule);
  if (rule.field === 'service')
    m = (s) => {
      const v = findAttribute(s.resource.attributes, 'service.name');
      return v !== undefined && test(anyValueToDisplay(v));
    };
  else if (rule.field === 'spanName') m = (s) => test(s.name);
  else {
    const key = rule.key ?? '';
    m = (s) => {
      const v = findAttribute(s.attributes, key) ?? findAttribute(s.resource.attributes, key);
      return v !== undefined && test(anyValueToDisplay(v));
    };
  }
  compiled.set(rule, m);
  return m;
}

function describeRule(rule: MatchRule): string {
  const what = rule.field === 'attribute' ? `attribute ${rule.key ?? ''}` : rule.field;
  const how = rule.match === 'regex' ? '~' : rule.match === 'prefix' ? '^=' : '=';
  return `${what}${how}${JSON.stringify(rule.value)}`;
}

function firstMatch(spans: readonly Span[], rules: readonly MatchRule[]): [Span, MatchRule] | null {
  for (const rule of rules) {
    const m = matcherFor(rule);
    for (const s of spans) if (m(s)) return [s, rule];
  }
  return null;
}

function traceDurationMs(spans: readonly Span[]): number {
  let start = '';
  let end = '';
  for (const s of spans) {
    if (start === '' || compareNanos(s.startTimeUnixNano, start) < 0) start = s.startTimeUnixNano;
    if (end === '' || compareNanos(s.endTimeUnixNano, end) > 0) end = s.endTimeUnixNano;
  }
  return start === '' || compareNanos(end, start) <= 0 ? 0 : durationMs(start, end);
}

/**
 * The decision for one trace. Order: exclude (like the collector's drop policy, it wins), error, latency,
 * include, then the percentage for the rest. `enabled` is not looked at: simulate asks about rules that are
 * not in force.
 */
export function decideTrace(traceId: string, spans: readonly Span[], rules: SamplingRules): SamplingDecision {
  const excluded = firstMatch(spans, rules.exclude);
  if (excluded)
    return {
      keep: false,
      reason: 'excluded',
      detail: `span ${JSON.stringify(excluded[0].name)} matches exclude ${describeRule(excluded[1])}`,
    };
  if (rules.keepErrors) {
    const failed = spans.find((s) => s.status.code === StatusCode.ERROR);
    if (failed)
      return { keep: true, reason: 'error', detail: `span ${JSON.stringify(failed.name)} has status ERROR` };
  }
  if (rules.latencyThresholdMs !== null) {
    const ms = traceDurationMs(spans);
    if (ms > rules.latencyThresholdMs)
      return {
        keep: true,
        reason: 'latency',
        detail: `trace took ${Math.round(ms * 1000) / 1000} ms, over ${rules.latencyThresholdMs} ms`,
      };
  }
  const included = firstMatch(spans, rules.include);
  if (included)
    return {
      keep: true,
      reason: 'included',
      detail: `span ${JSON.stringify(included[0].name)} matches include ${describeRule(included[1])}`,
    };
  const at = traceFraction(traceId) * 100;
  return at < rules.percentage
    ? { keep: true, reason: 'percentage-kept', detail: `in the ${rules.percentage}% kept by trace ID hash` }
    : {
        keep: false,
        reason: 'percentage-dropped',
        detail: `outside the ${rules.percentage}% kept by trace ID hash`,
      };
}

function describe(v: unknown): string {
  return JSON.stringify(v) ?? String(v);
}

function checkMatchRules(raw: unknown, field: string, errors: string[]): MatchRule[] {
  if (!Array.isArray(raw)) {
    errors.push(`${field} must be an array of match rules, got ${describe(raw)}`);
    return [];
  }
  const out: MatchRule[] = [];
  raw.forEach((r: unknown, i) => {
    const at = `${field}[${i}]`;
    if (typeof r !== 'object' || r === null || Array.isArray(r)) {
      errors.push(`${at} must be an object {field, value, key?, match?}, got ${describe(r)}`);
      return;
    }
    const o = r as Record<string, unknown>;
    const before = errors.length;
    for (const k of Object.keys(o))
      if (!['field', 'key', 'value', 'match'].includes(k))
        errors.push(`${at}.${k} is not a match rule field (field, key, value, match)`);
    if (!FIELDS.includes(o.field as never))
      errors.push(`${at}.field must be one of ${FIELDS.join(', ')}, got ${describe(o.field)}`);
    if (typeof o.value !== 'string') errors.push(`${at}.value must be a string, got ${describe(o.value)}`);
    if (o.match !== undefined && !MODES.includes(o.match as MatchMode))
      errors.push(`${at}.match must be one of ${MODES.join(', ')}, got ${describe(o.match)}`);
    if (o.field === 'attribute' && (typeof o.key !== 'string' || o.key === ''))
      errors.push(`${at}.key must name the attribute (a non-empty string), got ${describe(o.key)}`);
    if (o.field !== 'attribute' && o.key !== undefined)
      errors.push(`${at}.key is only for field "attribute"`);
    if (o.match === 'regex' && typeof o.value === 'string')
      try {
        new RegExp(o.value);
      } catch (e) {
        errors.push(`${at}.value is not a valid regular expression: ${(e as Error).message}`);
      }
    if (errors.length > before) return;
    const rule: MatchRule = { field: o.field as MatchRule['field'], value: o.value as string };
    if (o.key !== undefined) rule.key = o.key as string;
    if (o.match !== undefined) rule.match = o.match as MatchMode;
    out.push(rule);
  });
  return out;
}

/**
 * `patch` (a partial SamplingRules) overlaid on `base`, checked field by field. Unknown fields are errors
 * (a typo such as `percent` must not silently keep 100%).
 */
export function validateSamplingRules(
  patch: unknown,
  base: SamplingRules = DEFAULT_SAMPLING_RULES,
): { rules: SamplingRules; errors: string[] } {
  const errors: string[] = [];
  const rules: SamplingRules = { ...base, include: [...base.include], exclude: [...base.exclude] };
  if (typeof patch !== 'object' || patch === null || Array.isArray(patch))
    return { rules, errors: [`sampling rules must be a JSON object, got ${describe(patch)}`] };
  const p = patch as Record<string, unknown>;
  for (const [k, v] of Object.entries(p)) {
    switch (k) {
      case 'enabled':
      case 'keepErrors':
        if (typeof v !== 'boolean') errors.push(`${k} must be true or false, got ${describe(v)}`);
        else rules[k] = v;
        break;
      case 'latencyThresholdMs':
        if (v !== null && !(typeof v === 'number' && Number.isFinite(v) && v >= 0))
          errors.push(
            `latencyThresholdMs must be a number of ms ≥ 0, or null for no latency rule, got ${describe(v)}`,
          );
        else rules.latencyThresholdMs = v;
        break;
      case 'percentage':
        if (!(typeof v === 'number' && Number.isFinite(v) && v >= 0 && v <= 100))
          errors.push(`percentage must be a number from 0 to 100, got ${describe(v)}`);
        else rules.percentage = v;
        break;
      case 'include':
      case 'exclude':
        rules[k] = checkMatchRules(v, k, errors);
        break;
      default:
        errors.push(
          `${k} is not a sampling field (enabled, keepErrors, latencyThresholdMs, include, exclude, percentage)`,
        );
    }
  }
  return { rules, errors };
}
