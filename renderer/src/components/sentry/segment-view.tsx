// sentry-otlp profile: the segments Sentry's span buffer forms, each a list of Sentry spans with the op,
// description and status it derives, the `sentry.*` attributes it adds, and what it drops.
import type { DroppedItem, SegmentView } from '../../model/sentry-view.js';
import { dropMarks, spanLabel } from '../../model/sentry-view.js';
import { SentryRowList } from './sentry-row.js';
import { plural } from '../../model/format.js';

export function SegmentList({
  segments,
  selected,
  onSelect,
}: {
  segments: SegmentView[];
  selected: string | null;
  onSelect(pointer: string): void;
}) {
  return (
    <div className="sentry-list">
      <SentryRowList
        title="Segments"
        label="Sentry segments"
        kind="seg"
        items={segments}
        selected={selected}
        onSelect={onSelect}
        main={(s) => (
          <span className="sentry-row-title" title={s.name}>
            {s.name || '(unnamed)'}
          </span>
        )}
        meta={(s) => (
          <>
            <span>{s.spans[0]?.op || 'no op'}</span>
            <span>
              {s.spans.length} {plural(s.spans.length, 'span')}
            </span>
            <span className="mono" title="segment_id">
              {s.segmentId}
            </span>
          </>
        )}
      />
    </div>
  );
}

export function SegmentSpans({
  segment,
  dropped,
  spanNames,
}: {
  segment: SegmentView;
  dropped: DroppedItem[];
  spanNames: ReadonlyMap<string, string>;
}) {
  const ids = new Set(segment.spans.map((s) => s.spanId));
  const mine = dropped.filter((d) => d.spanId === null || ids.has(d.spanId));
  // Rows say what the "What Sentry drops" list says, so the table never shows as stored a span a lint drops.
  const marks = dropMarks(mine);
  return (
    <>
      <table className="seg-table" aria-label="Segment spans">
        <thead>
          <tr>
            <th>Span</th>
            <th>op</th>
            <th>description</th>
            <th>status</th>
            <th>derived attributes</th>
          </tr>
        </thead>
        <tbody>
          {segment.spans.map((s) => (
            <tr key={s.spanId} data-span-id={s.spanId} data-drop={marks.get(s.spanId)}>
              <td>
                {marks.get(s.spanId) === 'dropped' && (
                  <span
                    className="badge badge-error"
                    title="Sentry drops this span or part of it (see below)"
                  >
                    dropped
                  </span>
                )}
                {marks.get(s.spanId) === 'may-drop' && (
                  <span
                    className="badge badge-warn"
                    title="A lint says Sentry may drop this span (see below)"
                  >
                    may be dropped
                  </span>
                )}
                {s.isSegment && (
                  <span className="badge badge-accent" title="is_segment: the segment's root">
                    segment
                  </span>
                )}
                <span title={s.spanId}>{s.name}</span>
              </td>
              <td className="mono">{s.op || '—'}</td>
              <td className="seg-desc" title={s.description}>
                {s.description}
              </td>
              <td className={s.status === 'ok' ? 'status-ok' : 'status-error'}>{s.status}</td>
              <td>
                <div className="chips seg-derived">
                  {s.derived.map(([k, v]) => (
                    <span key={k} className="chip mono" title={`${k} = ${v}`}>
                      {k.slice('sentry.'.length)}={v.length > 40 ? `${v.slice(0, 39)}…` : v}
                    </span>
                  ))}
                </div>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <section className="sentry-section" aria-label="Dropped">
        <div className="sentry-section-head">
          <h3>What Sentry drops (or may drop)</h3>
        </div>
        {mine.length ? (
          <ul className="dropped-list">
            {mine.map((d, i) => (
              <li key={i}>
                {d.spanId && <b>{spanLabel(d.spanId, spanNames)}: </b>}
                {d.certainty === 'may-drop' && <i>may be dropped: </i>}
                {d.what}
              </li>
            ))}
          </ul>
        ) : (
          <div className="dim small">Nothing in this segment is dropped.</div>
        )}
      </section>
    </>
  );
}
