// The span-level table: GET /api/v1/spans with the same filters as the trace list, paged on scroll. The
// stream carries trace summaries only, so the head page is refetched (throttled) when traces change.
import type { StateCreator } from 'zustand/vanilla';
import type { AppState, SpansSlice, StoreDeps } from './types.js';
import { filterToQuery } from '../model/trace-filter.js';
import { describeError, isAbort } from './errors.js';
import { PAGE_SIZE } from './traces-slice.js';

export const createSpansSlice =
  (deps: StoreDeps): StateCreator<AppState, [], [], SpansSlice> =>
  (set, get) => {
    let epoch = 0;
    let abort: AbortController | null = null;
    let loadingMore = false;
    return {
      spanRows: [],
      spanTotal: 0,
      spanCursor: null,
      spansLoading: false,
      spansLoaded: false,
      spanListCursor: -1,

      reloadSpans: async () => {
        const my = ++epoch;
        abort?.abort();
        const ctrl = new AbortController();
        abort = ctrl;
        set({ spansLoading: true });
        try {
          const page = await deps.api.listSpans(
            { ...filterToQuery(get().filter), limit: PAGE_SIZE },
            ctrl.signal,
          );
          if (my !== epoch) return;
          set({
            spanRows: page.spans,
            spanTotal: page.total,
            spanCursor: page.nextCursor,
            spansLoading: false,
            spansLoaded: true,
          });
        } catch (e) {
          if (my !== epoch || isAbort(e)) return;
          set({ spansLoading: false });
          get().setApiError(describeError(e));
        }
      },

      loadMoreSpans: async () => {
        const cursor = get().spanCursor;
        if (loadingMore || cursor === null) return;
        const my = epoch;
        loadingMore = true;
        try {
          const page = await deps.api.listSpans({ ...filterToQuery(get().filter), limit: PAGE_SIZE, cursor });
          if (my !== epoch) return;
          const have = new Set(get().spanRows.map((r) => r.traceId + r.spanId));
          set({
            spanRows: get().spanRows.concat(page.spans.filter((r) => !have.has(r.traceId + r.spanId))),
            spanCursor: page.nextCursor,
            spanTotal: page.total,
          });
        } catch (e) {
          if (my === epoch) get().setApiError(describeError(e));
        } finally {
          loadingMore = false;
        }
      },

      setSpanListCursor: (spanListCursor) => set({ spanListCursor }),
    };
  };
