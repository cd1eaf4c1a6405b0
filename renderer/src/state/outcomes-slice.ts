// The trace list's Sentry column: how each row would land in Sentry (transactions, errors, lints) under the
// Sentry tab's profile and options. The core computes it only when asked (it is too costly for ingest), so
// the list asks for the rows on screen, in one batched request, and again only when a row's revision moves.
import type { StateCreator } from 'zustand/vanilla';
import type { SentryOutcome } from '../../../shared/api/contract.js';
import type { AppState, OutcomesSlice, StoreDeps } from './types.js';
import { previewQuery } from '../model/sentry-view.js';
import { describeError } from './errors.js';

/** Rows asked for within this window go out as one request. */
const BATCH_MS = 150;
/** The API's limit on trace IDs per request. */
const MAX_IDS = 200;

export const createOutcomesSlice =
  (deps: StoreDeps): StateCreator<AppState, [], [], OutcomesSlice> =>
  (set, get) => {
    const setTimer = deps.setTimer ?? ((fn: () => void, ms: number) => setTimeout(fn, ms));
    /** trace ID → the revision wanted (in flight or queued), so a row is not asked for twice. */
    const wanted = new Map<string, number>();
    let queue: string[] = [];
    let timer: unknown = null;
    let queryKey = '';

    const flush = async () => {
      timer = null;
      const ids = queue.splice(0, MAX_IDS);
      if (queue.length) timer = setTimer(() => void flush(), 0);
      if (!ids.length) return;
      const key = queryKey;
      try {
        const r = await deps.api.sentryOutcomes(ids, key);
        if (key !== queryKey) return;
        const next: Record<string, SentryOutcome> = { ...get().outcomes };
        for (const o of r.outcomes) next[o.traceId] = o;
        set({ outcomes: next });
      } catch (e) {
        // Forget what was asked so a later render can retry; show the failure like any API error.
        for (const id of ids) wanted.delete(id);
        get().setApiError(describeError(e));
      }
    };

    return {
      outcomes: {},
      requestOutcomes: (rows) => {
        const s = get();
        const key = previewQuery(s.sentryProfile, s.sentryOverrides);
        if (key !== queryKey) {
          // Another profile or option: every count changes.
          queryKey = key;
          wanted.clear();
          queue = [];
          if (Object.keys(s.outcomes).length) set({ outcomes: {} });
        }
        const have = get().outcomes;
        for (const t of rows) {
          if (have[t.traceId]?.revision === t.revision || wanted.get(t.traceId) === t.revision) continue;
          wanted.set(t.traceId, t.revision);
          queue.push(t.traceId);
        }
        if (queue.length && timer === null) timer = setTimer(() => void flush(), BATCH_MS);
      },
    };
  };
