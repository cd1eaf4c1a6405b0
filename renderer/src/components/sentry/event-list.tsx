// Collector profile: the transactions and error events this trace becomes, one selectable row each.
import type { ErrorRow, TransactionRow } from '../../model/sentry-view.js';
import { spanLabel } from '../../model/sentry-view.js';
import { SentryRow } from './sentry-row.js';

function statusClass(status: string): string {
  return status === 'ok' || status === '' ? 'status-ok' : 'status-error';
}

function LintMark({ n }: { n: number | undefined }) {
  if (!n) return null;
  return (
    <span
      className="badge badge-warn lint-mark"
      title={`${n} lint${n === 1 ? '' : 's'} about this event (below)`}
    >
      ▲ {n}
    </span>
  );
}

export function EventList({
  transactions,
  errors,
  selected,
  spanNames,
  lintCounts,
  onSelect,
}: {
  transactions: TransactionRow[];
  errors: ErrorRow[];
  selected: string | null;
  spanNames: ReadonlyMap<string, string>;
  /** Warnings and errors about each event (pointer → count). */
  lintCounts: ReadonlyMap<string, number>;
  onSelect(pointer: string): void;
}) {
  return (
    <div className="sentry-list">
      <h3 className="sentry-list-head">
        Transactions <span className="section-count">{transactions.length}</span>
      </h3>
      <ul role="listbox" aria-label="Sentry transactions" className="sentry-rows">
        {transactions.map((t) => (
          <SentryRow
            key={t.pointer}
            pointer={t.pointer}
            kind="tx"
            selected={selected === t.pointer}
            onSelect={onSelect}
            main={
              <>
                <span className="sentry-row-title" title={t.name}>
                  {t.name || '(unnamed)'}
                </span>
                <LintMark n={lintCounts.get(t.pointer)} />
                <span className={`sentry-status ${statusClass(t.status)}`}>{t.status || '—'}</span>
              </>
            }
            meta={
              <>
                <span title="op">{t.op || 'no op'}</span>
                <span title="transaction_info.source">source {t.source}</span>
                <span>
                  {t.spanCount} {t.spanCount === 1 ? 'span' : 'spans'}
                </span>
              </>
            }
          />
        ))}
        {transactions.length === 0 && (
          <li className="sentry-none">No transactions: nothing would be sent.</li>
        )}
      </ul>
      <h3 className="sentry-list-head">
        Error events <span className="section-count">{errors.length}</span>
      </h3>
      <ul role="listbox" aria-label="Sentry error events" className="sentry-rows">
        {errors.map((e) => (
          <SentryRow
            key={e.pointer}
            pointer={e.pointer}
            kind="err"
            selected={selected === e.pointer}
            onSelect={onSelect}
            main={
              <>
                <span className="sentry-row-title" title={`${e.type}: ${e.value}`}>
                  <b>{e.type || '(no type)'}</b> {e.value}
                </span>
                <LintMark n={lintCounts.get(e.pointer)} />
                <span className="sentry-status status-error">{e.level}</span>
              </>
            }
            meta={
              <>
                <span title={`linked span ${e.spanId}`}>span {spanLabel(e.spanId, spanNames)}</span>
                {e.transaction && <span title="transaction">in {e.transaction}</span>}
                {e.mergedFrom.length > 0 && (
                  <span
                    title={`the same exception, also recorded on: ${e.mergedFrom.map((id) => spanLabel(id, spanNames)).join(', ')} (merged by dedupeExceptions)`}
                  >
                    also on {e.mergedFrom.length} {e.mergedFrom.length === 1 ? 'span' : 'spans'}
                  </span>
                )}
              </>
            }
          />
        ))}
        {errors.length === 0 && (
          <li className="sentry-none">No error events (no span has an exception event).</li>
        )}
      </ul>
    </div>
  );
}
