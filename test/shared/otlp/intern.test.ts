import { describe, expect, it } from 'vitest';
import { ByteKeyedCache } from '../../../shared/otlp/intern.js';

const enc = (s: string) => new TextEncoder().encode(s);
const view = (b: Uint8Array) => new DataView(b.buffer, b.byteOffset, b.byteLength);

describe('ByteKeyedCache', () => {
  it.each(['', 'a', 'abc', 'abcd', 'abcde', 'http.request.method', 'x'.repeat(64)])(
    'finds %j only by its exact bytes',
    (s) => {
      const cache = new ByteKeyedCache<string>(16, 64);
      const b = enc(`__${s}__`); // not at offset 0, so the DataView offsets are exercised
      const slot = cache.slot(b, 2, b.length - 2);
      expect(cache.get(slot, b, view(b), 2, b.length - 2)).toBeUndefined();
      cache.set(slot, b, 2, b.length - 2, s);
      expect(cache.get(slot, b, view(b), 2, b.length - 2)).toBe(s);
      for (let i = 2; i < b.length - 2; i++) {
        const other = Uint8Array.from(b);
        other[i] = other[i]! ^ 1; // one bit differs anywhere, head, middle or tail
        expect(cache.get(slot, other, view(other), 2, other.length - 2)).toBeUndefined();
      }
    },
  );

  it('replaces a colliding entry instead of growing', () => {
    const cache = new ByteKeyedCache<string>(1, 16);
    const a = enc('aaaa');
    const b = enc('bbbb');
    cache.set(0, a, 0, 4, 'a');
    cache.set(0, b, 0, 4, 'b');
    expect(cache.get(0, a, view(a), 0, 4)).toBeUndefined();
    expect(cache.get(0, b, view(b), 0, 4)).toBe('b');
  });
});
