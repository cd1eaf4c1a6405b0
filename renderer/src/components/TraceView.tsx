// One trace: header with its facts and actions, the waterfall on the left and the span detail on the right.
// The tab row has room for the Sentry preview (GET /traces/{id}/sentry) once the mapping lands.
import { useMemo } from 'react';
import { useApp } from '../state/store.js';
import { isServiceCollapsed } from '../model/waterfall.js';
import { formatClock, formatCount, formatDuration } from '../model/format.js';
import { serviceColor } from '../model/colors.js';
import { Waterfall } from './Waterfall.js';
import { SpanDetail } from './SpanDetail.js';
import { CopyButton } from './CopyButton.js';

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
              <span className="mono">{s.traceId}</span>
              <CopyButton text={s.traceId} label="Copy trace ID" />
              <span>{formatDuration(s.durationMs)}</span>
              <span>{formatCount(s.spanCount)} spans</span>
              <span className={s.errorCount ? 'status-error' : ''}>
                {s.errorCount} {s.errorCount === 1 ? 'error' : 'errors'}
              </span>
              <span>{formatClock(s.firstReceivedAt)}</span>
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
            <button
              type="button"
              className="btn"
              aria-label="Previous error"
              title="Previous error (Shift+E)"
              disabled={!w?.errorCount}
              onClick={() => jump(-1)}
            >
              ↑ Error
            </button>
            <button
              type="button"
              className="btn"
              aria-label="Next error"
              title="Next error (e)"
              disabled={!w?.errorCount}
              onClick={() => jump(1)}
            >
              ↓ Error
            </button>
            <button type="button" className="btn" aria-label="Expand all" onClick={expandAll}>
              Expand all
            </button>
            <button type="button" className="btn" aria-label="Collapse all" onClick={collapseAll}>
              Collapse all
            </button>
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
      {w && w.services.length > 0 && (
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
        <button type="button" role="tab" aria-selected="true" className="tab tab-on">
          Waterfall
        </button>
        <span className="keys" aria-hidden="true">
          <kbd>j</kbd>/<kbd>k</kbd> move · <kbd>←</kbd>/<kbd>→</kbd> collapse · <kbd>e</kbd>/<kbd>E</kbd>{' '}
          next/previous error · <kbd>Esc</kbd> back
        </span>
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
      <div className="trace-body">
        <Waterfall />
        {node ? (
          <SpanDetail span={node.span} service={node.service} />
        ) : (
          <aside className="detail detail-empty">Select a span.</aside>
        )}
      </div>
    </section>
  );
}
