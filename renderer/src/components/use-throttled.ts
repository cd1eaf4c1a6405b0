import { useEffect, useRef, useState } from 'react';

/**
 * `value`, but changing at most once per `ms` (the latest value always lands within `ms`). With `ms` 0 it
 * is `value` itself, and it stays in step so that switching throttling on shows the current value at once.
 * Used for sorted views: re-sorting a big window on every stream delta would cost a long task each time,
 * and rows reshuffling several times a second cannot be read anyway.
 */
export function useThrottled<T>(value: T, ms: number): T {
  const shown = useRef(value);
  const last = useRef(0);
  const [, rerender] = useState(0);
  const live = ms <= 0;
  if (live) shown.current = value;
  useEffect(() => {
    if (ms <= 0 || shown.current === value) return;
    const apply = () => {
      last.current = performance.now();
      shown.current = value;
      rerender((n) => n + 1);
    };
    const wait = last.current + ms - performance.now();
    if (wait <= 0) return apply();
    const t = setTimeout(apply, wait);
    return () => clearTimeout(t);
  }, [value, ms]);
  return live ? value : shown.current;
}
