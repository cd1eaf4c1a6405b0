import { describe, expect, it } from 'vitest';
import {
  formatBytes,
  formatCount,
  formatDuration,
  spanKindLabel,
  plural,
} from '../../../renderer/src/model/format.js';
import { currentRate, sparklinePath } from '../../../renderer/src/model/sparkline.js';
import { edgeKey, edgeSelection, moveSelection } from '../../../renderer/src/model/selection.js';
import { serviceHue } from '../../../renderer/src/model/colors.js';

describe('formatting', () => {
  it.each([
    [0, '0ms'],
    [0.25, '250µs'],
    [1.5, '1.5ms'],
    [12.34, '12.3ms'],
    [250, '250ms'],
    [1240, '1.24s'],
    [125_000, '2m 05s'],
    [7_200_000, '2h 00m'],
    [-1, '—'],
    [NaN, '—'],
  ])('duration %d → %s', (ms, text) => {
    expect(formatDuration(ms)).toBe(text);
  });
  it.each([
    [999, '999'],
    [12_345, '12.3k'],
    [123_456, '123k'],
    [1_234_567, '1.23M'],
  ])('count %d → %s', (n, text) => {
    expect(formatCount(n)).toBe(text);
  });
  // The envelope box's payload size uses the same formatBytes (it had its own copy until issue 9).
  it.each([
    [0, '0 B'],
    [1023, '1023 B'],
    [4210, '4.1 KiB'],
    [-1, '—'],
  ])('bytes %d → %s', (n, want) => expect(formatBytes(n)).toBe(want));
  it('formats bytes and span kinds', () => {
    expect(formatBytes(512)).toBe('512 B');
    expect(formatBytes(1536)).toBe('1.5 KiB');
    expect(formatBytes(256 * 1024 * 1024)).toBe('256 MiB');
    expect(spanKindLabel(2)).toBe('server');
    expect(spanKindLabel(9)).toBe('kind 9');
  });
});

describe('sparkline', () => {
  it('scales to the maximum and spans the width', () => {
    expect(sparklinePath([0, 10, 5], 100, 21)).toBe('M0,20.5 L50,0.5 L100,10.5');
    expect(sparklinePath([], 10, 10)).toBe('');
  });
  it('reports the last complete second', () => {
    expect(currentRate([1, 2, 3])).toBe(2);
    expect(currentRate([4])).toBe(4);
    expect(currentRate([])).toBe(0);
  });
});

describe('moveSelection', () => {
  it.each([
    [-1, 1, 5, 0],
    [-1, -1, 5, 4],
    [0, -1, 5, 0],
    [4, 1, 5, 4],
    [2, 1, 5, 3],
    [2, 1, 0, -1],
  ])('from %d by %d in %d rows → %d', (cur, d, len, want) => {
    expect(moveSelection(cur, d, len)).toBe(want);
  });
});

describe('service colours', () => {
  it('are stable and avoid the error reds', () => {
    expect(serviceHue('checkout')).toBe(serviceHue('checkout'));
    for (const s of ['api', 'billing', 'web', 'db', 'x', '']) {
      expect(serviceHue(s)).toBeGreaterThanOrEqual(40);
      expect(serviceHue(s)).toBeLessThan(320);
    }
  });
});

describe('plural', () => {
  it.each([
    [0, 'spans'],
    [1, 'span'],
    [2, 'spans'],
    [1000, 'spans'],
  ])('%d → %s', (n, want) => {
    expect(plural(n, 'span')).toBe(want);
  });
});

describe('Home / End', () => {
  it.each([
    ['Home', -1],
    ['End', 1],
    ['j', 0],
    ['PageDown', 0],
  ] as const)('%s is edge %d', (key, edge) => {
    expect(edgeKey(key)).toBe(edge);
  });
  it.each([
    [-1, 5, 0],
    [1, 5, 4],
    [1, 1, 0],
    [-1, 0, -1],
    [1, 0, -1],
  ] as const)('edge %d of %d rows is row %d', (edge, length, want) => {
    expect(edgeSelection(edge, length)).toBe(want);
  });
});
