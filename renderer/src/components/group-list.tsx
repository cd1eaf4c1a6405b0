// The grouped view: one row per root service + root span name (Sentry's transaction), with count, error
// rate and p50/p95 duration over every trace held; a row opens the trace list filtered to that group.
// Groups are few (hundreds at most), so a plain table is enough: no virtualisation.
import { useMemo, useState } from 'react';
import type { TraceGroup } from '../../../shared/api/contract.js';
import { useApp } from '../state/store.js';
import { formatCount, formatDuration } from '../model/format.js';
import { serviceColor } from '../model/colors.js';
import { sortGroups, type GroupSort } from '../model/group-sort.js';

const COLUMNS: { key: GroupSort['column']; label: string; right?: boolean }[] = [
  { key: 'service', label: 'Service' },
  { key: 'name', label: 'Transaction (root span)' },
  { key: 'count', label: 'Traces', right: true },
  { key: 'errorRate', label: 'Error rate', right: true },
  { key: 'p50Ms', label: 'p50', right: true },
  { key: 'p95Ms', label: 'p95', right: true },
];

const TEMPLATE = 'minmax(120px, 1fr) minmax(220px, 3fr) 80px 96px 88px 88px';

function GroupRow({ g, onOpen }: { g: TraceGroup; onOpen: (g: TraceGroup) => void }) {
  return (
    <div
      role="row"
      className={`grid-row group-row ${g.errorCount > 0 ? 'row-error' : ''}`}
      style={{ gridTemplateColumns: TEMPLATE }}
      tabIndex={0}
      onClick={() => onOpen(g)}
      onKeyDown={(e) => {
        if (e.key === 'Enter') onOpen(g);
      }}
      aria-label={`${g.rootService || '(no service.name)'} ${g.rootName || '(unnamed)'}: ${g.count} traces`}
    >
      <div role="gridcell" className="cell">
        <span className="chip" style={{ borderColor: serviceColor(g.rootService) }}>
          <span className="chip-dot" style={{ background: serviceColor(g.rootService) }} />
          {g.rootService || '?'}
        </span>
      </div>
      <div role="gridcell" className="cell">
        <span className="trace-name" title={g.rootName}>
          {g.rootName || '(unnamed)'}
        </span>
      </div>
      <div role="gridcell" className="cell cell-right num">
        {formatCount(g.count)}
      </div>
      <div role="gridcell" className="cell cell-right">
        {g.errorCount > 0 ? (
          <span className="badge badge-error" title={`${g.errorCount} of ${g.count} traces have an error`}>
            {formatRate(g.errorRate)}
          </span>
        ) : (
          <span className="dim">0%</span>
        )}
      </div>
      <div role="gridcell" className="cell cell-right num">
        {formatDuration(g.p50Ms)}
      </div>
      <div role="gridcell" className="cell cell-right num" title={`max ${formatDuration(g.maxMs)}`}>
        {formatDuration(g.p95Ms)}
      </div>
    </div>
  );
}

/** 0.0312 → "3.1%"; below 10 % one decimal, so 1 error in 300 does not read as 0 %. */
function formatRate(rate: number): string {
  const pct = rate * 100;
  return `${pct >= 10 || pct === 0 ? Math.round(pct) : pct.toFixed(1)}%`;
}

export function GroupList() {
  const groups = useApp((s) => s.groups);
  const loading = useApp((s) => s.groupsLoading);
  const openGroup = useApp((s) => s.openGroup);
  const [sort, setSort] = useState<GroupSort>({ column: 'count', desc: true });
  const rows = useMemo(() => sortGroups(groups?.groups ?? [], sort), [groups, sort]);
  const onOpen = (g: TraceGroup) => openGroup({ rootService: g.rootService, rootName: g.rootName });

  return (
    <div className="grid" role="grid" aria-label="Trace groups" aria-rowcount={rows.length + 1}>
      <div role="row" className="grid-row grid-head" style={{ gridTemplateColumns: TEMPLATE }}>
        {COLUMNS.map((c) => {
          const active = sort.column === c.key;
          return (
            <div
              role="columnheader"
              key={c.key}
              className={`cell ${c.right ? 'cell-right' : ''}`}
              aria-sort={active ? (sort.desc ? 'descending' : 'ascending') : undefined}
            >
              <button
                type="button"
                className="sort-btn"
                aria-label={`Sort groups by ${c.label}`}
                onClick={() =>
                  setSort({
                    column: c.key,
                    desc: active ? !sort.desc : c.key !== 'service' && c.key !== 'name',
                  })
                }
              >
                {c.label}
                <span className="sort-mark" aria-hidden="true">
                  {active ? (sort.desc ? '▾' : '▴') : ''}
                </span>
              </button>
            </div>
          );
        })}
      </div>
      <div className="grid-body group-body">
        {rows.map((g) => (
          <GroupRow key={JSON.stringify([g.rootService, g.rootName])} g={g} onOpen={onOpen} />
        ))}
        {groups && rows.length === 0 && (
          <div className="grid-empty" role="note">
            No traces match this filter.
          </div>
        )}
      </div>
      <div className="grid-foot">
        <span aria-live="polite">
          {groups
            ? `${formatCount(groups.totalGroups)} groups · ${formatCount(groups.traces)} traces` +
              (groups.totalGroups > groups.groups.length
                ? ` · showing the busiest ${formatCount(groups.groups.length)}`
                : '')
            : loading
              ? 'Loading groups…'
              : ''}
          {' · by root service + root span name (the Sentry transaction) · click a group to list its traces'}
        </span>
      </div>
    </div>
  );
}
