// The span-level table: every span matching the filter, newest trace first, paged on scroll.
import { useEffect, useMemo, useRef } from 'react';
import { useVirtualizer } from '@tanstack/react-virtual';
import {
  createColumnHelper,
  flexRender,
  getCoreRowModel,
  getSortedRowModel,
  useReactTable,
  type ColumnDef,
  type SortingState,
} from '@tanstack/react-table';
import { useState } from 'react';
import type { SpanRow } from '../../../shared/api/contract.js';
import { nanosToMs } from '../../../shared/model/time.js';
import { useApp } from '../state/store.js';
import { formatClock, formatCount, formatDuration, shortId, spanKindLabel } from '../model/format.js';
import { serviceColor } from '../model/colors.js';
import { ROW_HEIGHT } from './TraceList.js';
import { bySlot, slotKey } from './virtual-slots.js';

const col = createColumnHelper<SpanRow>();

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- react-table columns of mixed value types
const columns: ColumnDef<SpanRow, any>[] = [
  col.accessor((r) => nanosToMs(r.startTimeUnixNano), {
    id: 'start',
    header: 'Start',
    cell: (c) => <span className="mono dim">{formatClock(c.getValue<number>())}</span>,
    meta: { width: '104px' },
  }),
  col.accessor('name', {
    header: 'Span',
    cell: (c) => (
      <span className="trace-name" title={c.row.original.name}>
        {c.row.original.name || '(unnamed)'}
      </span>
    ),
    meta: { width: 'minmax(200px, 3fr)' },
  }),
  col.accessor('service', {
    header: 'Service',
    cell: (c) => (
      <span className="chip" style={{ borderColor: serviceColor(c.row.original.service) }}>
        <span className="chip-dot" style={{ background: serviceColor(c.row.original.service) }} />
        {c.row.original.service || '?'}
      </span>
    ),
    meta: { width: 'minmax(120px, 1.5fr)' },
  }),
  col.accessor('kind', {
    header: 'Kind',
    cell: (c) => <span className="dim">{spanKindLabel(c.row.original.kind)}</span>,
    meta: { width: '80px' },
  }),
  col.accessor('durationMs', {
    header: 'Duration',
    cell: (c) => <span className="num">{formatDuration(c.row.original.durationMs)}</span>,
    meta: { width: '88px', align: 'right' },
  }),
  col.accessor((r) => (r.statusCode === 2 || r.hasException ? 1 : 0), {
    id: 'error',
    header: 'Error',
    cell: (c) =>
      c.row.original.statusCode === 2 || c.row.original.hasException ? (
        <span className="badge badge-error">{c.row.original.hasException ? 'exception' : 'error'}</span>
      ) : (
        <span className="dim">—</span>
      ),
    meta: { width: '88px' },
  }),
  col.accessor('traceId', {
    header: 'Trace',
    cell: (c) => <span className="mono dim">{shortId(c.row.original.traceId)}</span>,
    meta: { width: '88px' },
  }),
];

export function SpanTable() {
  const rowsData = useApp((s) => s.spanRows);
  const total = useApp((s) => s.spanTotal);
  const nextCursor = useApp((s) => s.spanCursor);
  const loadMore = useApp((s) => s.loadMoreSpans);
  const loaded = useApp((s) => s.spansLoaded);
  const cursor = useApp((s) => s.spanListCursor);
  const setCursor = useApp((s) => s.setSpanListCursor);
  const openTrace = useApp((s) => s.openTrace);
  const selectSpan = useApp((s) => s.selectSpan);
  const [sorting, setSorting] = useState<SortingState>([]);
  const table = useReactTable({
    data: rowsData,
    columns,
    state: { sorting },
    onSortingChange: setSorting,
    getCoreRowModel: getCoreRowModel(),
    getSortedRowModel: getSortedRowModel(),
    getRowId: (r) => r.traceId + r.spanId,
  });
  const rows = table.getRowModel().rows;
  const template = useMemo(
    () =>
      table
        .getVisibleLeafColumns()
        .map((c) => (c.columnDef.meta as { width: string }).width)
        .join(' '),
    [table],
  );
  const scrollRef = useRef<HTMLDivElement>(null);
  const virtualizer = useVirtualizer({
    count: rows.length,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => ROW_HEIGHT,
    overscan: 12,
  });
  const items = virtualizer.getVirtualItems();
  const last = items[items.length - 1]?.index ?? -1;
  useEffect(() => {
    if (last >= rows.length - 60 && nextCursor !== null) void loadMore();
  }, [last, rows.length, nextCursor, loadMore]);
  useEffect(() => {
    if (cursor >= 0) virtualizer.scrollToIndex(cursor, { align: 'auto' });
  }, [cursor, virtualizer]);

  const open = async (r: SpanRow, index: number) => {
    setCursor(index);
    await openTrace(r.traceId);
    selectSpan(r.spanId);
  };

  return (
    <div className="grid" role="grid" aria-label="Spans" aria-rowcount={total + 1}>
      <div role="row" className="grid-row grid-head" style={{ gridTemplateColumns: template }}>
        {table.getFlatHeaders().map((h) => {
          const s = h.column.getIsSorted();
          return (
            <div
              role="columnheader"
              key={h.id}
              className="cell"
              aria-sort={s ? (s === 'desc' ? 'descending' : 'ascending') : undefined}
            >
              <button
                type="button"
                className="sort-btn"
                aria-label={`Sort spans by ${String(h.column.columnDef.header)}`}
                onClick={h.column.getToggleSortingHandler()}
              >
                {flexRender(h.column.columnDef.header, h.getContext())}
                <span className="sort-mark" aria-hidden="true">
                  {s === 'desc' ? '▾' : s === 'asc' ? '▴' : ''}
                </span>
              </button>
            </div>
          );
        })}
      </div>
      <div className="grid-body" ref={scrollRef} tabIndex={-1}>
        <div style={{ height: virtualizer.getTotalSize(), position: 'relative' }}>
          {bySlot(items).map((vi) => {
            const row = rows[vi.index]!;
            const r = row.original;
            const err = r.statusCode === 2 || r.hasException;
            return (
              <div
                role="row"
                key={slotKey(vi.index, items.length)}
                aria-selected={vi.index === cursor}
                className={`grid-row ${vi.index === cursor ? 'row-active' : ''} ${err ? 'row-error' : ''}`}
                style={{ transform: `translateY(${vi.start}px)`, gridTemplateColumns: template }}
                data-span-id={r.spanId}
                onClick={() => void open(r, vi.index)}
              >
                {row.getVisibleCells().map((cell) => (
                  <div
                    role="gridcell"
                    key={cell.column.id}
                    className={`cell ${(cell.column.columnDef.meta as { align?: string }).align === 'right' ? 'cell-right' : ''}`}
                  >
                    {flexRender(cell.column.columnDef.cell, cell.getContext())}
                  </div>
                ))}
              </div>
            );
          })}
        </div>
        {loaded && rows.length === 0 && (
          <div className="grid-empty" role="note">
            No spans match this filter.
          </div>
        )}
      </div>
      <div className="grid-foot" aria-live="polite">
        {formatCount(rows.length)} of {formatCount(total)} spans loaded
        {sorting.length > 0 && nextCursor !== null && ' · sorting applies to the loaded rows'}
      </div>
    </div>
  );
}
