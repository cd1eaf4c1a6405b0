// Fixed-height virtual rows whose selected row stays in view, for the waterfall and the Sentry tab's trace
// tree. The scroll box takes `scrollRef`. The selected row (its position among the rows shown, -1 for none)
// is scrolled into view when that position changes, not on every update of the rows, so someone who
// scrolled away from it is not pulled back by a live refresh.
import { useEffect, useRef } from 'react';
import { useVirtualizer } from '@tanstack/react-virtual';

export function useVirtualRows(count: number, rowHeight: number, selectedPos: number, overscan: number) {
  const scrollRef = useRef<HTMLDivElement>(null);
  const virtualizer = useVirtualizer({
    count,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => rowHeight,
    overscan,
  });
  useEffect(() => {
    if (selectedPos >= 0) virtualizer.scrollToIndex(selectedPos, { align: 'auto' });
  }, [selectedPos, virtualizer]);
  return { scrollRef, virtualizer };
}
