// Row recycling for the virtualised lists. Rows are absolutely positioned, so their DOM order is free:
// keying each rendered row by its slot (index mod window length) and keeping the children in slot order
// means a row scrolling out hands its DOM to the row scrolling in, and React never moves nodes, it only
// updates their text. Fast scrolling then costs attribute updates instead of element churn.

/** Virtual items in slot order. */
export function bySlot<T extends { index: number }>(items: readonly T[]): T[] {
  const n = items.length;
  return [...items].sort((a, b) => (a.index % n) - (b.index % n));
}

/** The React key of an item: its slot. */
export function slotKey(index: number, windowLength: number): number {
  return index % Math.max(1, windowLength);
}
