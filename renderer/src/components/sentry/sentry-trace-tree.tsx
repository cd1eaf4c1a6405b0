// The Sentry tab's trace tree: the trace's transactions (or segments) as one tree, with op, description,
// status and duration of every Sentry span on a shared time axis and the error events where they were
// raised. Selecting a row shows its payload below (the tab's selection is a JSON pointer).
import { useMemo, useState } from 'react';
import { useApp } from '../../state/store.js';
import { formatDuration } from '../../model/format.js';
import { barPosition, sentryTraceTree, type SentryTreeRow } from '../../model/sentry-trace-tree.js';
import type { Preview } from '../../model/sentry-view.js';

const KIND_LABEL = { transaction: 'transaction', span: 'span', error: 'error event' } as const;

function TreeRow({
  row,
  totalMs,
  selected,
  collapsed,
  onSelect,
  onToggle,
}: {
  row: SentryTreeRow;
  totalMs: number;
  selected: boolean;
  collapsed: boolean;
  onSelect: (pointer: string) => void;
  onToggle: (pointer: string) => void;
}) {
  const bar = barPosition(row, totalMs);
  const bad = row.kind === 'error' || (row.status !== '' && row.status !== 'ok');
  return (
    <div
      role="treeitem"
      aria-level={row.depth + 1}
      aria-selected={selected}
      aria-expanded={row.descendants > 0 ? !collapsed : undefined}
      aria-label={`${KIND_LABEL[row.kind]} ${row.op} ${row.description}`}
      data-pointer={row.pointer}
      data-kind={row.kind}
      className={`stree-row stree-${row.kind} ${selected ? 'row-active' : ''}`}
      onClick={() => onSelect(row.pointer)}
    >
      <div className="stree-name" style={{ paddingLeft: row.depth * 14 }}>
        {row.descendants > 0 ? (
          <button
            type="button"
            className="json-toggle"
            aria-label={`${collapsed ? 'Expand' : 'Collapse'} ${row.description}`}
            onClick={(e) => {
              e.stopPropagation();
              onToggle(row.pointer);
            }}
          >
            {collapsed ? '▸' : '▾'}
          </button>
        ) : (
          <span className="json-toggle-space" />
        )}
        {row.kind === 'transaction' && <span className="badge badge-accent stree-kind">txn</span>}
        {row.kind === 'error' ? (
          <span className="badge badge-error stree-kind">error</span>
        ) : (
          <span className="stree-op mono">{row.op || '(no op)'}</span>
        )}
        <span className="stree-desc" title={row.description}>
          {row.description}
        </span>
        {collapsed && row.errorsBelow > 0 && (
          <span className="badge badge-error" title="Error events in the collapsed rows">
            {row.errorsBelow}
          </span>
        )}
      </div>
      <div className={`stree-status ${bad ? 'stree-bad' : 'dim'}`}>{row.status || '—'}</div>
      <div className="stree-dur num">{row.kind === 'error' ? '' : formatDuration(row.durationMs)}</div>
      <div className="stree-axis" aria-hidden="true">
        {row.kind === 'error' ? (
          <span className="stree-point" style={{ left: `${bar.left}%` }} />
        ) : (
          <span
            className={`stree-bar ${bad ? 'stree-bar-bad' : ''}`}
            style={{ left: `${bar.left}%`, width: `max(2px, ${bar.width}%)` }}
          />
        )}
      </div>
    </div>
  );
}

export function SentryTraceTree({ preview }: { preview: Preview }) {
  const selected = useApp((s) => s.sentrySelected);
  const select = useApp((s) => s.selectSentryItem);
  const [collapsed, setCollapsed] = useState<ReadonlySet<string>>(() => new Set());
  const tree = useMemo(() => sentryTraceTree(preview, collapsed), [preview, collapsed]);
  const toggle = (pointer: string) => {
    const next = new Set(collapsed);
    if (!next.delete(pointer)) next.add(pointer);
    setCollapsed(next);
  };
  const transactions = tree.rows.filter((r) => r.kind === 'transaction').length;
  return (
    <section className="stree" aria-label="Sentry trace">
      <div className="stree-head">
        <div className="stree-name">
          <h3>Trace as Sentry shows it</h3>
          <span className="dim small">
            {preview.profile === 'collector'
              ? 'transactions nested under the spans that called them · error events where they were raised'
              : 'segments nested under the spans that called them · span events are dropped by this endpoint'}
          </span>
        </div>
        <div className="stree-status dim small">status</div>
        <div className="stree-dur dim small">duration</div>
        <div className="stree-axis dim small">
          <span>0</span>
          <span>{formatDuration(tree.totalMs)}</span>
        </div>
      </div>
      <div
        className="stree-body"
        role="tree"
        aria-label={`Sentry trace: ${transactions} ${preview.profile === 'collector' ? 'transactions' : 'segments'}`}
      >
        {tree.rows.map((r) => (
          <TreeRow
            key={r.pointer}
            row={r}
            totalMs={tree.totalMs}
            selected={r.pointer === selected}
            collapsed={collapsed.has(r.pointer)}
            onSelect={select}
            onToggle={toggle}
          />
        ))}
        {tree.rows.length === 0 && <div className="sentry-empty">This trace sends nothing to Sentry.</div>}
      </div>
    </section>
  );
}
