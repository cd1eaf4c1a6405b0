import { useEffect } from 'react';
import { useApp, type AppStore } from './state/store.js';
import { isFilterActive } from './model/trace-filter.js';
import { formatCount } from './model/format.js';
import { FilterBar } from './components/filter-bar.js';
import { ListControls } from './components/list-controls.js';
import { TraceList } from './components/trace-list.js';
import { SpanTable } from './components/span-table.js';
import { GroupList } from './components/group-list.js';
import { TraceView } from './components/trace-view.js';
import { StatusBar } from './components/status-bar.js';
import { EmptyState } from './components/empty-state.js';
import { Banners } from './components/banners.js';
import { useKeyboard } from './components/use-keyboard.js';
import { Tab } from './components/tab.js';
import { ForwardingPanel } from './components/forwarding/forwarding-panel.js';
import { SendDialog } from './components/forwarding/send-dialog.js';
import { SelectionBar } from './components/forwarding/selection-bar.js';
import { KeyboardHelp } from './components/keyboard-help.js';

function ViewTabs() {
  const view = useApp((s) => s.view);
  const setView = useApp((s) => s.setView);
  const total = useApp((s) => s.stats?.counters.traces ?? 0);
  const spans = useApp((s) => s.stats?.counters.stored ?? 0);
  return (
    <div className="tabs" role="tablist" aria-label="List">
      <Tab selected={view === 'traces'} onSelect={() => setView('traces')}>
        Traces <span className="tab-count">{formatCount(total)}</span>
      </Tab>
      <Tab selected={view === 'spans'} onSelect={() => setView('spans')}>
        Spans <span className="tab-count">{formatCount(spans)}</span>
      </Tab>
      <Tab selected={view === 'groups'} onSelect={() => setView('groups')}>
        Groups
      </Tab>
    </div>
  );
}

function Main() {
  const openTraceId = useApp((s) => s.openTraceId);
  const view = useApp((s) => s.view);
  const filter = useApp((s) => s.filter);
  const loaded = useApp((s) => s.tracesLoaded);
  const rows = useApp((s) => s.traces.rows.length);
  const storeTraces = useApp((s) => s.stats?.counters.traces);
  // Teach only when there is truly nothing: no filter hiding rows and an empty store.
  const empty = loaded && rows === 0 && !isFilterActive(filter) && (storeTraces ?? 0) === 0;
  return (
    <>
      <div className={`list-pane ${openTraceId ? 'hidden' : ''}`}>
        <div className="toolbar">
          <ViewTabs />
          <FilterBar />
          <ListControls />
        </div>
        {view === 'traces' && <SelectionBar />}
        {empty ? (
          <EmptyState />
        ) : view === 'traces' ? (
          <TraceList />
        ) : view === 'groups' ? (
          <GroupList />
        ) : (
          <SpanTable />
        )}
      </div>
      {openTraceId && <TraceView />}
    </>
  );
}

export function App({ store }: { store: AppStore }) {
  useKeyboard(store);
  useEffect(() => {
    void store.getState().reloadTraces();
    void store.getState().loadReceivers();
    void store.getState().loadForwarding();
  }, [store]);
  const openForwarding = useApp((s) => s.openForwardingPanel);
  return (
    <div className="app">
      <header className="appbar">
        <span className="logo" aria-hidden="true">
          ◆
        </span>
        <span className="app-name">OTel → Sentry Inspector</span>
        <span className="spacer" />
        <button
          type="button"
          className="btn btn-small"
          onClick={() => openForwarding('targets')}
          title="Targets (Sentry DSNs, OTLP endpoints), sampling rules and delivery status"
        >
          Forwarding
        </button>
        <KeyboardHelp />
      </header>
      <Banners />
      <main className="main">
        <Main />
      </main>
      <StatusBar />
      <ForwardingPanel />
      <SendDialog />
    </div>
  );
}
