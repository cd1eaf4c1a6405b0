import { describe, expect, it } from 'vitest';
import {
  NAME_MIN_PX,
  TRACK_MIN_PX,
  clampNameWidth,
  maxNameWidth,
  nameColumnVars,
  parseStoredWidth,
  widthForKey,
} from '../../../renderer/src/model/column-width.js';

describe('span-name column width', () => {
  it.each([
    // px, container, expected
    [300, 1000, 300],
    [10, 1000, NAME_MIN_PX],
    [5000, 1000, 1000 - TRACK_MIN_PX],
    [300.6, 1000, 301],
    // A waterfall too narrow for both minimums keeps the names' minimum.
    [300, 200, NAME_MIN_PX],
  ])('clamps %d px in a %d px waterfall to %d', (px, container, want) => {
    expect(clampNameWidth(px, container)).toBe(want);
  });

  it('never lets the widest be under the narrowest', () => {
    expect(maxNameWidth(0)).toBe(NAME_MIN_PX);
    expect(maxNameWidth(1000)).toBe(840);
  });

  it.each([
    ['ArrowRight', false, 300, 316],
    ['ArrowLeft', false, 300, 284],
    ['ArrowRight', true, 300, 364],
    ['ArrowLeft', true, 200, NAME_MIN_PX],
    ['ArrowRight', true, 820, 840],
    ['Home', false, 500, NAME_MIN_PX],
    ['End', false, 300, 840],
    ['Enter', false, 300, null],
    ['Backspace', false, 300, null],
    ['a', false, 300, undefined],
    ['ArrowUp', false, 300, undefined],
  ] as const)('%s (shift %s) from %d px gives %s', (key, shift, from, want) => {
    expect(widthForKey(key, shift, from, 1000)).toBe(want);
  });

  it.each([
    [null, null],
    ['', null],
    ['320', 320],
    ['159', null],
    ['12.5', null],
    ['-400', null],
    ['1e9', null],
    ['999999', null],
    ['{"px":300}', null],
  ])('reads the stored %j as %j', (raw, want) => {
    expect(parseStoredWidth(raw)).toBe(want);
  });

  it('sets no variables for the default and a clamped width otherwise', () => {
    expect(nameColumnVars(null)).toEqual({});
    const vars = nameColumnVars(420);
    expect(vars['--wf-name-track']).toBe('clamp(160px, 420px, calc(100% - 160px))');
    expect(vars['--wf-name-width']).toBe(vars['--wf-name-track']);
  });
});
