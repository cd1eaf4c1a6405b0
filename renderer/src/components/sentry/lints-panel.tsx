// Every lint with its severity, code, message, span (click: select it in the waterfall) and one-line fix.
// The first few of each code are listed; the rest behind "Show N more" (a big trace can have one per span).
import { useState } from 'react';
import type { Lint } from '../../../../shared/sentry/lints.js';
import { lintGroups, spanLabel } from '../../model/sentry-view.js';
import { useApp } from '../../state/store.js';

const ICON: Record<Lint['severity'], string> = { error: '✖', warning: '▲', info: 'ℹ' };
/** Lints listed per code before "Show N more". */
const PER_CODE = 5;

export function LintsPanel({ lints, spanNames }: { lints: Lint[]; spanNames: ReadonlyMap<string, string> }) {
  const show = useApp((s) => s.showSpanInWaterfall);
  const [expanded, setExpanded] = useState<ReadonlySet<string>>(() => new Set());
  const groups = lintGroups(lints, PER_CODE, expanded);
  return (
    <section className="sentry-lints" aria-label="Lints">
      <h3 className="sentry-list-head">
        Lints <span className="section-count">{lints.length}</span>
      </h3>
      {lints.length === 0 && (
        <div className="sentry-none">No lints: Sentry should take this trace as it is.</div>
      )}
      {groups.map((g) => (
        <ul key={g.severity} className="lint-list" aria-label={`${g.severity} lints`}>
          {g.lints.map((l, i) => (
            <li
              key={`${l.code}-${l.spanId ?? ''}-${i}`}
              className={`lint lint-${l.severity}`}
              data-code={l.code}
            >
              <div className="lint-head">
                <span className={`lint-icon`} aria-label={l.severity} title={l.severity}>
                  {ICON[l.severity]}
                </span>
                <code className="lint-code">{l.code}</code>
                {l.spanId ? (
                  <button
                    type="button"
                    className="btn-link lint-span"
                    title={`Select span ${l.spanId} in the waterfall`}
                    onClick={() => show(l.spanId!)}
                  >
                    {spanLabel(l.spanId, spanNames)}
                  </button>
                ) : (
                  <span className="dim small">whole trace</span>
                )}
              </div>
              <div className="lint-message">{l.message}</div>
              <div className="lint-fix">
                <span className="dim">Fix:</span> {l.fix}
              </div>
            </li>
          ))}
          {g.more.map((m) => (
            <li key={`more-${m.code}`} className="lint-more">
              <button
                type="button"
                className="btn-link"
                onClick={() => setExpanded(new Set([...expanded, m.code]))}
              >
                Show {m.count} more <code>{m.code}</code>
              </button>
            </li>
          ))}
        </ul>
      ))}
    </section>
  );
}
