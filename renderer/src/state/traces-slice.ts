// The live trace list: the loaded window (paged from the server), stream deltas merged into it, pause and
// resume, filter and sort, pin and clear.
import type { StateCreator } from 'zustand/vanilla';
import type { TraceSummary } from '../../../shared/api/contract.js';
import type { AppState, StoreDeps, TracesSlice } from './types.js';
import { EMPTY_FILTER, matchesFilter, traceFilterToQuery } from '../model/trace-filter.js';
import {
  DEFAULT_SORT,
  EMPTY_WINDOW,
  appendPage,
  isDefaultSort,
  mergeDelta,
  sortRows,
  sortToQuery,
  updateSortedWindow,
} from '../model/trace-window.js';
import {
  bufferCleared,
  bufferDelta,
  bufferToDelta,
  emptyPauseBuffer,
  waitingCount,
} from '../model/pause-buffer.js';
import { describeError, isAbort } from './errors.js';

/** Rows per page: a screenful is ~25, so one page covers several screens of scrolling. */
export const PAGE_SIZE = 200;
/** How long free-text filters wait before refetching the head when the stream brought undecidable traces. */
const HEAD_REFRESH_MS = 400;
/** In a user-chosen order, new traces are placed by refetching the loaded range at most this often. */
const SORTED_REFRESH_MS = 1000;
/** The most rows one refetch of a sorted list asks for (the API's page limit). */
const MAX_REFETCH = 1000;

export const createTracesSlice =
  (deps: StoreDeps): StateCreator<AppState, [], [], TracesSlice> =>
  (set, get) => {
    const setTimer = deps.setTimer ?? ((fn: () => void, ms: number) => setTimeout(fn, ms));
    // Requests for an older filter are ignored when they come back: each reload bumps the epoch.
    let epoch = 0;
    let listAbort: AbortController | null = null;
    let headTimer: unknown = null;
    let frozenIds: Set<string> | null = null;
    let sortedTimer: unknown = null;
    /** The list query for the current filter and sort. */
    const listQuery = () => ({ ...traceFilterToQuery(get().filter), ...sortToQuery(get().sort) });

    /** Sorted by the user: the loaded range again from the server, so new traces land in their place. */
    const refreshSorted = async () => {
      sortedTimer = null;
      const my = epoch;
      const limit = Math.min(MAX_REFETCH, Math.max(PAGE_SIZE, get().traces.rows.length));
      try {
        const page = await deps.api.listTraces({ ...listQuery(), limit });
        if (my !== epoch || get().paused || isDefaultSort(get().sort)) return;
        set({ traces: { rows: page.traces, total: page.total, nextCursor: page.nextCursor } });
      } catch (e) {
        if (!isAbort(e)) get().setApiError(describeError(e));
      }
    };

    const refreshHead = async () => {
      headTimer = null;
      const my = epoch;
      try {
        const page = await deps.api.listTraces({ ...listQuery(), limit: 100 });
        if (my !== epoch || get().paused) return;
        const { window } = mergeDelta(
          get().traces,
          { upserted: page.traces, removed: [] },
          get().filter,
          true,
        );
        set({ traces: { ...window, total: Math.max(window.total, page.total) } });
      } catch (e) {
        if (!isAbort(e)) get().setApiError(describeError(e));
      }
    };

    return {
      view: 'traces',
      filter: EMPTY_FILTER,
      sort: DEFAULT_SORT,
      traces: EMPTY_WINDOW,
      tracesLoading: false,
      tracesLoaded: false,
      loadingMore: false,
      paused: false,
      pauseBuffer: emptyPauseBuffer(),
      cursor: -1,

      setView: (view) => {
        set({ view });
        if (view === 'spans') void get().reloadSpans();
        if (view === 'groups') void get().reloadGroups();
      },

      setFilter: (patch) => {
        set({ filter: { ...get().filter, ...patch }, cursor: -1 });
        void get().reloadTraces();
        if (get().view === 'spans') void get().reloadSpans();
        if (get().view === 'groups') void get().reloadGroups();
      },

      // Sorting is the server's, over every trace held: a new order is a new first page.
      setSort: (sort) => {
        set({ sort, cursor: -1 });
        void get().reloadTraces();
      },

      reloadTraces: async () => {
        const my = ++epoch;
        listAbort?.abort();
        const ctrl = new AbortController();
        listAbort = ctrl;
        set({ tracesLoading: true });
        try {
          const page = await deps.api.listTraces({ ...listQuery(), limit: PAGE_SIZE }, ctrl.signal);
          if (my !== epoch) return;
          frozenIds = get().paused ? new Set(page.traces.map((t) => t.traceId)) : null;
          set({
            traces: { rows: page.traces, total: page.total, nextCursor: page.nextCursor },
            tracesLoading: false,
            tracesLoaded: true,
            loadingMore: false,
            pauseBuffer: emptyPauseBuffer(),
            apiError: null,
          });
        } catch (e) {
          if (my !== epoch || isAbort(e)) return;
          set({ tracesLoading: false });
          get().setApiError(describeError(e));
        }
      },

      loadMoreTraces: async () => {
        const { traces, loadingMore, paused } = get();
        if (loadingMore || traces.nextCursor === null) return;
        const my = epoch;
        set({ loadingMore: true });
        try {
          const page = await deps.api.listTraces({
            ...listQuery(),
            limit: PAGE_SIZE,
            cursor: traces.nextCursor,
          });
          if (my !== epoch) return;
          const next = appendPage(get().traces, page);
          if (paused && frozenIds) for (const t of page.traces) frozenIds.add(t.traceId);
          set({ traces: next, loadingMore: false });
        } catch (e) {
          if (my !== epoch) return;
          set({ loadingMore: false });
          get().setApiError(describeError(e));
        }
      },

      applyDelta: (upserted, removed) => {
        const s = get();
        if (s.paused) {
          const ids = frozenIds ?? new Set(s.traces.rows.map((r) => r.traceId));
          frozenIds = ids;
          set({
            pauseBuffer: bufferDelta(
              s.pauseBuffer,
              { upserted, removed },
              (id) => ids.has(id),
              (t) => matchesFilter(t, s.filter) !== false,
            ),
          });
          return;
        }
        if (!isDefaultSort(s.sort)) {
          const { window, outside } = updateSortedWindow(s.traces, { upserted, removed }, s.filter);
          if (window !== s.traces) set({ traces: window });
          if (outside > 0 && sortedTimer === null)
            sortedTimer = setTimer(() => void refreshSorted(), SORTED_REFRESH_MS);
          return;
        }
        const { window, undecided } = mergeDelta(s.traces, { upserted, removed }, s.filter);
        if (window !== s.traces) set({ traces: window, cursor: followCursor(s, window.rows) });
        if (undecided > 0 && headTimer === null)
          headTimer = setTimer(() => void refreshHead(), HEAD_REFRESH_MS);
      },

      pause: () => {
        if (get().paused) return;
        frozenIds = new Set(get().traces.rows.map((r) => r.traceId));
        set({ paused: true, pauseBuffer: emptyPauseBuffer() });
      },

      resume: () => {
        const s = get();
        if (!s.paused) return;
        const buf = s.pauseBuffer;
        frozenIds = null;
        const base = buf.cleared ? { ...EMPTY_WINDOW } : s.traces;
        if (!isDefaultSort(s.sort)) {
          set({ paused: false, pauseBuffer: emptyPauseBuffer() });
          void refreshSorted();
          if (s.openTraceId) void get().refreshTrace();
          return;
        }
        const { window, undecided } = mergeDelta(base, bufferToDelta(buf), s.filter);
        set({
          paused: false,
          pauseBuffer: emptyPauseBuffer(),
          traces: window,
          cursor: followCursor(s, window.rows),
        });
        if (undecided > 0) void refreshHead();
        if (s.openTraceId) void get().refreshTrace();
      },

      clearAll: async () => {
        try {
          await deps.api.clear();
          // The stream's `cleared` message does the same; doing it now makes the click feel instant.
          epoch++;
          frozenIds = get().paused ? new Set() : null;
          set({
            traces: { ...EMPTY_WINDOW },
            pauseBuffer: get().paused ? bufferCleared() : emptyPauseBuffer(),
            cursor: -1,
            spanRows: [],
            spanTotal: 0,
            spanCursor: null,
          });
          get().closeTrace();
        } catch (e) {
          get().setApiError(describeError(e));
        }
      },

      togglePin: async (traceId) => {
        const row = get().traces.rows.find((r) => r.traceId === traceId);
        const openSummary = get().trace?.summary;
        const current = row?.pinned ?? (openSummary?.traceId === traceId ? openSummary.pinned : false);
        const pinned = !current;
        const patchRow = (value: boolean) =>
          set({
            traces: {
              ...get().traces,
              rows: get().traces.rows.map((r) => (r.traceId === traceId ? { ...r, pinned: value } : r)),
            },
          });
        patchRow(pinned);
        const t = get().trace;
        if (t && t.summary.traceId === traceId) set({ trace: { ...t, summary: { ...t.summary, pinned } } });
        try {
          await deps.api.setPinned(traceId, pinned);
        } catch (e) {
          patchRow(current);
          get().setApiError(describeError(e));
        }
      },

      setCursor: (cursor) => set({ cursor }),

      sendDemo: async () => {
        try {
          const r = await deps.api.sendDemo();
          return r.traceId;
        } catch (e) {
          get().setApiError(describeError(e));
          return null;
        }
      },
    };
  };

/** The keyboard cursor stays on the same trace when rows arrive above it (or drops if it went away). */
function followCursor(s: AppState, nextRows: readonly TraceSummary[]): number {
  if (s.cursor < 0 || !isDefaultSort(s.sort)) return s.cursor;
  const id = s.traces.rows[s.cursor]?.traceId;
  if (id === undefined) return -1;
  if (nextRows[s.cursor]?.traceId === id) return s.cursor;
  return nextRows.findIndex((r) => r.traceId === id);
}

/** Rows in display order (server order unless the user sorted). */
export function displayedTraces(s: Pick<AppState, 'traces' | 'sort'>) {
  return sortRows(s.traces.rows, s.sort);
}

export function waitingTraces(s: Pick<AppState, 'pauseBuffer'>): number {
  return waitingCount(s.pauseBuffer);
}
