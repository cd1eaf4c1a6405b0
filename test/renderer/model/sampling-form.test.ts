import { describe, expect, it } from 'vitest';
import { DEFAULT_SAMPLING_RULES, type SamplingRules } from '../../../shared/sampling/types.js';
import {
  autoForwardStatement,
  matchRuleError,
  rulesChanged,
  rulesErrors,
  simulateQuery,
} from '../../../renderer/src/model/sampling-form.js';

const rules = (p: Partial<SamplingRules> = {}): SamplingRules => ({ ...DEFAULT_SAMPLING_RULES, ...p });

describe('sampling draft', () => {
  it('puts the whole rule set into the simulator query', () => {
    const r = rules({ percentage: 25, exclude: [{ field: 'spanName', value: '/health', match: 'prefix' }] });
    const q = new URLSearchParams(simulateQuery(r, 50).slice(1));
    expect(JSON.parse(q.get('rules')!)).toEqual(r);
    expect(q.get('limit')).toBe('50');
  });

  it.each([
    [{ field: 'attribute', value: 'x' }, 'need a key'],
    [{ field: 'service', value: '' }, 'value is empty'],
    [{ field: 'spanName', value: '(', match: 'regex' }, 'not a valid regular expression'],
  ] as const)('rule %j → %s', (rule, text) => {
    expect(matchRuleError(rule)).toContain(text);
  });

  it('accepts good rules', () => {
    expect(
      matchRuleError({ field: 'attribute', key: 'http.route', value: '^/health', match: 'regex' }),
    ).toBeNull();
  });

  it('lists problems by place', () => {
    expect(
      rulesErrors(
        rules({ latencyThresholdMs: -1, percentage: 101, include: [{ field: 'service', value: '' }] }),
      ),
    ).toEqual([
      'latency threshold: a number of milliseconds, 0 or more',
      'percentage: from 0 to 100',
      'include 1: the value is empty',
    ]);
    expect(rulesErrors(rules())).toEqual([]);
  });

  it('compares drafts ignoring defaulted fields', () => {
    const a = rules({ include: [{ field: 'service', value: 'api' }] });
    const b = rules({ include: [{ field: 'service', value: 'api', match: 'exact' }] });
    expect(rulesChanged(a, b)).toBe(false);
    expect(rulesChanged(a, rules({ percentage: 50 }))).toBe(true);
  });

  it('states what automatic forwarding will send', () => {
    expect(autoForwardStatement(rules(), 1)).toBe(
      'When a trace completes, sends every trace with an error, 100% of the rest to the 1 enabled target.',
    );
    expect(
      autoForwardStatement(
        rules({
          keepErrors: false,
          latencyThresholdMs: 500,
          percentage: 10,
          include: [{ field: 'service', value: 'a' }],
          exclude: [
            { field: 'spanName', value: 'b' },
            { field: 'spanName', value: 'c' },
          ],
        }),
        2,
      ),
    ).toBe(
      'When a trace completes, sends every trace slower than 500 ms, traces matching 1 include rule, 10% of the rest to the 2 enabled targets, never traces matching 2 exclude rules.',
    );
  });
});
