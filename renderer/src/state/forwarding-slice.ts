// Forwarding in the UI: the targets and sampling rules from GET /forwarding, the target editor, Test
// connection, the sampling draft with its debounced simulation, the trace selection and selective send,
// and which target the Sentry tab previews for. Live status comes with the stats on the stream.
import type { StateCreator } from 'zustand/vanilla';
import {
  MAX_FORWARD_TRACE_IDS,
  type ForwardResponse,
  type ForwardTargetView,
  type SamplingRules,
} from '../../../shared/api/contract.js';
import type { AppState, ForwardingSlice, StoreDeps } from './types.js';
import { describeError, isAbort } from './errors.js';
import {
  emptyForm,
  formErrors,
  formFromTarget,
  formToInput,
  hasErrors,
  newTargetId,
} from '../model/target-form.js';
import { rulesErrors, simulateQuery } from '../model/sampling-form.js';
import {
  EMPTY_SELECTION,
  dropTraces,
  selectAll,
  selectRange,
  toggleTrace,
} from '../model/trace-selection.js';
import { filterToQuery } from '../model/trace-filter.js';

/** How long the sampling controls must rest before the simulator runs (a slider fires on every pixel). */
const SIMULATE_DEBOUNCE_MS = 250;
/** "Select all matching" pages through the filter this many traces at a time, up to SELECT_ALL_MAX. */
const SELECT_PAGE = 1000;
const SELECT_ALL_MAX = 10_000;

export const createForwardingSlice =
  (deps: StoreDeps): StateCreator<AppState, [], [], ForwardingSlice> =>
  (set, get) => {
    const setTimer = deps.setTimer ?? ((fn: () => void, ms: number) => setTimeout(fn, ms));
    const clearTimer = deps.clearTimer ?? ((t: unknown) => clearTimeout(t as ReturnType<typeof setTimeout>));
    let simTimer: unknown = null;
    let simAbort: AbortController | null = null;
    let simEpoch = 0;

    const targets = (): ForwardTargetView[] => get().forwarding?.targets ?? [];

    /** PUT a stored target with one change, keeping its masked secrets (the core keeps the real ones). */
    const putChanged = async (id: string, patch: { enabled: boolean }) => {
      const view = targets().find((t) => t.id === id);
      if (!view) return;
      try {
        await deps.api.putTarget(id, { ...formToInput(formFromTarget(view)), ...patch });
        await get().loadForwarding();
      } catch (e) {
        set({ forwardingError: describeError(e) });
      }
    };

    return {
      forwarding: null,
      forwardingError: null,
      forwardingPanel: null,
      targetForm: null,
      targetSaving: false,
      targetSaveError: null,
      targetTests: {},
      samplingDraft: null,
      simulation: null,
      simulating: false,
      simulationError: null,
      samplingSaving: false,
      selection: EMPTY_SELECTION,
      selectingAll: false,
      sendDialog: null,
      previewTargetId: null,

      loadForwarding: async () => {
        try {
          const forwarding = await deps.api.forwarding();
          const pt = get().previewTargetId;
          set({
            forwarding,
            forwardingError: null,
            ...(pt && !forwarding.targets.some((t) => t.id === pt) ? { previewTargetId: null } : {}),
          });
        } catch (e) {
          set({ forwardingError: describeError(e) });
        }
      },

      openForwardingPanel: (section = 'targets') => {
        set({ forwardingPanel: section });
        void get()
          .loadForwarding()
          .then(() => {
            if (section === 'sampling' && get().samplingDraft === null) get().resetSamplingDraft();
          });
      },
      closeForwardingPanel: () => set({ forwardingPanel: null, targetForm: null, targetSaveError: null }),

      editTarget: (id) => {
        const view = id === null ? null : targets().find((t) => t.id === id);
        set({
          targetForm: view ? formFromTarget(view) : emptyForm(),
          targetSaveError: null,
          forwardingPanel: get().forwardingPanel ?? 'targets',
        });
      },
      updateTargetForm: (patch) => {
        const f = get().targetForm;
        if (f) set({ targetForm: { ...f, ...patch } });
      },
      cancelTargetForm: () => set({ targetForm: null, targetSaveError: null }),

      saveTargetForm: async () => {
        const f = get().targetForm;
        if (!f) return null;
        if (hasErrors(formErrors(f))) {
          set({ targetSaveError: 'Fix the fields marked above first.' });
          return null;
        }
        const id =
          f.id ??
          newTargetId(
            f.name,
            f.kind,
            targets().map((t) => t.id),
          );
        set({ targetSaving: true, targetSaveError: null });
        try {
          const saved = await deps.api.putTarget(id, formToInput(f));
          await get().loadForwarding();
          set({ targetSaving: false, targetForm: formFromTarget(saved) });
          return id;
        } catch (e) {
          set({ targetSaving: false, targetSaveError: describeError(e) });
          return null;
        }
      },

      setTargetEnabled: (id, enabled) => putChanged(id, { enabled }),

      removeTarget: async (id) => {
        try {
          await deps.api.deleteTarget(id);
          const { [id]: _gone, ...tests } = get().targetTests;
          set({
            targetTests: tests,
            ...(get().targetForm?.id === id ? { targetForm: null } : {}),
            ...(get().previewTargetId === id ? { previewTargetId: null } : {}),
          });
          await get().loadForwarding();
        } catch (e) {
          set({ forwardingError: describeError(e) });
        }
      },

      testTarget: async (id) => {
        set({ targetTests: { ...get().targetTests, [id]: { pending: true } } });
        try {
          const result = await deps.api.testTarget(id);
          set({ targetTests: { ...get().targetTests, [id]: { pending: false, result } } });
        } catch (e) {
          set({ targetTests: { ...get().targetTests, [id]: { pending: false, error: describeError(e) } } });
        }
      },

      saveAndTestTargetForm: async () => {
        const id = await get().saveTargetForm();
        if (id) await get().testTarget(id);
      },

      resetSamplingDraft: () => {
        const rules = get().forwarding?.sampling;
        if (!rules) return;
        set({ samplingDraft: structuredClone(rules) });
        get().scheduleSimulation();
      },

      updateSamplingDraft: (patch) => {
        const d = get().samplingDraft ?? get().forwarding?.sampling;
        if (!d) return;
        set({ samplingDraft: { ...d, ...patch } });
        get().scheduleSimulation();
      },

      scheduleSimulation: () => {
        if (simTimer !== null) clearTimer(simTimer);
        simTimer = setTimer(() => {
          simTimer = null;
          void get().runSimulation();
        }, SIMULATE_DEBOUNCE_MS);
      },

      runSimulation: async () => {
        const draft = get().samplingDraft;
        if (!draft) return;
        const problems = rulesErrors(draft);
        if (problems.length) {
          set({ simulationError: problems.join('; '), simulating: false });
          return;
        }
        const my = ++simEpoch;
        simAbort?.abort();
        const ctrl = new AbortController();
        simAbort = ctrl;
        set({ simulating: true });
        try {
          const simulation = await deps.api.simulateSampling(simulateQuery(draft), ctrl.signal);
          if (my !== simEpoch) return;
          set({ simulation, simulating: false, simulationError: null });
        } catch (e) {
          if (my !== simEpoch || isAbort(e)) return;
          set({ simulating: false, simulationError: describeError(e) });
        }
      },

      saveSampling: async (patch) => {
        const draft = get().samplingDraft ?? get().forwarding?.sampling;
        if (!draft) return;
        const rules: SamplingRules = { ...draft, ...(patch ?? {}) };
        const problems = rulesErrors(rules);
        if (problems.length) {
          set({ simulationError: problems.join('; ') });
          return;
        }
        set({ samplingSaving: true });
        try {
          const sampling = await deps.api.putSampling(rules);
          const f = get().forwarding;
          set({
            samplingSaving: false,
            forwardingError: null,
            ...(f ? { forwarding: { ...f, sampling } } : {}),
            ...(get().samplingDraft ? { samplingDraft: structuredClone(sampling) } : {}),
          });
        } catch (e) {
          set({ samplingSaving: false, forwardingError: describeError(e) });
        }
      },

      setAutoForward: async (on) => {
        // The switch saves only `enabled`: unsaved edits of the other rules stay a draft.
        set({ samplingSaving: true });
        try {
          const sampling = await deps.api.putSampling({ enabled: on });
          const f = get().forwarding;
          const d = get().samplingDraft;
          set({
            samplingSaving: false,
            forwardingError: null,
            ...(f ? { forwarding: { ...f, sampling } } : {}),
            ...(d ? { samplingDraft: { ...d, enabled: sampling.enabled } } : {}),
          });
        } catch (e) {
          set({ samplingSaving: false, forwardingError: describeError(e) });
        }
      },

      toggleTraceSelected: (id, shiftShown) => {
        const sel = get().selection;
        set({ selection: shiftShown ? selectRange(sel, shiftShown, id) : toggleTrace(sel, id) });
      },
      setTracesSelected: (ids, on) => {
        const sel = get().selection;
        if (on) set({ selection: selectAll(sel, ids) });
        else set({ selection: dropTraces(sel, ids) });
      },
      clearSelection: () => set({ selection: EMPTY_SELECTION }),
      tracesForwardChanged: (upserted) => {
        const d = get().sendDialog;
        if (!d) return;
        let live: typeof d.live | null = null;
        for (const t of upserted)
          if (t.forwarding && d.traceIds.includes(t.traceId)) {
            live ??= { ...d.live };
            live[t.traceId] = t.forwarding;
          }
        if (live) set({ sendDialog: { ...d, live } });
      },
      selectionRemoved: (removed) => {
        const selection = dropTraces(get().selection, removed);
        if (selection !== get().selection) set({ selection });
      },

      selectAllMatching: async () => {
        set({ selectingAll: true });
        const query = filterToQuery(get().filter);
        const ids: string[] = [];
        try {
          let cursor: string | null = null;
          do {
            const page = await deps.api.listTraces({
              ...query,
              limit: SELECT_PAGE,
              ...(cursor ? { cursor } : {}),
            });
            for (const t of page.traces) ids.push(t.traceId);
            cursor = page.nextCursor;
          } while (cursor !== null && ids.length < SELECT_ALL_MAX);
          set({ selection: selectAll(get().selection, ids.slice(0, SELECT_ALL_MAX)), selectingAll: false });
        } catch (e) {
          set({ selectingAll: false });
          get().setApiError(describeError(e));
        }
      },

      askSend: (traceIds) => {
        const all = targets();
        const enabled = all.filter((t) => t.enabled).map((t) => t.id);
        set({
          sendDialog: {
            traceIds: [...traceIds],
            // Every enabled target by default; with none enabled, the only target (if there is one).
            targetIds: enabled.length ? enabled : all.length === 1 ? [all[0]!.id] : [],
            resend: false,
            sending: false,
            response: null,
            error: null,
            live: {},
          },
        });
        if (!get().forwarding) void get().loadForwarding();
      },
      setSendTargets: (targetIds) => {
        const d = get().sendDialog;
        if (d && !d.response) set({ sendDialog: { ...d, targetIds } });
      },
      setSendResend: (resend) => {
        const d = get().sendDialog;
        if (d && !d.response) set({ sendDialog: { ...d, resend } });
      },
      closeSendDialog: () => set({ sendDialog: null }),

      confirmSend: async () => {
        const d = get().sendDialog;
        if (!d || d.sending || d.targetIds.length === 0) return;
        set({ sendDialog: { ...d, sending: true, error: null } });
        // "Select all matching" can pick more traces than one request takes: send them in slices, one
        // after another, and show the answers together.
        const answered: ForwardResponse['traces'] = [];
        let error: string | null = null;
        for (let i = 0; i < d.traceIds.length && error === null; i += MAX_FORWARD_TRACE_IDS) {
          try {
            const r = await deps.api.forward({
              traceIds: d.traceIds.slice(i, i + MAX_FORWARD_TRACE_IDS),
              targetIds: d.targetIds,
              ...(d.resend ? { resend: true } : {}),
            });
            answered.push(...r.traces);
          } catch (e) {
            error = describeError(e);
            if (answered.length) error += ` (${d.traceIds.length - answered.length} traces not sent)`;
          }
        }
        const now = get().sendDialog;
        if (now)
          set({
            sendDialog: {
              ...now,
              sending: false,
              error,
              response: answered.length ? { dryRun: false, traces: answered } : null,
            },
          });
        // Sent traces leave the selection: their rows now say "sent", and the next pick starts afresh.
        get().setTracesSelected(
          answered.map((t) => t.traceId),
          false,
        );
      },

      setPreviewTarget: (previewTargetId) => {
        if (previewTargetId === get().previewTargetId) return;
        set({ previewTargetId, sentrySelected: null });
        void get().loadSentryPreview(true);
      },
    };
  };
