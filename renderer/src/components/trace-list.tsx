// The live trace list: the virtual grid over the loaded window, paging on scroll, anchored so that rows
// arriving at the top do not move what the user is reading.
import { useCallback, useEffect, useLayoutEffect, useMemo, useRef } from 'react';
import {
  createColumnHelper,
  getCoreRowModel,
  useReactTable,
  type Column,
  type ColumnDef,
} from '@tanstack/react-table';
import type { TraceSummary } from '../../../shared/api/contract.js';
import { nanosToMs } from '../../../shared/model/time.js';
import { useApp } from '../state/store.js';
import { displayedTraces } from '../state/traces-slice.js';
import { formatClock, formatCount, formatDuration, plural } from '../model/format.js';
import { serviceColor } from '../model/colors.js';
import { forwardingColumns } from '../model/forwarding-status.js';
import { DEFAULT_SORT, isDefaultSort, type SortColumn } from '../model/trace-window.js';
import {
  ROW_HEIGHT,
  VirtualGrid,
  useGridRows,
  type GridColumnMeta,
  type HeaderSort,
} from './virtual-grid.js';
import { useThrottled } from './use-throttled.js';
import {
  ForwardCell,
  SamplingCell,
  SelectCell,
  SelectHeader,
  setShownTraceIds,
} from './forwarding/trace-cells.js';

const col = createColumnHelper<TraceSummary>();

interface ColMeta extends GridColumnMeta {
  sort?: SortColumn;
}

function ServiceChips({ services, root }: { services: string[]; root: string }) {
  // The root's service first: it is the one that tells traces apart at a glance. A narrow column (CSS
  // container query in app.css) keeps only that chip, named, and counts the others.
  const ordered = services.includes(root) ? [root, ...services.filter((s) => s !== root)] : services;
  return (
    <span className="chips-box">
      <span className="chips" title={services.join(', ')}>
        {ordered.slice(0, 3).map((s, i) => (
          <span
            key={s}
            className={`chip ${i > 0 ? 'chip-extra' : ''}`}
            style={{ borderColor: serviceColor(s) }}
          >
            <span className="chip-dot" style={{ background: serviceColor(s) }} />
            <span className="chip-text">{s || '?'}</span>
          </span>
        ))}
        {services.length > 3 && <span className="chip chip-more">+{services.length - 3}</span>}
        {services.length > 1 && (
          <span className="chip chip-more chip-more-compact">+{services.length - 1}</span>
        )}
      </span>
    </span>
  );
}

function HttpStatusCell({ status }: { status: number | null }) {
  if (status === null) return <span className="dim">—</span>;
  const cls = status >= 500 ? 'http-5xx' : status >= 400 ? 'http-4xx' : 'http-ok';
  return <span className={`num http-status ${cls}`}>{status}</span>;
}

/** Transactions · errors · lints, as the Sentry tab's profile and options would send the trace. */
function SentryOutcomeCell({ traceId }: { traceId: string }) {
  const o = useApp((s) => s.outcomes[traceId]);
  if (!o)
    return (
      <span className="dim" aria-label="Sentry outcome not computed yet">
        …
      </span>
    );
  const title =
    `${o.transactions} ${plural(o.transactions, 'transaction')} (${o.spans} spans), ` +
    `${o.errors} error ${plural(o.errors, 'event')}, ${o.lints} ${plural(o.lints, 'lint')}` +
    (o.lintErrors ? ` (${o.lintErrors} Sentry would drop or reject)` : '');
  return (
    <span className="sentry-outcome" title={title} aria-label={title}>
      <span className="num">{o.transactions}</span>
      <span className="dim">tx</span>
      <span className={`num ${o.errors ? 'outcome-errors' : ''}`}>{o.errors}</span>
      <span className="dim">err</span>
      <span className={`num ${o.lintErrors ? 'outcome-lint-errors' : o.lints ? 'outcome-lints' : ''}`}>
        {o.lints}
      </span>
      <span className="dim">lint</span>
    </span>
  );
}

function PinCell({ t }: { t: TraceSummary }) {
  const togglePin = useApp((s) => s.togglePin);
  return (
    <button
      type="button"
      className={`pin ${t.pinned ? 'pin-on' : ''}`}
      aria-label={t.pinned ? `Unpin trace ${t.rootName}` : `Pin trace ${t.rootName}`}
      aria-pressed={t.pinned}
      title={t.pinned ? 'Pinned: kept when the store evicts or is cleared' : 'Pin: keep this trace'}
      onClick={(e) => {
        e.stopPropagation();
        void togglePin(t.traceId);
      }}
    >
      {t.pinned ? '★' : '☆'}
    </button>
  );
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- react-table columns of mixed value types
const columns: ColumnDef<TraceSummary, any>[] = [
  col.display({
    id: 'select',
    header: () => <SelectHeader />,
    cell: (c) => <SelectCell t={c.row.original} />,
    meta: { width: '34px' },
  }),
  col.display({
    id: 'pin',
    header: '',
    cell: (c) => <PinCell t={c.row.original} />,
    meta: { width: '32px' },
  }),
  col.accessor('startTimeUnixNano', {
    id: 'start',
    header: 'Start',
    cell: (c) => {
      const t = c.row.original;
      return (
        <span className="mono dim" title={`Received ${formatClock(t.firstReceivedAt)}`}>
          {formatClock(nanosToMs(t.startTimeUnixNano))}
        </span>
      );
    },
    meta: { width: '104px', sort: 'start' },
  }),
  col.accessor('rootName', {
    id: 'name',
    header: 'Root span',
    cell: (c) => {
      const t = c.row.original;
      return (
        <span className="trace-name" title={t.rootName}>
          {!t.hasRoot && (
            <span className="badge badge-muted" title="No root span received (yet)">
              no root
            </span>
          )}
          {t.rootName || '(unnamed)'}
        </span>
      );
    },
    meta: { width: 'minmax(clamp(160px, 15.6vw, 200px), 3fr)', sort: 'name' },
  }),
  col.accessor('services', {
    id: 'services',
    header: 'Services',
    cell: (c) => <ServiceChips services={c.row.original.services} root={c.row.original.rootService} />,
    // Sorted by the root's service (the first chip), as the server sorts.
    meta: { width: 'minmax(clamp(120px, 12.5vw, 160px), 2fr)', sort: 'service' },
  }),
  col.accessor('httpStatus', {
    id: 'httpStatus',
    header: 'HTTP',
    cell: (c) => <HttpStatusCell status={c.row.original.httpStatus} />,
    meta: { width: 'clamp(54px, 5.3vw, 68px)', sort: 'httpStatus', align: 'right' },
  }),
  col.accessor('spanCount', {
    id: 'spans',
    header: 'Spans',
    cell: (c) => <span className="num">{formatCount(c.row.original.spanCount)}</span>,
    meta: { width: 'clamp(60px, 5.6vw, 72px)', sort: 'spans', align: 'right' },
  }),
  col.accessor('durationMs', {
    id: 'duration',
    header: 'Duration',
    cell: (c) => <span className="num">{formatDuration(c.row.original.durationMs)}</span>,
    meta: { width: 'clamp(78px, 6.9vw, 88px)', sort: 'duration', align: 'right' },
  }),
  col.accessor('errorCount', {
    id: 'errors',
    header: 'Errors',
    cell: (c) =>
      c.row.original.errorCount > 0 ? (
        <span className="badge badge-error">{formatCount(c.row.original.errorCount)}</span>
      ) : (
        <span className="dim">—</span>
      ),
    meta: { width: 'clamp(60px, 5.9vw, 76px)', sort: 'errors', align: 'right' },
  }),
  col.display({
    id: 'sentry',
    header: 'Sentry',
    cell: (c) => <SentryOutcomeCell traceId={c.row.original.traceId} />,
    meta: { width: 'clamp(116px, 10vw, 128px)' },
  }),
  col.display({
    id: 'sampling',
    header: 'Sampling',
    cell: (c) => <SamplingCell t={c.row.original} />,
    meta: { width: '80px' },
  }),
  col.display({
    id: 'forward',
    header: 'Forwarded',
    cell: (c) => <ForwardCell t={c.row.original} />,
    meta: { width: 'clamp(96px, 8.1vw, 104px)' },
  }),
];

const SORT_LABELS: Record<SortColumn, string> = {
  received: 'receipt',
  start: 'start time',
  name: 'root span',
  service: 'root service',
  spans: 'span count',
  duration: 'duration',
  errors: 'errors',
  httpStatus: 'HTTP status',
};

export function TraceList() {
  const traces = useApp((s) => s.traces);
  const sort = useApp((s) => s.sort);
  const setSort = useApp((s) => s.setSort);
  const cursor = useApp((s) => s.cursor);
  const setCursor = useApp((s) => s.setCursor);
  const openTrace = useApp((s) => s.openTrace);
  const loadMore = useApp((s) => s.loadMoreTraces);
  const loadingMore = useApp((s) => s.loadingMore);
  const tracesLoaded = useApp((s) => s.tracesLoaded);
  const requestOutcomes = useApp((s) => s.requestOutcomes);
  const sentryQueryKey = useApp((s) => `${s.sentryProfile}${JSON.stringify(s.sentryOverrides)}`);
  const targetCount = useApp((s) => s.forwarding?.targets.length ?? 0);
  const autoForward = useApp((s) => s.forwarding?.sampling.enabled ?? false);
  const samplingPanelOpen = useApp((s) => s.forwardingPanel === 'sampling');
  const columnVisibility = useMemo(
    () => forwardingColumns(targetCount, autoForward, samplingPanelOpen),
    [targetCount, autoForward, samplingPanelOpen],
  );
  // Live order follows every delta; a user sort re-sorts the loaded rows at most once a second.
  const sortedInput = useThrottled(traces, isDefaultSort(sort) ? 0 : 1000);
  const data = useMemo(
    () => displayedTraces({ traces: isDefaultSort(sort) ? traces : sortedInput, sort }) as TraceSummary[],
    [traces, sortedInput, sort],
  );
  // Shift-click ranges and the header checkbox work on the rows in the order shown.
  useEffect(() => setShownTraceIds(data.map((t) => t.traceId)), [data]);

  const grid = useGridRows(data.length);
  const { scrollRef, virtualizer, first, last } = grid;
  // The table model covers only the rows on screen: building it over 100 000 loaded traces on every
  // delta would cost more than drawing them.
  const windowData = useMemo(() => data.slice(first, last + 1), [data, first, last]);

  const table = useReactTable({
    data: windowData,
    columns,
    getCoreRowModel: getCoreRowModel(),
    getRowId: (t) => t.traceId,
    manualSorting: true,
    state: { columnVisibility },
  });

  // Scroll anchoring: remember which trace is at the top; when rows are inserted above it, move the
  // scroll position by the same amount so the view does not jump.
  const anchor = useRef<{ id: string; offset: number } | null>(null);
  const onScroll = () => {
    const el = scrollRef.current;
    if (!el) return;
    const idx = Math.floor(el.scrollTop / ROW_HEIGHT);
    const r = data[idx];
    anchor.current =
      el.scrollTop > 0 && r ? { id: r.traceId, offset: el.scrollTop - idx * ROW_HEIGHT } : null;
  };
  useLayoutEffect(() => {
    const el = scrollRef.current;
    const a = anchor.current;
    if (!el || !a || !isDefaultSort(sort)) return;
    let idx = -1;
    for (let i = 0; i < data.length; i++)
      if (data[i]!.traceId === a.id) {
        idx = i;
        break;
      }
    if (idx < 0) return;
    const want = idx * ROW_HEIGHT + a.offset;
    if (Math.abs(el.scrollTop - want) >= 1) el.scrollTop = want;
  }, [data, sort]);

  // The Sentry column for the rows on screen (the core maps only what is asked for, cached per revision).
  useEffect(() => {
    if (windowData.length) requestOutcomes(windowData);
  }, [windowData, requestOutcomes, sentryQueryKey]);

  useEffect(() => {
    if (last >= data.length - 60 && traces.nextCursor !== null) void loadMore();
  }, [last, data.length, traces.nextCursor, loadMore]);

  useEffect(() => {
    if (cursor >= 0) virtualizer.scrollToIndex(cursor, { align: 'auto' });
  }, [cursor, virtualizer]);

  const onOpen = useCallback(
    (t: TraceSummary, index: number) => {
      setCursor(index);
      void openTrace(t.traceId);
    },
    [setCursor, openTrace],
  );
  const sortOf = (column: Column<TraceSummary, unknown>): HeaderSort | null => {
    const sortable = (column.columnDef.meta as ColMeta).sort;
    if (!sortable) return null;
    const active = sort.column === sortable;
    return {
      state: active ? (sort.desc ? 'desc' : 'asc') : false,
      toggle: () =>
        setSort({
          column: sortable,
          desc: active ? !sort.desc : sortable !== 'name' && sortable !== 'service',
        }),
    };
  };

  return (
    <VirtualGrid
      label="Traces"
      total={traces.total}
      grid={grid}
      table={table}
      rowOffset={first}
      cursor={cursor}
      sortOf={sortOf}
      sortLabel="Sort by"
      rowClass={(t) => (t.errorCount > 0 ? 'row-error' : '')}
      rowData={(t) => ({
        'data-trace-id': t.traceId,
        'data-received-at': t.lastReceivedAt,
        'data-revision': t.revision,
      })}
      onOpen={onOpen}
      onScroll={onScroll}
      empty={tracesLoaded && data.length === 0 ? 'No traces match this filter.' : null}
      foot={
        <>
          <span aria-live="polite">
            {formatCount(data.length)} of {formatCount(traces.total)} loaded
            {isDefaultSort(sort)
              ? ' · newest received first'
              : ` · sorted by ${SORT_LABELS[sort.column]} (${sort.desc ? 'descending' : 'ascending'}) over every trace held`}
            {!isDefaultSort(sort) && (
              <button type="button" className="btn btn-small btn-link" onClick={() => setSort(DEFAULT_SORT)}>
                Back to live order
              </button>
            )}
            {loadingMore && ' · loading more…'}
          </span>
          <span className="keys" aria-hidden="true">
            <kbd>j</kbd>/<kbd>k</kbd> move · <kbd>Enter</kbd> open · <kbd>/</kbd> filter · <kbd>p</kbd> pause
          </span>
        </>
      }
    />
  );
}
