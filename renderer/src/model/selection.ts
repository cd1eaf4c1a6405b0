// Keyboard movement through a list: clamp, never wrap (wrapping from the newest trace to the oldest
// surprises people in a live list).

export function moveSelection(current: number, delta: number, length: number): number {
  if (length <= 0) return -1;
  if (current < 0) return delta > 0 ? 0 : length - 1;
  return Math.min(length - 1, Math.max(0, current + delta));
}
