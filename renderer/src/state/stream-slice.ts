// Routes live-stream messages to the slices they concern.
import type { StateCreator } from 'zustand/vanilla';
import type { AppState, StoreDeps, StreamSlice } from './types.js';
import { PAGE_SIZE } from './traces-slice.js';

const SPAN_REFRESH_MS = 1000;

export const createStreamSlice =
  (deps: StoreDeps): StateCreator<AppState, [], [], StreamSlice> =>
  (_set, get) => {
    const setTimer = deps.setTimer ?? ((fn: () => void, ms: number) => setTimeout(fn, ms));
    let spanTimer: unknown = null;
    let hadHello = false;
    return {
      handleStreamMessage: (msg) => {
        const s = get();
        s.setStats(msg.stats);
        switch (msg.type) {
          case 'hello':
            // After a reconnect the deltas in between are lost: start again from a fresh first page.
            if (hadHello) {
              void s.reloadTraces();
              if (s.view === 'spans') void s.reloadSpans();
              if (s.view === 'groups') void s.reloadGroups();
            }
            hadHello = true;
            return;
          case 'cleared':
            if (!s.paused) {
              void s.reloadTraces();
              if (s.openTraceId) s.closeTrace();
            } else
              s.applyDelta(
                [],
                s.traces.rows.map((r) => r.traceId),
              );
            if (s.view === 'spans') void s.reloadSpans();
            if (s.view === 'groups') void s.reloadGroups();
            return;
          case 'delta':
            s.applyDelta(msg.upserted, msg.removed);
            if (msg.removed.length) {
              s.tracesRemoved(msg.removed);
              s.selectionRemoved(msg.removed);
            }
            if (s.sendDialog) s.tracesForwardChanged(msg.upserted);
            if (msg.upserted.length || msg.removed.length) s.groupsChanged();
            if (msg.removed.length) s.tracesRemoved(msg.removed);
            if (s.openTraceId) {
              const open = msg.upserted.find((t) => t.traceId === s.openTraceId);
              if (open) s.traceChanged(open);
            }
            if (
              s.view === 'spans' &&
              !s.paused &&
              s.spanRows.length <= PAGE_SIZE &&
              spanTimer === null &&
              msg.upserted.length
            )
              spanTimer = setTimer(() => {
                spanTimer = null;
                void get().reloadSpans();
              }, SPAN_REFRESH_MS);
            return;
        }
      },
    };
  };
