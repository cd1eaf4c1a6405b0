// Which traces are checked in the list for "Send to Sentry": a set of IDs plus the anchor a shift-click
// extends from, as in file managers and mail clients. Pure: every function returns a new selection.

export interface TraceSelection {
  ids: ReadonlySet<string>;
  /** The last row clicked without shift: a shift-click selects from here to the clicked row. */
  anchor: string | null;
}

export const EMPTY_SELECTION: TraceSelection = { ids: new Set(), anchor: null };

/** A plain click on a checkbox: flips that trace and makes it the anchor. */
export function toggleTrace(sel: TraceSelection, id: string): TraceSelection {
  const ids = new Set(sel.ids);
  if (ids.has(id)) ids.delete(id);
  else ids.add(id);
  return { ids, anchor: id };
}

/**
 * A shift-click: every row between the anchor and `id` (both included, in the order shown) takes the
 * state the anchor has, so shift-click both widens a selection and clears a run of rows. Without an anchor
 * on screen it is a plain click.
 */
export function selectRange(sel: TraceSelection, shown: readonly string[], id: string): TraceSelection {
  const from = sel.anchor === null ? -1 : shown.indexOf(sel.anchor);
  const to = shown.indexOf(id);
  if (from < 0 || to < 0) return toggleTrace(sel, id);
  const on = sel.ids.has(sel.anchor!);
  const ids = new Set(sel.ids);
  const [a, b] = from <= to ? [from, to] : [to, from];
  for (let i = a; i <= b; i++) {
    if (on) ids.add(shown[i]!);
    else ids.delete(shown[i]!);
  }
  return { ids, anchor: sel.anchor };
}

/** Adds every given trace (e.g. all that match the filter). */
export function selectAll(sel: TraceSelection, ids: Iterable<string>): TraceSelection {
  const next = new Set(sel.ids);
  for (const id of ids) next.add(id);
  return { ids: next, anchor: sel.anchor };
}

/** Drops traces that left the store; the same object when none of them was selected. */
export function dropTraces(sel: TraceSelection, removed: readonly string[]): TraceSelection {
  if (!removed.some((id) => sel.ids.has(id))) return sel;
  const ids = new Set(sel.ids);
  for (const id of removed) ids.delete(id);
  return { ids, anchor: sel.anchor !== null && ids.has(sel.anchor) ? sel.anchor : null };
}

/** The header checkbox: all shown rows checked, some, or none. */
export function headerState(sel: TraceSelection, shown: readonly string[]): 'all' | 'some' | 'none' {
  if (sel.ids.size === 0 || shown.length === 0) return 'none';
  let n = 0;
  for (const id of shown) if (sel.ids.has(id)) n++;
  return n === shown.length ? 'all' : n > 0 || sel.ids.size > 0 ? 'some' : 'none';
}
