// The waterfall: a virtualised tree of spans with their bars on one shared time axis.
import { memo, useMemo, useRef } from 'react';
import { useApp } from '../state/store.js';
import { visibleRows, type Waterfall as WaterfallModel, type WaterfallNode } from '../model/waterfall.js';
import { axisTicks, barFor, ticksForWidth, type Bar } from '../model/time-axis.js';
import { formatDuration } from '../model/format.js';
import { bySlot, slotKey } from './virtual-slots.js';
import { useVirtualRows } from './use-virtual-rows.js';
import { serviceColor } from '../model/colors.js';
import { nameColumnVars } from '../model/column-width.js';
import { ColumnResizer } from './column-resizer.js';
import { useElementWidth } from './use-element-width.js';

const SPAN_ROW_HEIGHT = 28;
const INDENT = 14;

type LabelPlace = 'after' | 'inside' | 'before';

/** Duration label beside the bar, or inside it when the bar reaches the right edge and is wide enough. */
function labelPlace(bar: Bar): LabelPlace {
  if (bar.left + bar.width <= 0.8) return 'after';
  return bar.width >= 0.15 ? 'inside' : 'before';
}

function labelStyle(bar: Bar, place: LabelPlace): React.CSSProperties {
  const end = (bar.left + bar.width) * 100;
  if (place === 'after') return { left: `calc(${end}% + 4px)` };
  if (place === 'inside') return { right: `calc(${100 - end}% + 4px)` };
  return { right: `calc(${100 - bar.left * 100}% + 4px)` };
}

const SpanRowView = memo(function SpanRowView({
  node,
  w,
  top,
  selected,
  collapsed,
  posInSet,
}: {
  node: WaterfallNode;
  w: WaterfallModel;
  top: number;
  selected: boolean;
  collapsed: boolean;
  posInSet: number;
}) {
  const selectSpan = useApp((s) => s.selectSpan);
  const toggle = useApp((s) => s.toggleCollapsed);
  const bar = barFor(node.startMs, node.endMs, w.startMs, w.durationMs);
  const dur = node.endMs - node.startMs;
  const color = serviceColor(node.service);
  const hasKids = node.children.length > 0;
  const place = labelPlace(bar);
  return (
    <div
      role="treeitem"
      aria-level={node.depth + 1}
      aria-posinset={posInSet}
      aria-selected={selected}
      aria-expanded={hasKids ? !collapsed : undefined}
      aria-label={`${node.span.name}${node.isError ? ', error' : ''}`}
      data-span-id={node.span.spanId}
      className={`wf-row ${selected ? 'row-active' : ''} ${node.isError ? 'wf-error' : ''}`}
      style={{ transform: `translateY(${top}px)` }}
      onClick={() => selectSpan(node.span.spanId)}
    >
      <div className="wf-name" style={{ paddingLeft: 6 + Math.min(node.depth, 40) * INDENT }}>
        {hasKids ? (
          <button
            type="button"
            className="wf-toggle"
            aria-label={`${collapsed ? 'Expand' : 'Collapse'} ${node.span.name}`}
            onClick={(e) => {
              e.stopPropagation();
              toggle(node.span.spanId);
            }}
          >
            {collapsed ? '▸' : '▾'}
          </button>
        ) : (
          <span className="wf-toggle-space" />
        )}
        <span className="wf-service-bar" style={{ background: color }} aria-hidden="true" />
        <span className="wf-label" title={`${node.service} · ${node.span.name}`}>
          <span className="wf-service">{node.service || '?'}</span> {node.span.name || '(unnamed)'}
        </span>
        {collapsed && hasKids && <span className="badge badge-muted">+{node.descendants}</span>}
        {node.orphan && (
          <span className="badge badge-warn" title="Its parent span is not in this trace (yet)">
            orphan
          </span>
        )}
        {node.isError && <span className="badge badge-error">error</span>}
      </div>
      <div className="wf-track">
        <div
          className="wf-bar"
          style={{
            left: `${bar.left * 100}%`,
            width: `max(2px, ${bar.width * 100}%)`,
            background: node.isError ? 'var(--error)' : color,
          }}
        />
        <span className={`wf-dur ${place === 'inside' ? 'wf-dur-in' : ''}`} style={labelStyle(bar, place)}>
          {formatDuration(dur)}
        </span>
      </div>
    </div>
  );
});

export function Waterfall() {
  const w = useApp((s) => s.waterfall);
  const collapsed = useApp((s) => s.collapsed);
  const selected = useApp((s) => s.selectedSpanId);
  const namePx = useApp((s) => s.nameColumnPx);
  const setNamePx = useApp((s) => s.setNameColumnPx);
  const axisRef = useRef<HTMLDivElement>(null);
  const nameHeadRef = useRef<HTMLDivElement>(null);
  // Fewer ticks on a narrow track (a small window, or names dragged wide), so their labels never touch.
  const [trackRef, trackWidth] = useElementWidth<HTMLDivElement>(480);
  const maxTicks = ticksForWidth(trackWidth);
  const rows = useMemo(() => (w ? visibleRows(w, collapsed) : []), [w, collapsed]);
  const ticks = useMemo(() => (w ? axisTicks(w.durationMs, maxTicks) : []), [w, maxTicks]);
  const selectedPos = useMemo(() => {
    if (!w || !selected) return -1;
    return rows.findIndex((i) => w.nodes[i]!.span.spanId === selected);
  }, [rows, w, selected]);
  const { scrollRef, virtualizer } = useVirtualRows(rows.length, SPAN_ROW_HEIGHT, selectedPos, 15);
  const items = virtualizer.getVirtualItems();
  if (!w) return null;
  return (
    <div className="waterfall" style={nameColumnVars(namePx) as React.CSSProperties}>
      <div className="wf-axis" ref={axisRef}>
        <div className="wf-name" ref={nameHeadRef} aria-hidden="true">
          Span
        </div>
        <ColumnResizer
          label="Span name column width"
          containerRef={axisRef}
          columnRef={nameHeadRef}
          onResize={setNamePx}
        />
        <div className="wf-track" aria-hidden="true" ref={trackRef}>
          {ticks.map((t) => (
            <span key={t.ms} className="wf-tick" style={{ left: `${t.at * 100}%` }}>
              {formatDuration(t.ms)}
            </span>
          ))}
        </div>
      </div>
      <div className="wf-body" ref={scrollRef} role="tree" aria-label="Waterfall" tabIndex={-1}>
        <div className="wf-gridlines" aria-hidden="true">
          {ticks.map((t) => (
            <span key={t.ms} className="wf-gridline" style={{ left: `${t.at * 100}%` }} />
          ))}
        </div>
        <div style={{ height: virtualizer.getTotalSize(), position: 'relative' }}>
          {bySlot(items).map((vi) => {
            const node = w.nodes[rows[vi.index]!]!;
            return (
              <SpanRowView
                key={slotKey(vi.index, items.length)}
                node={node}
                w={w}
                top={vi.start}
                selected={node.span.spanId === selected}
                collapsed={collapsed.has(node.span.spanId)}
                posInSet={vi.index + 1}
              />
            );
          })}
        </div>
      </div>
    </div>
  );
}
