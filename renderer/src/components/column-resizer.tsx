// The draggable edge between the waterfall's span names and its time track. A pointer drag moves it, the
// keyboard steps it (it is a focusable separator, as ARIA's splitter pattern has it), a double click puts
// the default back. It watches the column's real width (ResizeObserver), so a CSS-clamped width (a window
// made narrower since) is what it reports and where a drag or a key step starts from.
import { useEffect, useRef, useState, type KeyboardEvent, type PointerEvent, type RefObject } from 'react';
import { NAME_MIN_PX, clampNameWidth, maxNameWidth, widthForKey } from '../model/column-width.js';

interface Props {
  label: string;
  /** The element whose width the column shares with the track. */
  containerRef: RefObject<HTMLElement | null>;
  /** The name column's header cell: its width is the column's. */
  columnRef: RefObject<HTMLElement | null>;
  onResize: (px: number | null) => void;
}

export function ColumnResizer({ label, containerRef, columnRef, onResize }: Props) {
  const drag = useRef<{ x: number; width: number; container: number } | null>(null);
  const [{ width, container }, setSize] = useState({ width: NAME_MIN_PX, container: 0 });
  useEffect(() => {
    const column = columnRef.current;
    if (!column) return;
    const measure = () =>
      setSize({
        width: Math.round(column.getBoundingClientRect().width),
        container: containerRef.current?.clientWidth ?? 0,
      });
    measure();
    const observer = new ResizeObserver(measure);
    observer.observe(column);
    if (containerRef.current) observer.observe(containerRef.current);
    return () => observer.disconnect();
  }, [columnRef, containerRef]);

  const onPointerDown = (e: PointerEvent<HTMLDivElement>) => {
    if (e.button !== 0) return;
    e.preventDefault();
    e.currentTarget.setPointerCapture(e.pointerId);
    drag.current = {
      x: e.clientX,
      width: columnRef.current?.getBoundingClientRect().width ?? NAME_MIN_PX,
      container: containerRef.current?.clientWidth ?? 0,
    };
  };
  const onPointerMove = (e: PointerEvent<HTMLDivElement>) => {
    const d = drag.current;
    if (d) onResize(clampNameWidth(d.width + e.clientX - d.x, d.container));
  };
  const endDrag = () => {
    drag.current = null;
  };
  const onKeyDown = (e: KeyboardEvent<HTMLDivElement>) => {
    const next = widthForKey(e.key, e.shiftKey, width, container);
    if (next === undefined) return;
    // The arrows also collapse and expand spans; on the separator they only move it.
    e.preventDefault();
    e.stopPropagation();
    onResize(next);
  };

  return (
    <div
      role="separator"
      aria-orientation="vertical"
      aria-label={label}
      aria-valuemin={NAME_MIN_PX}
      aria-valuemax={maxNameWidth(container)}
      aria-valuenow={width}
      tabIndex={0}
      className="col-resizer"
      title="Drag to resize; double-click for the default width"
      onPointerDown={onPointerDown}
      onPointerMove={onPointerMove}
      onPointerUp={endDrag}
      onPointerCancel={endDrag}
      onDoubleClick={() => onResize(null)}
      onKeyDown={onKeyDown}
    />
  );
}
