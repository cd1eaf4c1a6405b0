// The sampling controls' draft: the rules being edited (not yet saved), checked locally so a half-typed
// regular expression does not reach the simulator, and turned into the simulator's query.
import type { MatchRule, SamplingRules } from '../../../shared/api/contract.js';
import { plural } from './format.js';

/** GET /sampling/simulate's query for the proposed rules (the whole set: the draft is complete). */
export function simulateQuery(rules: SamplingRules, limit = 200): string {
  const p = new URLSearchParams({ rules: JSON.stringify(rules), limit: String(limit) });
  return `?${p.toString()}`;
}

/** The first problem in a match rule, or null. */
export function matchRuleError(r: MatchRule): string | null {
  if (r.field === 'attribute' && !(r.key ?? '').trim()) return 'attribute rules need a key';
  if (r.value === '') return 'the value is empty';
  if (r.match === 'regex') {
    try {
      new RegExp(r.value);
    } catch (e) {
      return `not a valid regular expression: ${(e as Error).message}`;
    }
  }
  return null;
}

/** Problems of the draft, by place ("include 2", "latency"); empty when it can be simulated and saved. */
export function rulesErrors(r: SamplingRules): string[] {
  const out: string[] = [];
  if (r.latencyThresholdMs !== null && !(r.latencyThresholdMs >= 0 && Number.isFinite(r.latencyThresholdMs)))
    out.push('latency threshold: a number of milliseconds, 0 or more');
  if (!(r.percentage >= 0 && r.percentage <= 100)) out.push('percentage: from 0 to 100');
  for (const [list, rules] of [
    ['include', r.include],
    ['exclude', r.exclude],
  ] as const)
    rules.forEach((m, i) => {
      const e = matchRuleError(m);
      if (e) out.push(`${list} ${i + 1}: ${e}`);
    });
  return out;
}

/** Whether the draft differs from the rules in force. */
export function rulesChanged(a: SamplingRules, b: SamplingRules): boolean {
  return JSON.stringify(normalise(a)) !== JSON.stringify(normalise(b));
}

function normalise(r: SamplingRules) {
  const rule = (m: MatchRule) => ({
    field: m.field,
    key: m.field === 'attribute' ? (m.key ?? '') : '',
    value: m.value,
    match: m.match ?? 'exact',
  });
  return {
    enabled: r.enabled,
    keepErrors: r.keepErrors,
    latencyThresholdMs: r.latencyThresholdMs,
    include: r.include.map(rule),
    exclude: r.exclude.map(rule),
    percentage: r.percentage,
  };
}

/** What automatic forwarding will send, in one sentence, for the switch's label. */
export function autoForwardStatement(r: SamplingRules, enabledTargets: number): string {
  const keep: string[] = [];
  if (r.keepErrors) keep.push('every trace with an error');
  if (r.latencyThresholdMs !== null) keep.push(`every trace slower than ${r.latencyThresholdMs} ms`);
  if (r.include.length)
    keep.push(`traces matching ${r.include.length} include ${plural(r.include.length, 'rule')}`);
  keep.push(`${r.percentage}% of the rest`);
  const targets = enabledTargets === 1 ? 'the 1 enabled target' : `the ${enabledTargets} enabled targets`;
  const ex = r.exclude.length
    ? `, never traces matching ${r.exclude.length} exclude ${plural(r.exclude.length, 'rule')}`
    : '';
  return `When a trace completes, sends ${keep.join(', ')} to ${targets}${ex}.`;
}
