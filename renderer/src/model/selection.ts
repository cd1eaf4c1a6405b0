// Keyboard movement through a list: clamp, never wrap (wrapping from the newest trace to the oldest
// surprises people in a live list).

export function moveSelection(current: number, delta: number, length: number): number {
  if (length <= 0) return -1;
  if (current < 0) return delta > 0 ? 0 : length - 1;
  return Math.min(length - 1, Math.max(0, current + delta));
}

/** Home and End: to the first or last row (-1 and +1), 0 for any other key. */
export function edgeKey(key: string): -1 | 0 | 1 {
  return key === 'Home' ? -1 : key === 'End' ? 1 : 0;
}

/** The row Home (-1) or End (+1) goes to in a list of `length` rows; -1 when it is empty. */
export function edgeSelection(edge: -1 | 1, length: number): number {
  if (length <= 0) return -1;
  return edge < 0 ? 0 : length - 1;
}
