// The open trace: fetched whole, turned into a waterfall, refetched (throttled) when late spans arrive.
import type { StateCreator } from 'zustand/vanilla';
import type { AppState, StoreDeps, TraceViewSlice } from './types.js';
import {
  buildWaterfall,
  defaultCollapsed,
  findError,
  revealNode,
  toggleService,
} from '../model/waterfall.js';
import { describeError, isAbort } from './errors.js';

/** Late spans of the open trace are fetched at most this often. */
const TRACE_REFRESH_MS = 300;

export const createTraceViewSlice =
  (deps: StoreDeps): StateCreator<AppState, [], [], TraceViewSlice> =>
  (set, get) => {
    const setTimer = deps.setTimer ?? ((fn: () => void, ms: number) => setTimeout(fn, ms));
    let abort: AbortController | null = null;
    let refreshTimer: unknown = null;
    let openEpoch = 0;

    return {
      openTraceId: null,
      trace: null,
      waterfall: null,
      collapsed: new Set(),
      selectedSpanId: null,
      traceLoading: false,
      traceError: null,
      traceGone: false,

      openTrace: async (traceId) => {
        const my = ++openEpoch;
        abort?.abort();
        const ctrl = new AbortController();
        abort = ctrl;
        set({
          openTraceId: traceId,
          trace: null,
          waterfall: null,
          collapsed: new Set(),
          selectedSpanId: null,
          traceLoading: true,
          traceError: null,
          traceGone: false,
        });
        try {
          const trace = await deps.api.getTrace(traceId, ctrl.signal);
          if (my !== openEpoch) return;
          const waterfall = buildWaterfall(trace.spans);
          const first = waterfall.preorder[0];
          set({
            trace,
            waterfall,
            collapsed: defaultCollapsed(waterfall),
            selectedSpanId: first !== undefined ? waterfall.nodes[first]!.span.spanId : null,
            traceLoading: false,
          });
        } catch (e) {
          if (my !== openEpoch || isAbort(e)) return;
          set({ traceLoading: false, traceError: describeError(e) });
        }
      },

      closeTrace: () => {
        openEpoch++;
        abort?.abort();
        set({
          openTraceId: null,
          trace: null,
          waterfall: null,
          selectedSpanId: null,
          traceError: null,
          traceGone: false,
        });
      },

      refreshTrace: async () => {
        refreshTimer = null;
        const id = get().openTraceId;
        if (!id) return;
        const my = openEpoch;
        try {
          const trace = await deps.api.getTrace(id);
          if (my !== openEpoch) return;
          const waterfall = buildWaterfall(trace.spans);
          set({ trace, waterfall, traceGone: false });
        } catch (e) {
          if (my === openEpoch && !isAbort(e)) set({ traceError: describeError(e) });
        }
      },

      traceChanged: (summary) => {
        const s = get();
        if (s.openTraceId !== summary.traceId || s.paused) return;
        if (s.trace && s.trace.summary.revision >= summary.revision) return;
        if (refreshTimer === null) refreshTimer = setTimer(() => void get().refreshTrace(), TRACE_REFRESH_MS);
      },

      tracesRemoved: (ids) => {
        const open = get().openTraceId;
        if (open && ids.includes(open)) set({ traceGone: true });
      },

      selectSpan: (selectedSpanId) => set({ selectedSpanId }),

      toggleCollapsed: (spanId) => {
        const next = new Set(get().collapsed);
        if (next.has(spanId)) next.delete(spanId);
        else next.add(spanId);
        set({ collapsed: next });
      },

      setCollapsed: (collapsed) => set({ collapsed }),

      expandAll: () => set({ collapsed: new Set() }),

      collapseAll: () => {
        const w = get().waterfall;
        if (!w) return;
        const all = new Set<string>();
        for (const n of w.nodes) if (n.children.length && n.parent >= 0) all.add(n.span.spanId);
        set({ collapsed: all });
      },

      toggleServiceCollapsed: (service) => {
        const w = get().waterfall;
        if (w) set({ collapsed: toggleService(w, service, get().collapsed) });
      },

      jumpToError: (dir) => {
        const { waterfall: w, selectedSpanId, collapsed } = get();
        if (!w) return;
        const i = findError(w, selectedSpanId, dir);
        if (i < 0) return;
        set({ selectedSpanId: w.nodes[i]!.span.spanId, collapsed: revealNode(w, i, collapsed) });
      },
    };
  };
