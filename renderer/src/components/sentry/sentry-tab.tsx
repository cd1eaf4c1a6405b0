// The trace view's Sentry tab: what Sentry will receive for this trace and why, before anything is sent.
// Left: the events (or segments) and the lints; right: the selected payload with provenance, differences
// from the classic exporter, the stack frames and the raw envelope.
import { useMemo } from 'react';
import { useApp } from '../../state/store.js';
import {
  annotatedCount,
  droppedItems,
  errorRows,
  lintCountsByEvent,
  exceptionValues,
  removedUnder,
  describeDifference,
  differenceIndex,
  segmentViews,
  transactionRows,
  type Preview,
} from '../../model/sentry-view.js';
import type { Difference } from '../../../../shared/sentry/differences.js';
import { valueAt } from '../../../../shared/sentry/json-pointer.js';
import type { ErrorEvent } from '../../../../shared/sentry/payload.js';
import { SentryToolbar } from './sentry-toolbar.js';
import { EventList } from './event-list.js';
import { SegmentList, SegmentSpans } from './segment-view.js';
import { LintsPanel } from './lints-panel.js';
import { PayloadTree } from './payload-tree.js';
import { StackFrames } from './stack-frames.js';
import { EnvelopeBox } from './envelope-box.js';
import { SentryTraceTree } from './sentry-trace-tree.js';

function PayloadHead({
  title,
  kind,
  preview,
  pointer,
}: {
  title: string;
  kind: string;
  preview: Preview;
  pointer: string;
}) {
  const n = annotatedCount(preview, pointer);
  return (
    <div className="sentry-payload-head">
      <span className="badge badge-muted">{kind}</span>
      <h2 title={title}>{title || '(unnamed)'}</h2>
      <span className="spacer" />
      <span className="dim small">
        <span className="prov-legend">← source</span> on {n.provenance} fields
        {preview.profile === 'collector' && (
          <>
            {' · '}
            <span className="diff-mark diff-changed">≠ option</span> {n.differences} differ from classic
          </>
        )}
      </span>
    </div>
  );
}

function RemovedFields({ removed }: { removed: Difference[] }) {
  if (!removed.length) return null;
  return (
    <section className="sentry-section" aria-label="Removed from classic">
      <div className="sentry-section-head">
        <h3>Classic also sends</h3>
        <span className="dim small">fields the classic exporter sends that this preview leaves out</span>
      </div>
      <ul className="dropped-list mono">
        {removed.map((d) => (
          <li key={d.pointer}>
            {d.pointer} — {describeDifference(d)}
          </li>
        ))}
      </ul>
    </section>
  );
}

function CollectorDetail({ preview, pointer }: { preview: Preview; pointer: string }) {
  const diffs = useMemo(() => differenceIndex(preview), [preview]);
  const value = valueAt(preview, pointer);
  if (value === undefined) return <div className="sentry-empty">Select a transaction or an error event.</div>;
  const isError = pointer.startsWith('/errors/');
  // A span of a transaction, selected in the trace tree: its own object, within its transaction.
  const span = /^\/transactions\/\d+\/spans\/\d+$/.test(pointer)
    ? (value as { op?: string; description?: string })
    : null;
  const title = span
    ? span.description || span.op || ''
    : isError
      ? (errorRows(preview).find((r) => r.pointer === pointer)?.type ?? '')
      : (transactionRows(preview).find((r) => r.pointer === pointer)?.name ?? '');
  return (
    <>
      <PayloadHead
        title={title}
        kind={span ? 'span' : isError ? 'error event' : 'transaction'}
        preview={preview}
        pointer={pointer}
      />
      {isError &&
        exceptionValues(value as ErrorEvent).map((ex, i) => (
          <div className="sentry-section" key={i}>
            <StackFrames exception={ex} />
          </div>
        ))}
      <section className="sentry-section" aria-label="Payload">
        <div className="sentry-section-head">
          <h3>Payload</h3>
          <span className="dim small">
            hover a source for its full note and a marker for the classic value
          </span>
        </div>
        <PayloadTree
          key={pointer}
          preview={preview}
          diffs={diffs}
          pointer={pointer}
          value={value}
          label="Payload"
        />
      </section>
      <RemovedFields removed={removedUnder(preview, pointer)} />
      <EnvelopeBox preview={preview} pointer={pointer} />
    </>
  );
}

function SegmentDetail({
  preview,
  pointer,
  spanNames,
}: {
  preview: Preview;
  pointer: string;
  spanNames: ReadonlyMap<string, string>;
}) {
  const segments = useMemo(() => segmentViews(preview), [preview]);
  const dropped = useMemo(() => droppedItems(preview), [preview]);
  const diffs = useMemo(() => new Map<string, Difference>(), []);
  // A segment, or one of its spans selected in the trace tree.
  const seg = segments.find((s) => s.pointer === pointer || pointer.startsWith(`${s.pointer}/`));
  if (!seg) return <div className="sentry-empty">Select a segment.</div>;
  return (
    <>
      <PayloadHead
        title={
          pointer === seg.pointer
            ? seg.name
            : (seg.spans.find((r) => r.pointer === pointer)?.description ?? '')
        }
        kind={pointer === seg.pointer ? 'segment' : 'Sentry span'}
        preview={preview}
        pointer={pointer}
      />
      <SegmentSpans segment={seg} dropped={dropped} spanNames={spanNames} />
      <section className="sentry-section" aria-label="Payload">
        <div className="sentry-section-head">
          <h3>Sentry spans</h3>
          <span className="dim small">
            as Sentry stores them; forwarding under this profile sends the OTLP as is (no envelope)
          </span>
        </div>
        <PayloadTree
          key={pointer}
          preview={preview}
          diffs={diffs}
          pointer={pointer}
          value={valueAt(preview, pointer)}
          label="Payload"
        />
      </section>
    </>
  );
}

export function SentryTab() {
  const openId = useApp((s) => s.openTraceId);
  const trace = useApp((s) => s.trace);
  const stored = useApp((s) => s.sentryPreview);
  const loading = useApp((s) => s.sentryLoading);
  const error = useApp((s) => s.sentryError);
  const selected = useApp((s) => s.sentrySelected);
  const select = useApp((s) => s.selectSentryItem);
  const preview = stored && openId && stored.traceId === openId.toLowerCase() ? stored : null;
  const spanNames = useMemo(
    () => new Map((trace?.spans ?? []).map((s) => [s.spanId, s.name] as [string, string])),
    [trace],
  );
  const tx = useMemo(() => (preview ? transactionRows(preview) : []), [preview]);
  const errs = useMemo(() => (preview ? errorRows(preview) : []), [preview]);
  const segments = useMemo(() => (preview ? segmentViews(preview) : []), [preview]);
  const lintCounts = useMemo(
    () => (preview ? lintCountsByEvent(preview, [...tx, ...errs]) : new Map<string, number>()),
    [preview, tx, errs],
  );

  return (
    <div className="sentry-tab" role="tabpanel" aria-label="Sentry preview">
      <SentryToolbar preview={preview} />
      {error && (
        <div className="banner banner-error" role="alert" aria-label="Sentry preview error">
          {error}
        </div>
      )}
      {!preview && loading && (
        <div className="sentry-empty" role="status">
          Mapping this trace to Sentry…
        </div>
      )}
      {!preview && !loading && !error && <div className="sentry-empty">Waiting for the trace…</div>}
      {preview && <SentryTraceTree preview={preview} />}
      {preview && (
        <div className={`sentry-body ${loading ? 'sentry-stale' : ''}`} aria-busy={loading}>
          <div className="sentry-side">
            {preview.profile === 'collector' ? (
              <EventList
                transactions={tx}
                errors={errs}
                selected={selected}
                spanNames={spanNames}
                lintCounts={lintCounts}
                onSelect={select}
              />
            ) : (
              <SegmentList segments={segments} selected={selected} onSelect={select} />
            )}
            <LintsPanel lints={preview.lints} spanNames={spanNames} />
          </div>
          <div className="sentry-main" aria-label="Sentry payload">
            {selected === null ? (
              <div className="sentry-empty">Nothing to show: this trace sends no events.</div>
            ) : preview.profile === 'collector' ? (
              <CollectorDetail preview={preview} pointer={selected} />
            ) : (
              <SegmentDetail preview={preview} pointer={selected} spanNames={spanNames} />
            )}
          </div>
        </div>
      )}
    </div>
  );
}
