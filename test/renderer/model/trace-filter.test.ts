import { describe, expect, it } from 'vitest';
import {
  EMPTY_FILTER,
  filterToQuery,
  isFilterActive,
  matchesFilter,
  parseDurationInput,
  toSearch,
  traceFilterToQuery,
} from '../../../renderer/src/model/trace-filter.js';
import { makeSummary } from '../fixtures.js';

describe('filter → query', () => {
  it('sends only what is set, trimmed', () => {
    expect(filterToQuery(EMPTY_FILTER)).toEqual({});
    expect(
      filterToQuery({
        ...EMPTY_FILTER,
        service: 'api',
        q: '  checkout ',
        errorsOnly: true,
        minDurationMs: 250,
      }),
    ).toEqual({ service: 'api', q: 'checkout', errorsOnly: true, minDurationMs: 250 });
    expect(isFilterActive(EMPTY_FILTER)).toBe(false);
    expect(isFilterActive({ ...EMPTY_FILTER, errorsOnly: true })).toBe(true);
  });
  it('builds a query string without empty values', () => {
    expect(toSearch({})).toBe('');
    expect(toSearch({ q: 'a b&c', errorsOnly: true, limit: 200, cursor: undefined, x: false })).toBe(
      '?q=a+b%26c&errorsOnly=true&limit=200',
    );
  });
});

describe('parseDurationInput', () => {
  it.each([
    ['', null],
    ['  ', null],
    ['250', 250],
    ['250ms', 250],
    ['1.5s', 1500],
    ['2m', 120_000],
    ['500us', 0.5],
    ['abc', undefined],
    ['-5', undefined],
    ['1h', 3_600_000],
    ['5 d', undefined],
  ])('%j → %j', (text, ms) => {
    expect(parseDurationInput(text)).toBe(ms);
  });
});

describe('matchesFilter', () => {
  const t = makeSummary({
    traceId: 'abc123'.padEnd(32, '0'),
    rootName: 'GET /checkout',
    services: ['api', 'billing'],
    errorCount: 1,
    durationMs: 120,
  });
  it.each([
    [{}, true],
    [{ service: 'billing' }, true],
    [{ service: 'web' }, false],
    [{ errorsOnly: true }, true],
    [{ minDurationMs: 121 }, false],
    [{ minDurationMs: 120 }, true],
    [{ q: 'CHECKOUT' }, true],
    [{ q: 'abc123' }, true],
    [{ q: 'bill' }, true],
    // Could be a span name or attribute value the summary does not carry: only the server knows.
    [{ q: 'select * from' }, 'unknown'],
    [{ q: 'select', service: 'web' }, false],
  ] as const)('%j → %s', (patch, expected) => {
    expect(matchesFilter(t, { ...EMPTY_FILTER, ...patch })).toBe(expected);
  });
  it('excludes traces without errors when errors only', () => {
    expect(matchesFilter({ ...t, errorCount: 0 }, { ...EMPTY_FILTER, errorsOnly: true })).toBe(false);
  });
});

describe('group filter', () => {
  const group = { rootService: '', rootName: 'GET /a' };
  it('goes to the trace query (rootService "" included) but not the shared filters', () => {
    const f = { ...EMPTY_FILTER, group, errorsOnly: true };
    expect(traceFilterToQuery(f)).toEqual({ errorsOnly: true, rootService: '', rootName: 'GET /a' });
    expect(filterToQuery(f)).toEqual({ errorsOnly: true });
    expect(toSearch(traceFilterToQuery(f))).toBe('?errorsOnly=true&rootService=&rootName=GET+%2Fa');
    expect(isFilterActive({ ...EMPTY_FILTER, group })).toBe(true);
  });
  it('decides stream summaries locally by root service and name', () => {
    const f = { ...EMPTY_FILTER, group };
    expect(matchesFilter(makeSummary({ traceId: 'x', rootService: '', rootName: 'GET /a' }), f)).toBe(true);
    expect(matchesFilter(makeSummary({ traceId: 'x', rootService: 'api', rootName: 'GET /a' }), f)).toBe(
      false,
    );
  });
  it('repeats array values (several trace IDs)', () => {
    expect(toSearch({ traceId: ['a', 'b'] })).toBe('?traceId=a&traceId=b');
  });
});
