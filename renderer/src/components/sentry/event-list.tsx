// Collector profile: the transactions and error events this trace becomes, one selectable row each.
import type { ErrorRow, TransactionRow } from '../../model/sentry-view.js';
import { spanLabel } from '../../model/sentry-view.js';
import { SentryRowList } from './sentry-row.js';
import { plural } from '../../model/format.js';

function statusClass(status: string): string {
  return status === 'ok' || status === '' ? 'status-ok' : 'status-error';
}

function LintMark({ n }: { n: number | undefined }) {
  if (!n) return null;
  return (
    <span className="badge badge-warn lint-mark" title={`${n} ${plural(n, 'lint')} about this event (below)`}>
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
      <SentryRowList
        title="Transactions"
        label="Sentry transactions"
        kind="tx"
        items={transactions}
        selected={selected}
        onSelect={onSelect}
        empty="No transactions: nothing would be sent."
        main={(t) => (
          <>
            <span className="sentry-row-title" title={t.name}>
              {t.name || '(unnamed)'}
            </span>
            <LintMark n={lintCounts.get(t.pointer)} />
            <span className={`sentry-status ${statusClass(t.status)}`}>{t.status || '—'}</span>
          </>
        )}
        meta={(t) => (
          <>
            <span title="op">{t.op || 'no op'}</span>
            <span title="transaction_info.source">source {t.source}</span>
            <span>
              {t.spanCount} {plural(t.spanCount, 'span')}
            </span>
          </>
        )}
      />
      <SentryRowList
        title="Error events"
        label="Sentry error events"
        kind="err"
        items={errors}
        selected={selected}
        onSelect={onSelect}
        empty="No error events (no span has an exception event)."
        main={(e) => (
          <>
            <span className="sentry-row-title" title={`${e.type}: ${e.value}`}>
              <b>{e.type || '(no type)'}</b> {e.value}
            </span>
            <LintMark n={lintCounts.get(e.pointer)} />
            <span className="sentry-status status-error">{e.level}</span>
          </>
        )}
        meta={(e) => (
          <>
            <span title={`linked span ${e.spanId}`}>span {spanLabel(e.spanId, spanNames)}</span>
            {e.transaction && <span title="transaction">in {e.transaction}</span>}
            {e.mergedFrom.length > 0 && (
              <span
                title={`the same exception, also recorded on: ${e.mergedFrom.map((id) => spanLabel(id, spanNames)).join(', ')} (merged by dedupeExceptions)`}
              >
                also on {e.mergedFrom.length} {plural(e.mergedFrom.length, 'span')}
              </span>
            )}
          </>
        )}
      />
    </div>
  );
}
