// The span-level table: every span matching the filter, newest trace first, paged on scroll, in the
// virtual grid the trace list uses.
import { useCallback, useEffect, useState } from 'react';
import {
  createColumnHelper,
  getCoreRowModel,
  getSortedRowModel,
  useReactTable,
  type Column,
  type ColumnDef,
  type SortingState,
} from '@tanstack/react-table';
import type { SpanRow } from '../../../shared/api/contract.js';
import { nanosToMs } from '../../../shared/model/time.js';
import { useApp } from '../state/store.js';
import { formatClock, formatCount, formatDuration, shortId, spanKindLabel } from '../model/format.js';
import { serviceColor } from '../model/colors.js';
import { VirtualGrid, useGridRows, type HeaderSort } from './virtual-grid.js';

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
  const grid = useGridRows(rows.length);
  const { virtualizer, last } = grid;
  useEffect(() => {
    if (last >= rows.length - 60 && nextCursor !== null) void loadMore();
  }, [last, rows.length, nextCursor, loadMore]);
  useEffect(() => {
    if (cursor >= 0) virtualizer.scrollToIndex(cursor, { align: 'auto' });
  }, [cursor, virtualizer]);

  const onOpen = useCallback(
    (r: SpanRow, index: number) => {
      setCursor(index);
      void openTrace(r.traceId).then(() => selectSpan(r.spanId));
    },
    [setCursor, openTrace, selectSpan],
  );

  return (
    <VirtualGrid
      label="Spans"
      total={total}
      grid={grid}
      table={table}
      rowOffset={0}
      cursor={cursor}
      sortOf={sortOf}
      sortLabel="Sort spans by"
      rowClass={(r) => (r.statusCode === 2 || r.hasException ? 'row-error' : '')}
      rowData={(r) => ({ 'data-span-id': r.spanId })}
      onOpen={onOpen}
      empty={loaded && rows.length === 0 ? 'No spans match this filter.' : null}
      footLive
      foot={
        <>
          {formatCount(rows.length)} of {formatCount(total)} spans loaded
          {sorting.length > 0 && nextCursor !== null && ' · sorting applies to the loaded rows'}
        </>
      }
    />
  );
}

/** Every span column sorts through react-table (over the loaded rows). */
function sortOf(column: Column<SpanRow, unknown>): HeaderSort {
  // The handler, not toggleSorting(): it reads Shift from the click for a multi-column sort.
  return { state: column.getIsSorted(), toggle: column.getToggleSortingHandler()! };
}
