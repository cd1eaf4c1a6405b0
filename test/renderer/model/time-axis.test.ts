import { describe, expect, it } from 'vitest';
import { axisTicks, barFor, niceStep, ticksForWidth } from '../../../renderer/src/model/time-axis.js';

describe('niceStep', () => {
  it.each([
    [100, 5, 20],
    [1000, 6, 200],
    [7, 6, 2],
    [0.35, 6, 0.1],
    [12345, 6, 5000],
    [0, 6, 1],
  ])('%d ms over %d ticks → %d', (span, ticks, step) => {
    expect(niceStep(span, ticks)).toBeCloseTo(step, 10);
  });
});

describe('axisTicks', () => {
  it('starts at 0 and never passes the duration', () => {
    const t = axisTicks(100, 5);
    expect(t.map((x) => x.ms)).toEqual([0, 20, 40, 60, 80, 100]);
    expect(t.at(-1)!.at).toBe(1);
  });
  it('has no float noise in tick values', () => {
    expect(axisTicks(0.35, 6).map((x) => x.ms)).toEqual([0, 0.1, 0.2, 0.3]);
  });
  it('gives one tick for an instant trace', () => {
    expect(axisTicks(0)).toEqual([{ ms: 0, at: 0 }]);
  });
});

describe('barFor', () => {
  it.each([
    [10, 30, { left: 0.1, width: 0.2 }],
    [-10, 30, { left: 0, width: 0.3 }],
    [90, 150, { left: 0.9, width: 0.1 }],
    [50, 40, { left: 0.5, width: 0 }],
  ])('span %d..%d on a 0..100 axis', (s, e, bar) => {
    const b = barFor(1000 + s, 1000 + e, 1000, 100);
    expect(b.left).toBeCloseTo(bar.left, 10);
    expect(b.width).toBeCloseTo(bar.width, 10);
  });
  it('fills the axis when the trace has no duration', () => {
    expect(barFor(5, 5, 5, 0)).toEqual({ left: 0, width: 1 });
  });
});

describe('ticksForWidth', () => {
  it.each([
    [0, 2],
    [100, 2],
    [150, 2],
    [216, 3],
    [300, 4],
    [432, 6],
    [2000, 6],
  ])('labels a %d px track with at most %d ticks', (px, want) => {
    expect(ticksForWidth(px)).toBe(want);
  });
});
