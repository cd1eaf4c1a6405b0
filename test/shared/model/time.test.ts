import { describe, expect, it } from 'vitest';
import { compareNanos, durationMs, nanosToMs } from '../../../shared/model/time.js';

describe('nanosecond helpers', () => {
  it.each([
    ['0', 0],
    ['999999', 0.999999],
    ['1700000000123456789', 1700000000123.4568],
  ])('nanosToMs(%s)', (ns, ms) => expect(nanosToMs(ns)).toBeCloseTo(ms, 3));
  it('durationMs is exact for large timestamps', () => {
    expect(durationMs('1700000000000000001', '1700000000250000001')).toBe(250);
  });
  it('compareNanos orders by magnitude', () => {
    expect(compareNanos('999', '1000')).toBeLessThan(0);
    expect(compareNanos('1000', '999')).toBeGreaterThan(0);
    expect(compareNanos('123', '123')).toBe(0);
  });
});
