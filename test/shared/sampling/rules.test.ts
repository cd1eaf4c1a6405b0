import { describe, expect, it } from 'vitest';
import type { Span } from '../../../shared/model/span.js';
import { decideTrace, traceFraction, validateSamplingRules } from '../../../shared/sampling/rules.js';
import { DEFAULT_SAMPLING_RULES, type SamplingRules } from '../../../shared/sampling/types.js';
import { attrs, resource, span } from '../sentry/fixtures.js';

const rules = (p: Partial<SamplingRules> = {}): SamplingRules => ({ ...DEFAULT_SAMPLING_RULES, ...p });
const TID = 'd6c4f03650bd47699ec65c84352b6208';
const ok = span({ spanId: '1111111111111111', name: 'GET /orders' });
const failed = span({
  spanId: '2222222222222222',
  parentSpanId: '1111111111111111',
  status: { code: 2, message: 'boom' },
});
const health = span({
  spanId: '3333333333333333',
  name: 'GET /health',
  attributes: attrs({ 'http.route': '/health' }),
});
const slow = span({
  spanId: '4444444444444444',
  startTimeUnixNano: '1700000000000000000',
  endTimeUnixNano: '1700000003000000000',
});
const worker = span({
  spanId: '5555555555555555',
  resource: resource({ 'service.name': 'worker', 'deployment.environment': 'dev' }),
});

describe('decideTrace', () => {
  const cases: [string, Span[], Partial<SamplingRules>, boolean, string][] = [
    ['error anywhere keeps', [ok, failed], { percentage: 0 }, true, 'error'],
    [
      'errors not kept when keepErrors is off',
      [ok, failed],
      { percentage: 0, keepErrors: false },
      false,
      'percentage-dropped',
    ],
    ['latency over threshold keeps', [slow], { percentage: 0, latencyThresholdMs: 2000 }, true, 'latency'],
    [
      'latency at threshold does not',
      [slow],
      { percentage: 0, latencyThresholdMs: 3000 },
      false,
      'percentage-dropped',
    ],
    [
      'exclude by span name wins over error',
      [health, failed],
      { exclude: [{ field: 'spanName', value: 'GET /health' }] },
      false,
      'excluded',
    ],
    [
      'exclude by attribute (prefix)',
      [health],
      { exclude: [{ field: 'attribute', key: 'http.route', value: '/heal', match: 'prefix' }] },
      false,
      'excluded',
    ],
    [
      'exclude by resource attribute',
      [worker],
      { exclude: [{ field: 'attribute', key: 'deployment.environment', value: 'dev' }] },
      false,
      'excluded',
    ],
    [
      'include by service',
      [worker],
      { percentage: 0, include: [{ field: 'service', value: 'worker' }] },
      true,
      'included',
    ],
    [
      'include by regex span name',
      [ok],
      { percentage: 0, include: [{ field: 'spanName', value: '^GET /ord', match: 'regex' }] },
      true,
      'included',
    ],
    [
      'non-matching include falls to percentage',
      [ok],
      { percentage: 0, include: [{ field: 'service', value: 'worker' }] },
      false,
      'percentage-dropped',
    ],
    ['100% keeps the rest', [ok], { percentage: 100 }, true, 'percentage-kept'],
    ['0% drops the rest', [ok], { percentage: 0 }, false, 'percentage-dropped'],
  ];
  it.each(cases)('%s', (_name, spans, p, keep, reason) => {
    const d = decideTrace(TID, spans, rules(p));
    expect(d).toMatchObject({ keep, reason });
    expect(d.detail.length).toBeGreaterThan(0);
  });

  it('names the deciding span and rule', () => {
    const d = decideTrace(TID, [health], rules({ exclude: [{ field: 'spanName', value: 'GET /health' }] }));
    expect(d.detail).toBe('span "GET /health" matches exclude spanName="GET /health"');
  });

  it('over 10 000 traces keeps every error trace and p% ± 2 of the rest, the same on a second run', () => {
    const r = rules({ percentage: 25 });
    const run = () => {
      const out: boolean[] = [];
      let rest = 0;
      let restKept = 0;
      for (let i = 0; i < 10_000; i++) {
        const traceId = (i * 2654435761).toString(16).padStart(32, '0').slice(-32);
        const isError = i % 7 === 0;
        const s = span({
          traceId,
          spanId: '1111111111111111',
          status: { code: isError ? 2 : 0, message: '' },
        });
        const d = decideTrace(traceId, [s], r);
        if (isError) expect(d).toMatchObject({ keep: true, reason: 'error' });
        else {
          rest++;
          if (d.keep) restKept++;
        }
        out.push(d.keep);
      }
      return { out, share: (restKept / rest) * 100 };
    };
    const first = run();
    expect(first.share).toBeGreaterThanOrEqual(23);
    expect(first.share).toBeLessThanOrEqual(27);
    expect(run().out).toEqual(first.out);
  });

  it('traceFraction is case-insensitive and in [0, 1)', () => {
    expect(traceFraction(TID.toUpperCase())).toBe(traceFraction(TID));
    const f = traceFraction(TID);
    expect(f).toBeGreaterThanOrEqual(0);
    expect(f).toBeLessThan(1);
  });
});

describe('validateSamplingRules', () => {
  it('overlays a partial patch on the base', () => {
    const { rules: r, errors } = validateSamplingRules({ enabled: true, percentage: 10 });
    expect(errors).toEqual([]);
    expect(r).toEqual({ ...DEFAULT_SAMPLING_RULES, enabled: true, percentage: 10 });
  });
  const bad: [unknown, string][] = [
    [{ percentage: 101 }, 'percentage must be a number from 0 to 100, got 101'],
    [{ percentage: '10' }, 'percentage must be a number from 0 to 100'],
    [{ enabled: 'yes' }, 'enabled must be true or false'],
    [{ latencyThresholdMs: -1 }, 'latencyThresholdMs must be a number'],
    [{ percent: 10 }, 'percent is not a sampling field'],
    [{ exclude: {} }, 'exclude must be an array'],
    [{ exclude: [{ field: 'route', value: 'x' }] }, 'exclude[0].field must be one of'],
    [{ include: [{ field: 'attribute', value: 'x' }] }, 'include[0].key must name the attribute'],
    [
      { include: [{ field: 'spanName', value: '(', match: 'regex' }] },
      'include[0].value is not a valid regular expression',
    ],
    [
      { include: [{ field: 'spanName', value: 'x', match: 'glob' }] },
      'include[0].match must be one of exact, prefix, regex',
    ],
    [[], 'sampling rules must be a JSON object'],
  ];
  it.each(bad)('refuses %j naming the field', (patch, message) => {
    const { errors } = validateSamplingRules(patch);
    expect(errors.join('; ')).toContain(message);
  });
});
