// The Sentry tab: which tab the trace view shows, the profile and option toggles (remembered for the
// session), and the preview of the open trace, refetched when the trace's revision or the query changes.
import type { StateCreator } from 'zustand/vanilla';
import type { AppState, SentrySlice, StoreDeps } from './types.js';
import { ApiError } from '../api/client.js';
import { describeError, isAbort } from './errors.js';
import { eventRows, type OptionOverrides } from '../model/sentry-view.js';
import { valueAt } from '../../../shared/sentry/json-pointer.js';
import { sentryPreviewQuery } from '../model/preview-target.js';
import { revealNode } from '../model/waterfall.js';
import {
  nextErrorRow,
  revealRow,
  rowFor,
  sentryTraceTree,
  stepTree,
  visibleTreeRows,
} from '../model/sentry-trace-tree.js';
import { isOptionName } from '../../../shared/sentry/options.js';
import type { SentryProfile } from '../../../shared/sentry/preview.js';

const STORAGE_KEY = 'inspector.sentry';

interface Remembered {
  profile: SentryProfile;
  overrides: OptionOverrides;
}

/** The toggles survive a reload of the window (sessionStorage), not a restart of the app. */
function recall(): Remembered {
  const fallback: Remembered = { profile: 'collector', overrides: {} };
  try {
    if (typeof sessionStorage === 'undefined') return fallback;
    const raw = sessionStorage.getItem(STORAGE_KEY);
    if (!raw) return fallback;
    const v = JSON.parse(raw) as { profile?: unknown; overrides?: unknown };
    const overrides: OptionOverrides = {};
    if (v.overrides && typeof v.overrides === 'object')
      for (const [k, b] of Object.entries(v.overrides))
        if (isOptionName(k) && typeof b === 'boolean') overrides[k] = b;
    return { profile: v.profile === 'sentry-otlp' ? 'sentry-otlp' : 'collector', overrides };
  } catch {
    return fallback;
  }
}

function remember(r: Remembered): void {
  try {
    if (typeof sessionStorage !== 'undefined') sessionStorage.setItem(STORAGE_KEY, JSON.stringify(r));
  } catch {
    // Storage full or denied: the toggles still hold for this page.
  }
}

/** The sentence the UI shows for a failed preview: 404 and 400 in plain words. */
function describePreviewError(e: unknown): string {
  if (e instanceof ApiError && e.status === 404)
    return 'This trace is no longer in the store (evicted or cleared), so there is nothing to preview.';
  if (e instanceof ApiError && e.status === 400) {
    const m = /: 400 (.*)$/s.exec(e.message);
    return `The preview refused the request: ${m ? m[1] : e.message}`;
  }
  return describeError(e);
}

/** The preview part of the slice when nothing is loaded: the initial state, and what a clear returns to. */
const NO_PREVIEW = {
  sentryPreview: null,
  sentryLoading: false,
  sentryError: null,
  sentryErrorStatus: null,
  sentryFetched: null,
  sentrySelected: null,
  sentryTree: null,
  sentryCollapsed: new Set<string>(),
} as const satisfies Partial<SentrySlice>;

export const createSentrySlice =
  (deps: StoreDeps): StateCreator<AppState, [], [], SentrySlice> =>
  (set, get) => {
    const initial = recall();
    let abort: AbortController | null = null;
    let epoch = 0;

    const refetch = () => void get().loadSentryPreview(true);

    return {
      traceTab: 'waterfall',
      sentryProfile: initial.profile,
      sentryOverrides: initial.overrides,
      ...NO_PREVIEW,

      setTraceTab: (traceTab) => set({ traceTab }),

      setSentryProfile: (sentryProfile) => {
        if (sentryProfile === get().sentryProfile) return;
        set({ sentryProfile, sentrySelected: null, sentryCollapsed: new Set() });
        remember({ profile: sentryProfile, overrides: get().sentryOverrides });
        refetch();
      },

      setSentryOption: (name, value) => {
        const sentryOverrides = { ...get().sentryOverrides, [name]: value };
        set({ sentryOverrides });
        remember({ profile: get().sentryProfile, overrides: sentryOverrides });
        refetch();
      },

      resetSentryOptions: () => {
        set({ sentryOverrides: {} });
        remember({ profile: get().sentryProfile, overrides: {} });
        refetch();
      },

      loadSentryPreview: async (force = false) => {
        const s = get();
        const id = s.openTraceId;
        if (!id) return;
        const target = s.forwarding?.targets.find((t) => t.id === s.previewTargetId) ?? null;
        const query = sentryPreviewQuery(s.sentryProfile, s.sentryOverrides, target);
        const revision = s.trace?.summary.revision ?? -1;
        const key = `${id}|${revision}|${query}`;
        if (!force && s.sentryFetched === key) return;
        const my = ++epoch;
        abort?.abort();
        const ctrl = new AbortController();
        abort = ctrl;
        // A different trace starts from nothing; a new revision or query keeps the old preview on screen
        // (dimmed) until the new one arrives, so the tab does not flash while spans stream in.
        const sameTrace = s.sentryPreview?.traceId === id;
        set({
          sentryLoading: true,
          sentryFetched: key,
          ...(sameTrace ? {} : { sentryPreview: null, sentryTree: null, sentrySelected: null }),
        });
        try {
          const preview = await deps.api.sentryPreview(id, query, ctrl.signal);
          if (my !== epoch) return;
          const rows = eventRows(preview);
          const keep = get().sentrySelected;
          // Any row of the trace tree can be selected (spans too): kept while the new preview still has it.
          const stillThere = keep !== null && valueAt(preview, keep) !== undefined;
          const first = rows[0]?.pointer ?? (preview.segments.length ? '/segments/0' : null);
          // Folds survive a refetch of the same trace and profile (pointers mean the same rows), not more.
          const before = get().sentryPreview;
          const sameRows = before?.traceId === preview.traceId && before.profile === preview.profile;
          set({
            sentryPreview: preview,
            sentryTree: sentryTraceTree(preview),
            ...(sameRows ? {} : { sentryCollapsed: new Set<string>() }),
            sentryLoading: false,
            sentryError: null,
            sentryErrorStatus: null,
            sentrySelected: stillThere ? keep : first,
          });
        } catch (e) {
          if (my !== epoch || isAbort(e)) return;
          set({
            sentryLoading: false,
            sentryError: describePreviewError(e),
            sentryErrorStatus: e instanceof ApiError ? e.status : null,
          });
        }
      },

      clearSentryPreview: () => {
        epoch++;
        abort?.abort();
        set(NO_PREVIEW);
      },

      selectSentryItem: (sentrySelected) => {
        const { sentryTree: tree, sentryCollapsed } = get();
        const i = tree ? rowFor(tree, sentrySelected) : -1;
        set({ sentrySelected, ...(i >= 0 ? { sentryCollapsed: revealRow(tree!, i, sentryCollapsed) } : {}) });
      },

      moveSentrySelection: (dir) => {
        const { sentryTree: tree, sentryCollapsed, sentrySelected } = get();
        if (!tree) return;
        const next = stepTree(tree, visibleTreeRows(tree, sentryCollapsed), sentrySelected, dir);
        if (next !== null) set({ sentrySelected: next });
      },

      jumpToSentryError: (dir) => {
        const { sentryTree: tree, sentrySelected } = get();
        if (!tree) return;
        const i = nextErrorRow(tree, rowFor(tree, sentrySelected), dir);
        if (i >= 0) get().selectSentryItem(tree.rows[i]!.pointer);
      },

      toggleSentryCollapsed: (pointer) => {
        const next = new Set(get().sentryCollapsed);
        if (!next.delete(pointer)) next.add(pointer);
        set({ sentryCollapsed: next });
      },

      foldSentrySelection: (how) => {
        const { sentryTree: tree, sentryCollapsed, sentrySelected } = get();
        const i = tree && sentrySelected !== null ? (tree.index.get(sentrySelected) ?? -1) : -1;
        if (i < 0) return;
        const row = tree!.rows[i]!;
        const folded = sentryCollapsed.has(row.pointer);
        if (how === 'collapse' && (row.descendants === 0 || folded)) {
          // As in the waterfall: ← on a leaf or a folded row goes to its parent.
          if (row.parent >= 0) set({ sentrySelected: tree!.rows[row.parent]!.pointer });
        } else if (row.descendants > 0 && (how === 'toggle' || (how === 'collapse') !== folded))
          get().toggleSentryCollapsed(row.pointer);
      },

      showSpanInWaterfall: (spanId) => {
        const { waterfall: w, collapsed } = get();
        set({ traceTab: 'waterfall' });
        if (!w) return;
        const i = w.nodes.findIndex((n) => n.span.spanId === spanId);
        if (i < 0) return;
        set({ selectedSpanId: spanId, collapsed: revealNode(w, i, collapsed) });
      },
    };
  };
