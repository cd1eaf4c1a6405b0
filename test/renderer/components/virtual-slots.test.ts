import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { bySlot, slotKey } from '../../../renderer/src/components/virtual-slots.js';

const windowOf = (first: number, n: number) => Array.from({ length: n }, (_, i) => ({ index: first + i }));

describe('slot recycling', () => {
  it('gives every row of a window a distinct key, and a slid window the same keys in the same order', () => {
    fc.assert(
      fc.property(fc.nat(100_000), fc.integer({ min: 1, max: 200 }), fc.nat(500), (first, n, shift) => {
        const a = bySlot(windowOf(first, n)).map((v) => slotKey(v.index, n));
        const b = bySlot(windowOf(first + shift, n)).map((v) => slotKey(v.index, n));
        expect(new Set(a).size).toBe(n);
        expect(b).toEqual(a);
      }),
    );
  });
  it('orders by slot, not by index', () => {
    expect(bySlot(windowOf(3, 4)).map((v) => v.index)).toEqual([4, 5, 6, 3]);
    expect(bySlot([])).toEqual([]);
  });
});
