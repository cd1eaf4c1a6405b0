// The Sentry tab's trace tree: the trace's transactions (or segments) as one tree, with op, description,
// status and duration of every Sentry span on a shared time axis and the error events where they were
// raised. Selecting a row shows its payload below (the tab's selection is a JSON pointer). Virtualised like
// the waterfall: a trace of 2 000 Sentry spans renders the rows on screen, not 2 000 (fixed row height,
// rows keyed by slot, the selected row scrolled into view when j/k move it).
import { memo, useMemo } from 'react';
import { useApp } from '../../state/store.js';
import { formatDuration, plural } from '../../model/format.js';
import { barPosition, visibleTreeRows, type SentryTreeRow } from '../../model/sentry-trace-tree.js';
import type { Preview } from '../../model/sentry-view.js';
import { axisTicks, ticksForWidth } from '../../model/time-axis.js';
import { bySlot, slotKey } from '../virtual-slots.js';
import { useElementWidth } from '../use-element-width.js';
import { useVirtualRows } from '../use-virtual-rows.js';

/** Must match .stree-row's height in app.css (the virtualiser positions rows by it). */
const TREE_ROW_HEIGHT = 26;

const count = (n: number, noun: string) => `${n} ${plural(n, noun)}`;

const KIND_LABEL = { transaction: 'transaction', span: 'span', error: 'error event' } as const;

const TreeRow = memo(function TreeRow({
  row,
  top,
  totalMs,
  selected,
  collapsed,
  onSelect,
  onToggle,
}: {
  row: SentryTreeRow;
  top: number;
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
      aria-posinset={row.posInSet}
      aria-setsize={row.setSize}
      aria-selected={selected}
      aria-expanded={row.descendants > 0 ? !collapsed : undefined}
      aria-label={`${KIND_LABEL[row.kind]} ${row.op} ${row.description}`}
      data-pointer={row.pointer}
      data-kind={row.kind}
      className={`stree-row stree-${row.kind} ${selected ? 'row-active' : ''}`}
      style={{ transform: `translateY(${top}px)` }}
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
});

export function SentryTraceTree({ preview }: { preview: Preview }) {
  const tree = useApp((s) => s.sentryTree);
  const collapsed = useApp((s) => s.sentryCollapsed);
  const selected = useApp((s) => s.sentrySelected);
  const select = useApp((s) => s.selectSentryItem);
  const toggle = useApp((s) => s.toggleSentryCollapsed);
  const visible = useMemo(() => (tree ? visibleTreeRows(tree, collapsed) : []), [tree, collapsed]);
  const selectedPos = useMemo(() => {
    const i = tree && selected !== null ? tree.index.get(selected) : undefined;
    return i === undefined ? -1 : visible.indexOf(i);
  }, [tree, visible, selected]);
  const { scrollRef, virtualizer } = useVirtualRows(visible.length, TREE_ROW_HEIGHT, selectedPos, 10);
  // The shared axis: as many ticks as its width can label (model/time-axis.ts, as in the waterfall).
  const [axisRef, axisWidth] = useElementWidth<HTMLDivElement>(240);
  const totalMs = tree?.totalMs ?? 0;
  const ticks = useMemo(() => axisTicks(totalMs, ticksForWidth(axisWidth)), [totalMs, axisWidth]);
  const items = virtualizer.getVirtualItems();
  if (!tree) return null;
  let transactions = 0;
  for (const r of tree.rows) if (r.kind === 'transaction') transactions++;
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
        <div className="stree-axis dim small" ref={axisRef} aria-hidden="true">
          {ticks.map((t) => (
            <span
              key={t.ms}
              className={`stree-tick ${t.at > 0.9 ? 'stree-tick-end' : ''}`}
              style={{ left: `${t.at * 100}%` }}
            >
              {formatDuration(t.ms)}
            </span>
          ))}
        </div>
      </div>
      <div
        className="stree-body"
        ref={scrollRef}
        role="tree"
        tabIndex={-1}
        aria-label={`Sentry trace: ${count(transactions, preview.profile === 'collector' ? 'transaction' : 'segment')}, ${count(tree.rows.length, 'row')}`}
      >
        <div className="stree-rows" style={{ height: virtualizer.getTotalSize() }}>
          {bySlot(items).map((vi) => {
            const r = tree.rows[visible[vi.index]!]!;
            return (
              <TreeRow
                key={slotKey(vi.index, items.length)}
                row={r}
                top={vi.start}
                totalMs={tree.totalMs}
                selected={r.pointer === selected}
                collapsed={collapsed.has(r.pointer)}
                onSelect={select}
                onToggle={toggle}
              />
            );
          })}
        </div>
        {tree.rows.length === 0 && <div className="sentry-empty">This trace sends nothing to Sentry.</div>}
      </div>
    </section>
  );
}
