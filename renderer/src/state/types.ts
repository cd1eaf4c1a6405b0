// The app store's shape: one slice per domain, combined in store.ts. Slices reach each other only through
// get(), and the API client is injected so the slices run under tests without a server.
import type {
  ForwardingResponse,
  ForwardResponse,
  SamplingRules,
  SamplingSimulateResponse,
  TargetTestResponse,
  TraceForwardStatus,
  SentryOutcome,
  TraceGroupResponse,
  ReceiversResponse,
  SpanRow,
  StatsResponse,
  StreamMessage,
  TraceResponse,
  TraceSummary,
} from '../../../shared/api/contract.js';
import type { ApiClient } from '../api/client.js';
import type { StreamState } from '../api/stream.js';
import type { GroupKey, ListFilter } from '../model/trace-filter.js';
import type { TraceWindow, SortState } from '../model/trace-window.js';
import type { PauseBuffer } from '../model/pause-buffer.js';
import type { Waterfall } from '../model/waterfall.js';
import type { OptionOverrides, Preview } from '../model/sentry-view.js';
import type { SentryTree } from '../model/sentry-trace-tree.js';
import type { OptionName } from '../../../shared/sentry/options.js';
import type { SentryProfile } from '../../../shared/sentry/preview.js';
import type { TargetForm } from '../model/target-form.js';
import type { TraceSelection } from '../model/trace-selection.js';

export interface ConnectionSlice {
  connection: StreamState;
  /** When disconnected: ms until the next attempt. */
  retryInMs: number | null;
  /** A request failed in a way the user should see (e.g. 401: the token is wrong). */
  apiError: string | null;
  setConnection(state: StreamState, retryInMs?: number): void;
  setApiError(message: string | null): void;
}

export interface StatsSlice {
  stats: StatsResponse | null;
  receivers: ReceiversResponse | null;
  setStats(stats: StatsResponse): void;
  loadReceivers(): Promise<void>;
}

type ListView = 'traces' | 'spans' | 'groups';

export interface TracesSlice {
  view: ListView;
  filter: ListFilter;
  sort: SortState;
  traces: TraceWindow;
  tracesLoading: boolean;
  /** The first page for the current filter has arrived (until then the list shows a skeleton). */
  tracesLoaded: boolean;
  loadingMore: boolean;
  paused: boolean;
  pauseBuffer: PauseBuffer;
  /** Keyboard cursor in the trace list (row index in the displayed order), -1 for none. */
  cursor: number;
  setView(view: ListView): void;
  setFilter(patch: Partial<ListFilter>): void;
  setSort(sort: SortState): void;
  reloadTraces(): Promise<void>;
  loadMoreTraces(): Promise<void>;
  applyDelta(upserted: TraceSummary[], removed: string[]): void;
  pause(): void;
  resume(): void;
  clearAll(): Promise<void>;
  togglePin(traceId: string): Promise<void>;
  setCursor(index: number): void;
  sendDemo(): Promise<string | null>;
}

/** The grouped view (state/groups-slice.ts). */
export interface GroupsSlice {
  groups: TraceGroupResponse | null;
  groupsLoading: boolean;
  reloadGroups(): Promise<void>;
  /** The stream changed traces: refresh the groups (throttled) while the grouped view shows. */
  groupsChanged(): void;
  /** Opens the trace list filtered to one group. */
  openGroup(group: GroupKey): void;
}

/** The trace list's Sentry column (state/outcomes-slice.ts), fetched lazily for the rows on screen. */
export interface OutcomesSlice {
  /** By trace ID, for the current Sentry profile and options. */
  outcomes: Record<string, SentryOutcome>;
  /** Ask for the outcomes of these rows; only missing or out-of-date ones are fetched (batched). */
  requestOutcomes(rows: readonly TraceSummary[]): void;
}

export interface SpansSlice {
  spanRows: SpanRow[];
  spanTotal: number;
  spanCursor: string | null;
  spansLoading: boolean;
  spansLoaded: boolean;
  spanListCursor: number;
  reloadSpans(): Promise<void>;
  loadMoreSpans(): Promise<void>;
  setSpanListCursor(index: number): void;
}

export interface TraceViewSlice {
  openTraceId: string | null;
  trace: TraceResponse | null;
  waterfall: Waterfall | null;
  collapsed: ReadonlySet<string>;
  selectedSpanId: string | null;
  traceLoading: boolean;
  traceError: string | null;
  /** The open trace was evicted or cleared from the store: the view keeps the last copy. */
  traceGone: boolean;
  openTrace(traceId: string): Promise<void>;
  closeTrace(): void;
  refreshTrace(): Promise<void>;
  /** A trace changed on the stream: refetch it if it is the open one. */
  traceChanged(summary: TraceSummary): void;
  /** Traces left the store: marks the open one as gone. */
  tracesRemoved(traceIds: readonly string[]): void;
  selectSpan(spanId: string | null): void;
  toggleCollapsed(spanId: string): void;
  setCollapsed(collapsed: ReadonlySet<string>): void;
  expandAll(): void;
  collapseAll(): void;
  toggleServiceCollapsed(service: string): void;
  jumpToError(dir: 1 | -1): void;
}

/** Layout set by hand, remembered across reloads (state/layout-slice.ts). */
export interface LayoutSlice {
  /** The waterfall's span-name column in CSS pixels; null for the default share of the width. */
  nameColumnPx: number | null;
  setNameColumnPx(px: number | null): void;
}

type TraceTab = 'waterfall' | 'sentry';

/** The trace view's Sentry tab (state/sentry-slice.ts). */
export interface SentrySlice {
  traceTab: TraceTab;
  sentryProfile: SentryProfile;
  /** Options the user changed from the defaults (sent as query parameters). */
  sentryOverrides: OptionOverrides;
  sentryPreview: Preview | null;
  sentryLoading: boolean;
  sentryError: string | null;
  sentryErrorStatus: number | null;
  /** traceId|revision|query of the last fetch, so the same preview is not fetched twice. */
  sentryFetched: string | null;
  /** Pointer of the selected event (/transactions/0, /errors/1), segment (/segments/0) or tree row (a span). */
  sentrySelected: string | null;
  /** The preview as the tab's trace tree (built once per preview). */
  sentryTree: SentryTree | null;
  /** Pointers of the tree rows whose children are hidden. */
  sentryCollapsed: ReadonlySet<string>;
  setTraceTab(tab: TraceTab): void;
  setSentryProfile(profile: SentryProfile): void;
  setSentryOption(name: OptionName, value: boolean): void;
  resetSentryOptions(): void;
  /** Fetch the open trace's preview unless this revision and query were fetched already (or `force`). */
  loadSentryPreview(force?: boolean): Promise<void>;
  clearSentryPreview(): void;
  /** Select a row or event, expanding the tree rows that hide it. */
  selectSentryItem(pointer: string | null): void;
  /** j/k: the next / previous visible row of the trace tree. */
  moveSentrySelection(dir: 1 | -1): void;
  /** e/E: the next / previous error event in the trace tree (revealed). */
  jumpToSentryError(dir: 1 | -1): void;
  toggleSentryCollapsed(pointer: string): void;
  /** ←/→/Enter on the selected tree row: collapse (or go to its parent), expand, toggle. */
  foldSentrySelection(how: 'collapse' | 'expand' | 'toggle'): void;
  /** A lint's span: switch to the waterfall and select it there (expanding what hides it). */
  showSpanInWaterfall(spanId: string): void;
}

export type ForwardingSection = 'targets' | 'sampling' | 'status';

export interface TargetTestState {
  pending: boolean;
  result?: TargetTestResponse;
  /** The request itself failed (e.g. the target was removed meanwhile). */
  error?: string;
}

/** The "Send to Sentry" confirmation, then its per-trace results. */
interface SendDialog {
  traceIds: string[];
  targetIds: string[];
  resend: boolean;
  sending: boolean;
  /** POST /forward's answer once sent. */
  response: ForwardResponse | null;
  error: string | null;
  /** The traces' forwarding status as it changes on the stream after sending, by trace ID. */
  live: Record<string, TraceForwardStatus>;
}

/** Forwarding targets, sampling rules and selective send (state/forwarding-slice.ts). */
export interface ForwardingSlice {
  forwarding: ForwardingResponse | null;
  forwardingError: string | null;
  /** The forwarding panel's open section, or null when the panel is closed. */
  forwardingPanel: ForwardingSection | null;
  targetForm: TargetForm | null;
  targetSaving: boolean;
  targetSaveError: string | null;
  targetTests: Record<string, TargetTestState>;
  /** The sampling rules being edited (null until the sampling section opens). */
  samplingDraft: SamplingRules | null;
  simulation: SamplingSimulateResponse | null;
  simulating: boolean;
  simulationError: string | null;
  samplingSaving: boolean;
  selection: TraceSelection;
  selectingAll: boolean;
  sendDialog: SendDialog | null;
  /** The target the Sentry tab previews for (its profile, options, environment, release, DSN), or null. */
  previewTargetId: string | null;
  loadForwarding(): Promise<void>;
  openForwardingPanel(section?: ForwardingSection): void;
  closeForwardingPanel(): void;
  /** null: a new target. */
  editTarget(id: string | null): void;
  updateTargetForm(patch: Partial<TargetForm>): void;
  cancelTargetForm(): void;
  /** Saves the form; answers the target's id, or null when it was refused (targetSaveError says why). */
  saveTargetForm(): Promise<string | null>;
  saveAndTestTargetForm(): Promise<void>;
  setTargetEnabled(id: string, enabled: boolean): Promise<void>;
  removeTarget(id: string): Promise<void>;
  testTarget(id: string): Promise<void>;
  resetSamplingDraft(): void;
  updateSamplingDraft(patch: Partial<SamplingRules>): void;
  scheduleSimulation(): void;
  runSimulation(): Promise<void>;
  /** Saves the draft (with `patch` over it). */
  saveSampling(patch?: Partial<SamplingRules>): Promise<void>;
  /** The automatic-forwarding switch: saves `enabled` alone. */
  setAutoForward(on: boolean): Promise<void>;
  /** A checkbox click; with `shiftShown` (the rows in the order shown) a shift-click range. */
  toggleTraceSelected(id: string, shiftShown?: readonly string[]): void;
  setTracesSelected(ids: readonly string[], on: boolean): void;
  clearSelection(): void;
  /** Every trace matching the list filter in the store (paged from the API), up to SELECT_ALL_MAX. */
  selectAllMatching(): Promise<void>;
  selectionRemoved(removed: readonly string[]): void;
  tracesForwardChanged(upserted: readonly TraceSummary[]): void;
  askSend(traceIds: readonly string[]): void;
  setSendTargets(targetIds: string[]): void;
  setSendResend(resend: boolean): void;
  confirmSend(): Promise<void>;
  closeSendDialog(): void;
  setPreviewTarget(targetId: string | null): void;
}

export interface StreamSlice {
  handleStreamMessage(msg: StreamMessage): void;
}

export type AppState = ConnectionSlice &
  StatsSlice &
  TracesSlice &
  SpansSlice &
  TraceViewSlice &
  LayoutSlice &
  SentrySlice &
  ForwardingSlice &
  GroupsSlice &
  OutcomesSlice &
  StreamSlice;

export interface StoreDeps {
  api: ApiClient;
  /** Timers are injected so tests can run throttles synchronously. */
  setTimer?: (fn: () => void, ms: number) => unknown;
  clearTimer?: (timer: unknown) => void;
  /** Where hand-set layout is remembered: the page's localStorage by default, null for nowhere. */
  storage?: WebStorage | null;
}

/** The part of the Web Storage API the layout slice uses. */
export type WebStorage = Pick<Storage, 'getItem' | 'setItem' | 'removeItem'>;
