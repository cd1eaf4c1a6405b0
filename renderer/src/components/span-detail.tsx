// The selected span: what it is, its exceptions with readable stacks, attributes, events, links, resource,
// scope and the raw OTLP/JSON with a copy button.
import { useMemo, useState } from 'react';
import type { KeyValue, Span } from '../../../shared/model/span.js';
import { STATUS_CODE_NAMES } from '../../../shared/model/span.js';
import { anyValueToDisplay, stringAttribute } from '../../../shared/model/attributes.js';
import { durationMs, nanosToMs } from '../../../shared/model/time.js';
import { exceptionsOf, stackLines } from '../model/exception.js';
import type { StackTraceHint } from '../../../shared/sentry/stacktrace/index.js';
import { formatClock, formatDuration, spanKindLabel, plural } from '../model/format.js';
import { CopyButton } from './copy-button.js';
import { useApp } from '../state/store.js';

function Attributes({ attrs, label, dropped }: { attrs: KeyValue[]; label: string; dropped?: number }) {
  if (attrs.length === 0 && !dropped) return <p className="dim small">No {label.toLowerCase()}.</p>;
  return (
    <table className="kv" aria-label={label}>
      <tbody>
        {attrs.map((kv, i) => (
          <tr key={kv.key + i}>
            <th scope="row">{kv.key}</th>
            <td className={'stringValue' in kv.value ? '' : 'kv-typed'}>{anyValueToDisplay(kv.value)}</td>
          </tr>
        ))}
        {dropped ? (
          <tr>
            <th scope="row" className="dim">
              dropped
            </th>
            <td className="dim">{dropped} more (dropped by the SDK)</td>
          </tr>
        ) : null}
      </tbody>
    </table>
  );
}

function Section({
  title,
  count,
  children,
  open = true,
}: {
  title: string;
  count?: number;
  children: React.ReactNode;
  open?: boolean;
}) {
  return (
    <details className="section" open={open}>
      <summary>
        {title}
        {count !== undefined && <span className="section-count">{count}</span>}
      </summary>
      <div className="section-body">{children}</div>
    </details>
  );
}

function Stack({ stack, language, exceptionType }: { stack: string } & StackTraceHint) {
  const lines = useMemo(
    () =>
      stackLines(stack, {
        ...(language ? { language } : {}),
        ...(exceptionType ? { exceptionType } : {}),
      }),
    [stack, language, exceptionType],
  );
  const [showLib, setShowLib] = useState(false);
  const [showRaw, setShowRaw] = useState(false);
  const libCount = lines.filter((l) => l.kind === 'frame' && l.library).length;
  const parsed = lines.some((l) => l.kind === 'frame');
  if (showRaw)
    return (
      <div className="stack">
        <pre className="frame-text">{stack}</pre>
        <button type="button" className="btn btn-small btn-link" onClick={() => setShowRaw(false)}>
          Show frames
        </button>
      </div>
    );
  return (
    <div className="stack" role="list" aria-label="Stack trace">
      {lines.map((l, i) => {
        if (l.kind === 'frame') {
          if (l.library && !showLib) return null;
          return (
            <div role="listitem" key={i} className={`frame ${l.library ? 'frame-lib' : ''}`}>
              <span className="frame-fn">{l.fn}</span> <span className="frame-loc">{l.location}</span>
            </div>
          );
        }
        if (l.kind === 'code')
          return (
            <div role="listitem" key={i} className="frame-code">
              {l.text}
            </div>
          );
        return (
          <div role="listitem" key={i} className="frame-text">
            {l.text}
          </div>
        );
      })}
      {libCount > 0 && (
        <button type="button" className="btn btn-small btn-link" onClick={() => setShowLib(!showLib)}>
          {showLib ? 'Hide' : 'Show'} {libCount} library {plural(libCount, 'frame')}
        </button>
      )}
      {parsed && (
        <button type="button" className="btn btn-small btn-link" onClick={() => setShowRaw(true)}>
          Show raw text
        </button>
      )}
    </div>
  );
}

export function SpanDetail({ span, service }: { span: Span; service: string }) {
  const openTrace = useApp((s) => s.openTrace);
  const selectSpan = useApp((s) => s.selectSpan);
  const openLinked = async (traceId: string, spanId: string) => {
    if (traceId === span.traceId) return selectSpan(spanId);
    await openTrace(traceId);
    selectSpan(spanId);
  };
  const exceptions = useMemo(() => exceptionsOf(span), [span]);
  const raw = useMemo(() => JSON.stringify(span, null, 2), [span]);
  const startMs = nanosToMs(span.startTimeUnixNano);
  const isError = span.status.code === 2;
  return (
    <aside className="detail" aria-label="Span detail">
      <header className="detail-head">
        <h2 className="detail-title" title={span.name}>
          {span.name || '(unnamed)'}
        </h2>
        <div className="detail-meta">
          <span>{service || '(no service.name)'}</span>
          <span>{spanKindLabel(span.kind)}</span>
          <span>{formatDuration(durationMs(span.startTimeUnixNano, span.endTimeUnixNano))}</span>
          <span>{formatClock(startMs)}</span>
          <span className={isError ? 'status-error' : ''}>
            {STATUS_CODE_NAMES[span.status.code]?.replace('STATUS_CODE_', '') ?? span.status.code}
            {span.status.message ? `: ${span.status.message}` : ''}
          </span>
        </div>
        <div className="detail-ids mono small">
          span <span className="select-all">{span.spanId}</span>
          {span.parentSpanId && (
            <>
              {' '}
              · parent <span className="select-all">{span.parentSpanId}</span>
            </>
          )}
        </div>
      </header>
      <div className="detail-body">
        {exceptions.length > 0 && (
          <Section title="Exceptions" count={exceptions.length}>
            {exceptions.map((ex, i) => (
              <div className="exception" key={i} role="group" aria-label={`Exception ${ex.type}`}>
                <div className="exception-head">
                  <span className="exception-type">{ex.type || 'Exception'}</span>
                  {ex.escaped !== undefined && (
                    <span className="badge badge-muted">{ex.escaped ? 'escaped' : 'handled'}</span>
                  )}
                </div>
                {ex.message && <div className="exception-message">{ex.message}</div>}
                {ex.stacktrace && (
                  <Stack
                    stack={ex.stacktrace}
                    language={stringAttribute(span.resource.attributes, 'telemetry.sdk.language') ?? ''}
                    exceptionType={ex.type}
                  />
                )}
              </div>
            ))}
          </Section>
        )}
        <Section title="Attributes" count={span.attributes.length}>
          <Attributes attrs={span.attributes} label="Attributes" dropped={span.droppedAttributesCount} />
        </Section>
        <Section title="Events" count={span.events.length} open={span.events.length > 0}>
          {span.events.length === 0 && <p className="dim small">No events.</p>}
          {span.events.map((e, i) => (
            <div key={i} className="event">
              <div className="event-head">
                <b>{e.name}</b>{' '}
                <span className="dim">+{formatDuration(nanosToMs(e.timeUnixNano) - startMs)}</span>
              </div>
              <Attributes
                attrs={e.attributes.filter((a) => a.key !== 'exception.stacktrace')}
                label={`Event ${e.name} attributes`}
                dropped={e.droppedAttributesCount}
              />
            </div>
          ))}
        </Section>
        <Section title="Links" count={span.links.length} open={span.links.length > 0}>
          {span.links.length === 0 && <p className="dim small">No links.</p>}
          {span.links.map((l, i) => (
            <div key={i} className="event">
              <div className="mono small link-head">
                <span>
                  trace {l.traceId} · span {l.spanId}
                </span>
                <button
                  type="button"
                  className="btn btn-small"
                  aria-label={`Open linked trace ${l.traceId}`}
                  onClick={() => void openLinked(l.traceId, l.spanId)}
                >
                  Open
                </button>
              </div>
              <Attributes attrs={l.attributes} label="Link attributes" dropped={l.droppedAttributesCount} />
            </div>
          ))}
        </Section>
        <Section title="Resource" count={span.resource.attributes.length} open={false}>
          <Attributes
            attrs={span.resource.attributes}
            label="Resource attributes"
            dropped={span.resource.droppedAttributesCount}
          />
        </Section>
        <Section title="Scope" open={false}>
          <p className="small">
            <b>{span.scope.name || '(unnamed scope)'}</b> {span.scope.version}
          </p>
          <Attributes
            attrs={span.scope.attributes}
            label="Scope attributes"
            dropped={span.scope.droppedAttributesCount}
          />
        </Section>
        <Section title="Raw JSON" open={false}>
          <div className="raw-actions">
            <CopyButton text={raw} label="Copy span JSON" />
          </div>
          <pre className="raw" aria-label="Raw span JSON">
            {raw}
          </pre>
        </Section>
      </div>
    </aside>
  );
}
