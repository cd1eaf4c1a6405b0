// The targets: each with its kind, endpoint (no key), enabled switch, Test, Edit, Remove, its Test result
// and delivery counters, last error with HTTP status and body excerpt.
import { useApp } from '../../state/store.js';
import type { ForwardTargetView, TargetForwardStatus } from '../../../../shared/api/contract.js';
import { KIND_LABEL } from '../../model/target-form.js';
import { errorText, rateLimitEnd, targetCounters } from '../../model/forwarding-status.js';
import { formatClock } from '../../model/format.js';
import { TestResult } from './test-result.js';
import { useNow } from './use-now.js';

function TargetRow({ t, status }: { t: ForwardTargetView; status: TargetForwardStatus | undefined }) {
  const setEnabled = useApp((s) => s.setTargetEnabled);
  const test = useApp((s) => s.targetTests[t.id]);
  const runTest = useApp((s) => s.testTarget);
  const edit = useApp((s) => s.editTarget);
  const remove = useApp((s) => s.removeTarget);
  const now = useNow(1000);
  const limited = status ? rateLimitEnd(status, now) : null;
  const name = t.name || t.id;
  return (
    <li className="target-row" data-target-id={t.id} aria-label={`Target ${name}`}>
      <div className="target-main">
        <label className="switch" title={t.enabled ? 'Enabled' : 'Disabled'}>
          <input
            type="checkbox"
            checked={t.enabled}
            aria-label={`Enable target ${name}`}
            onChange={(e) => void setEnabled(t.id, e.target.checked)}
          />
          <span className="switch-track" aria-hidden="true" />
        </label>
        <div className="target-names">
          <b>{name}</b> <span className="badge badge-muted">{KIND_LABEL[t.kind]}</span>
          <div className="mono dim small" title="Where it POSTs (the key goes in a header)">
            {t.endpoint}
          </div>
          {t.dsn && <div className="mono dim small">DSN {t.dsn}</div>}
        </div>
        <div className="target-buttons">
          <button
            type="button"
            className="btn btn-small"
            disabled={!!test?.pending}
            onClick={() => void runTest(t.id)}
          >
            {test?.pending ? 'Testing…' : 'Test connection'}
          </button>
          <button type="button" className="btn btn-small" onClick={() => edit(t.id)}>
            Edit
          </button>
          <button
            type="button"
            className="btn btn-small"
            aria-label={`Remove target ${name}`}
            onClick={() => {
              if (window.confirm(`Remove target ${name}? Items still queued for it are dropped.`))
                void remove(t.id);
            }}
          >
            Remove
          </button>
        </div>
      </div>
      <div className="target-status small" data-testid="target-counters">
        {targetCounters(status)}
        {status?.lastSuccessAt ? ` · last sent ${formatClock(status.lastSuccessAt)}` : ''}
        {limited !== null && (
          <span className="status-warn"> · rate-limited until {formatClock(limited)}</span>
        )}
      </div>
      {status?.lastError && (
        <div className="target-error small" title={status.lastError.bodyExcerpt}>
          Last error {formatClock(status.lastError.at)}: {errorText(status.lastError)}
        </div>
      )}
      {test && <TestResult test={test} />}
    </li>
  );
}

export function TargetList() {
  const targets = useApp((s) => s.forwarding?.targets);
  const problems = useApp((s) => s.forwarding?.problems);
  const live = useApp((s) => s.stats?.forwarding ?? s.forwarding?.status);
  const edit = useApp((s) => s.editTarget);
  return (
    <div className="target-list">
      {targets && targets.length === 0 && (
        <p className="dim">
          No targets yet. Add a Sentry DSN (a dev project, or Spotlight’s sidecar at
          http://spotlight@localhost:8969/0) or an OTLP/HTTP endpoint.
        </p>
      )}
      <ul>
        {targets?.map((t) => (
          <TargetRow key={t.id} t={t} status={live?.targets.find((x) => x.targetId === t.id)} />
        ))}
      </ul>
      {problems?.map((p) => (
        <div key={p.id} className="field-error" role="alert">
          Target {p.id} could not be loaded: {p.problem}
        </div>
      ))}
      <button type="button" className="btn" onClick={() => edit(null)}>
        + Add target
      </button>
    </div>
  );
}
