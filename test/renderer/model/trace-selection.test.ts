import { describe, expect, it } from 'vitest';
import {
  EMPTY_SELECTION,
  dropTraces,
  headerState,
  selectAll,
  selectRange,
  toggleTrace,
} from '../../../renderer/src/model/trace-selection.js';

const shown = ['a', 'b', 'c', 'd', 'e'];
const ids = (s: { ids: ReadonlySet<string> }) => [...s.ids].sort();

describe('trace selection', () => {
  it('toggles and sets the anchor', () => {
    const s1 = toggleTrace(EMPTY_SELECTION, 'b');
    expect(ids(s1)).toEqual(['b']);
    expect(s1.anchor).toBe('b');
    const s2 = toggleTrace(s1, 'b');
    expect(ids(s2)).toEqual([]);
    expect(EMPTY_SELECTION.ids.size).toBe(0);
  });

  it.each([
    ['b', 'd', ['b', 'c', 'd']],
    ['d', 'b', ['b', 'c', 'd']],
    ['a', 'a', ['a']],
    ['a', 'e', ['a', 'b', 'c', 'd', 'e']],
  ])('shift-click from %s to %s selects the range', (from, to, want) => {
    const s = selectRange(toggleTrace(EMPTY_SELECTION, from), shown, to);
    expect(ids(s)).toEqual(want);
    expect(s.anchor).toBe(from);
  });

  it('shift-click from an unchecked anchor clears the range', () => {
    let s = selectAll(EMPTY_SELECTION, shown);
    s = toggleTrace(s, 'b'); // b off, anchor b
    s = selectRange(s, shown, 'd');
    expect(ids(s)).toEqual(['a', 'e']);
  });

  it('shift-click without an anchor on screen is a plain click', () => {
    const s = selectRange(toggleTrace(EMPTY_SELECTION, 'gone'), shown, 'c');
    expect(ids(s)).toEqual(['c', 'gone']);
    expect(ids(selectRange(EMPTY_SELECTION, shown, 'c'))).toEqual(['c']);
  });

  it('drops evicted traces and keeps the same object when none was selected', () => {
    const s = selectAll(toggleTrace(EMPTY_SELECTION, 'b'), ['c']);
    expect(dropTraces(s, ['x'])).toBe(s);
    const d = dropTraces(s, ['b']);
    expect(ids(d)).toEqual(['c']);
    expect(d.anchor).toBeNull();
  });

  it.each([
    [[], 'none'],
    [['a'], 'some'],
    [shown, 'all'],
    [['zz'], 'some'],
  ] as const)('header checkbox for %j is %s', (sel, want) => {
    expect(headerState(selectAll(EMPTY_SELECTION, sel), shown)).toBe(want);
  });
});
