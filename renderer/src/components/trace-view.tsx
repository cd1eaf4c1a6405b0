// One trace: header with its facts and actions, the waterfall on the left and the span detail on the right,
// or (Sentry tab, key `s`) the Sentry preview of GET /traces/{id}/sentry, refetched as the trace changes.
import { useEffect, useMemo } from 'react';
import { useApp } from '../state/store.js';
import { isServiceCollapsed } from '../model/waterfall.js';
import { formatClock, formatCount, formatDuration, plural } from '../model/format.js';
import { nanosToMs } from '../../../shared/model/time.js';
import { serviceColor } from '../model/colors.js';
import { Waterfall } from './waterfall.js';
import { SpanDetail } from './span-detail.js';
import { SendTraceButton } from './forwarding/send-trace-button.js';
import { CopyButton } from './copy-button.js';
import { SentryTab } from './sentry/sentry-tab.js';
import { lintBadge } from '../model/sentry-view.js';
import { Tab } from './tab.js';

export function TraceView() {
  const trace = useApp((s) => s.trace);
  const w = useApp((s) => s.waterfall);
  const loading = useApp((s) => s.traceLoading);
  const error = useApp((s) => s.traceError);
  const gone = useApp((s) => s.traceGone);
  const openId = useApp((s) => s.openTraceId);
  const selected = useApp((s) => s.selectedSpanId);
  const collapsed = useApp((s) => s.collapsed);
  const close = useApp((s) => s.closeTrace);
  const jump = useApp((s) => s.jumpToError);
  const expandAll = useApp((s) => s.expandAll);
  const collapseAll = useApp((s) => s.collapseAll);
  const toggleService = useApp((s) => s.toggleServiceCollapsed);
  const togglePin = useApp((s) => s.togglePin);
  const tab = useApp((s) => s.traceTab);
  const setTab = useApp((s) => s.setTraceTab);
  const preview = useApp((s) => s.sentryPreview);
  const profile = useApp((s) => s.sentryProfile);
  const overrides = useApp((s) => s.sentryOverrides);
  const loadPreview = useApp((s) => s.loadSentryPreview);
  const revision = trace?.summary.revision;
  // The preview follows the trace: a new revision (late spans, completeness) or query refetches it. It is
  // fetched on the Waterfall tab too, so the Sentry tab's badge can show the lint count.
  useEffect(() => {
    if (openId && revision !== undefined) void loadPreview();
  }, [openId, revision, profile, overrides, loadPreview]);
  const badge =
    preview && openId && preview.traceId === openId.toLowerCase() ? lintBadge(preview.lints) : null;
  const node = useMemo(() => {
    if (!w || !selected) return null;
    return w.nodes.find((n) => n.span.spanId === selected) ?? null;
  }, [w, selected]);

  const s = trace?.summary;
  return (
    <section className="trace-view" aria-label="Trace">
      <header className="trace-head">
        <button type="button" className="btn" aria-label="Back to traces" onClick={close} title="Back (Esc)">
          ← Traces
        </button>
        <div className="trace-title">
          <h1 title={s?.rootName}>{s ? s.rootName || '(unnamed)' : loading ? 'Loading…' : ''}</h1>
          {s && (
            <div className="trace-facts">
              <span className="mono trace-id" title={s.traceId}>
                {s.traceId}
              </span>
              <CopyButton text={s.traceId} label="Copy trace ID" />
              <span>{formatDuration(s.durationMs)}</span>
              <span>{formatCount(s.spanCount)} spans</span>
              <span className={s.errorCount ? 'status-error' : ''}>
                {s.errorCount} {plural(s.errorCount, 'error')}
              </span>
              <span title="When the trace's earliest span started, by the sending app's clock">
                started {formatClock(nanosToMs(s.startTimeUnixNano))}
              </span>
              <span title="When the inspector received the trace's first span, by this machine's clock">
                received {formatClock(s.firstReceivedAt)}
              </span>
              {!s.complete && (
                <span className="badge badge-muted" title="Spans may still arrive">
                  open
                </span>
              )}
            </div>
          )}
        </div>
        {s && (
          <div className="trace-actions">
            <SendTraceButton traceId={s.traceId} />
            {tab === 'waterfall' && (
              <>
                <button
                  type="button"
                  className="btn"
                  aria-label="Previous error"
                  title="Previous error (Shift+E)"
                  disabled={!w?.errorCount}
                  onClick={() => jump(-1)}
                >
                  ↑<span className="btn-wide-only"> Error</span>
                </button>
                <button
                  type="button"
                  className="btn"
                  aria-label="Next error"
                  title="Next error (e)"
                  disabled={!w?.errorCount}
                  onClick={() => jump(1)}
                >
                  ↓<span className="btn-wide-only"> Error</span>
                </button>
                <button type="button" className="btn" aria-label="Expand all" onClick={expandAll}>
                  Expand<span className="btn-wide-only"> all</span>
                </button>
                <button type="button" className="btn" aria-label="Collapse all" onClick={collapseAll}>
                  Collapse<span className="btn-wide-only"> all</span>
                </button>
              </>
            )}
            <button
              type="button"
              className={`btn ${s.pinned ? 'btn-primary' : ''}`}
              aria-pressed={s.pinned}
              aria-label={s.pinned ? 'Unpin trace' : 'Pin trace'}
              onClick={() => void togglePin(s.traceId)}
            >
              {s.pinned ? '★ Pinned' : '☆ Pin'}
            </button>
          </div>
        )}
      </header>
      {tab === 'waterfall' && w && w.services.length > 0 && (
        <div className="service-bar" role="toolbar" aria-label="Collapse by service">
          <span className="dim small">Services</span>
          {w.services.map((svc) => {
            const on = isServiceCollapsed(w, svc, collapsed);
            return (
              <button
                type="button"
                key={svc}
                className={`chip chip-btn ${on ? 'chip-off' : ''}`}
                style={{ borderColor: serviceColor(svc) }}
                aria-pressed={on}
                aria-label={`Collapse service ${svc || '(unknown)'}`}
                title={on ? 'Expand this service' : "Collapse this service's spans"}
                onClick={() => toggleService(svc)}
              >
                <span className="chip-dot" style={{ background: serviceColor(svc) }} />
                {svc || '?'}
              </button>
            );
          })}
          {w.nodes.length > 1000 && (
            <span className="dim small">Large trace: opened collapsed below the first level.</span>
          )}
        </div>
      )}
      <div className="tabs" role="tablist" aria-label="Trace views">
        <Tab
          selected={tab === 'waterfall'}
          title="Waterfall (s toggles)"
          onSelect={() => setTab('waterfall')}
        >
          Waterfall
        </Tab>
        <Tab
          selected={tab === 'sentry'}
          title="What Sentry will receive (s toggles)"
          onSelect={() => setTab('sentry')}
        >
          Sentry
          {badge && badge.count > 0 && (
            <span
              className={`tab-badge tab-badge-${badge.severity}`}
              aria-label={`${badge.count} lint ${plural(badge.count, 'warning')}`}
            >
              {badge.count}
            </span>
          )}
        </Tab>
        {tab === 'waterfall' ? (
          <span className="keys" aria-hidden="true">
            <kbd>j</kbd>/<kbd>k</kbd> move · <kbd>←</kbd>/<kbd>→</kbd> collapse · <kbd>e</kbd>/<kbd>E</kbd>{' '}
            next/previous error · <kbd>s</kbd> Sentry · <kbd>Esc</kbd> back
          </span>
        ) : (
          <span className="keys" aria-hidden="true">
            <kbd>j</kbd>/<kbd>k</kbd> move · <kbd>←</kbd>/<kbd>→</kbd> collapse · <kbd>e</kbd>/<kbd>E</kbd>{' '}
            next/previous error event · <kbd>s</kbd> waterfall · <kbd>Esc</kbd> back
          </span>
        )}
      </div>
      {gone && (
        <div className="banner banner-warn" role="alert" aria-label="Trace evicted">
          This trace is no longer in the store (evicted or cleared). You are looking at the last copy; pin
          traces to keep them.
        </div>
      )}
      {error && (
        <div className="banner banner-error" role="alert">
          Could not load trace {openId}: {error}
        </div>
      )}
      {tab === 'sentry' ? (
        <SentryTab />
      ) : (
        <div className="trace-body">
          <Waterfall />
          {node ? (
            <SpanDetail span={node.span} service={node.service} />
          ) : (
            <aside className="detail detail-empty">Select a span.</aside>
          )}
        </div>
      )}
    </section>
  );
}
