// Sampling controls: the automatic-forwarding switch with what it will send, keep errors, a latency
// threshold, a percentage slider and include/exclude rules; the simulator says, as they move, what the
// draft would keep of the traces held. Save applies the draft.
import { useEffect } from 'react';
import { useApp } from '../../state/store.js';
import type { MatchField, MatchMode, MatchRule } from '../../../../shared/api/contract.js';
import {
  autoForwardStatement,
  matchRuleError,
  rulesChanged,
  rulesErrors,
} from '../../model/sampling-form.js';
import { REASON_LABEL, simulationText } from '../../model/forwarding-status.js';
import { SAMPLING_REASONS } from '../../../../shared/sampling/types.js';
import { formatCount } from '../../model/format.js';

const FIELD_LABEL: Record<MatchField, string> = {
  service: 'service',
  spanName: 'span name',
  attribute: 'attribute',
};
const MODE_LABEL: Record<MatchMode, string> = {
  exact: 'equals',
  prefix: 'starts with',
  regex: 'matches regex',
};

function RuleList({
  list,
  rules,
  onChange,
}: {
  list: 'include' | 'exclude';
  rules: MatchRule[];
  onChange(rules: MatchRule[]): void;
}) {
  const set = (i: number, patch: Partial<MatchRule>) =>
    onChange(rules.map((r, j) => (j === i ? { ...r, ...patch } : r)));
  return (
    <div className="field">
      <span className="field-label">
        {list === 'include' ? 'Always keep traces where any span…' : 'Never send traces where any span…'}
      </span>
      {rules.map((r, i) => {
        const err = matchRuleError(r);
        return (
          <div key={i}>
            <div className="rule-row">
              <select
                aria-label={`${list} ${i + 1} field`}
                value={r.field}
                onChange={(e) => set(i, { field: e.target.value as MatchField })}
              >
                {(Object.keys(FIELD_LABEL) as MatchField[]).map((f) => (
                  <option key={f} value={f}>
                    {FIELD_LABEL[f]}
                  </option>
                ))}
              </select>
              {r.field === 'attribute' && (
                <input
                  type="text"
                  aria-label={`${list} ${i + 1} attribute key`}
                  placeholder="http.route"
                  value={r.key ?? ''}
                  onChange={(e) => set(i, { key: e.target.value })}
                />
              )}
              <select
                aria-label={`${list} ${i + 1} match`}
                value={r.match ?? 'exact'}
                onChange={(e) => set(i, { match: e.target.value as MatchMode })}
              >
                {(Object.keys(MODE_LABEL) as MatchMode[]).map((m) => (
                  <option key={m} value={m}>
                    {MODE_LABEL[m]}
                  </option>
                ))}
              </select>
              <input
                type="text"
                aria-label={`${list} ${i + 1} value`}
                placeholder={list === 'exclude' ? '/health' : 'checkout'}
                value={r.value}
                onChange={(e) => set(i, { value: e.target.value })}
                aria-invalid={!!err}
              />
              <button
                type="button"
                className="btn btn-small"
                aria-label={`Remove ${list} rule ${i + 1}`}
                onClick={() => onChange(rules.filter((_, j) => j !== i))}
              >
                ✕
              </button>
            </div>
            {err && <div className="field-error">{err}</div>}
          </div>
        );
      })}
      <button
        type="button"
        className="btn btn-small"
        onClick={() => onChange([...rules, { field: 'spanName', value: '', match: 'exact' }])}
      >
        + {list === 'include' ? 'Include' : 'Exclude'} rule
      </button>
    </div>
  );
}

export function SamplingControls() {
  const saved = useApp((s) => s.forwarding?.sampling);
  const draft = useApp((s) => s.samplingDraft);
  const reset = useApp((s) => s.resetSamplingDraft);
  const update = useApp((s) => s.updateSamplingDraft);
  const save = useApp((s) => s.saveSampling);
  const setAuto = useApp((s) => s.setAutoForward);
  const sim = useApp((s) => s.simulation);
  const simulating = useApp((s) => s.simulating);
  const simError = useApp((s) => s.simulationError);
  const saving = useApp((s) => s.samplingSaving);
  const enabledTargets = useApp((s) => s.forwarding?.targets.filter((t) => t.enabled).length ?? 0);
  useEffect(() => {
    if (saved && !draft) reset();
  }, [saved, draft, reset]);
  if (!saved || !draft) return <p className="dim">Loading the sampling rules…</p>;
  const problems = rulesErrors(draft);
  const changed = rulesChanged(draft, saved);

  return (
    <div className="sampling-controls">
      <div className={`auto-switch ${saved.enabled ? 'auto-on' : ''}`}>
        <label className="switch">
          <input
            type="checkbox"
            checked={saved.enabled}
            disabled={saving}
            aria-label="Automatic forwarding"
            onChange={(e) => void setAuto(e.target.checked)}
          />
          <span className="switch-track" aria-hidden="true" />
        </label>
        <div>
          <b>Automatic forwarding {saved.enabled ? 'on' : 'off'}</b>
          <div className="small" data-testid="auto-statement">
            {saved.enabled
              ? autoForwardStatement(saved, enabledTargets)
              : `Off: nothing is sent unless you select traces and press Send. When on: ${autoForwardStatement(saved, enabledTargets)}`}
            {enabledTargets === 0 && ' No target is enabled, so nothing would go out.'}
          </div>
        </div>
      </div>

      <div className="sim-line" role="status" aria-live="polite" data-testid="simulation">
        {simError ? (
          <span className="status-error">{simError}</span>
        ) : sim ? (
          <>
            <b>{simulationText(sim)}</b>
            {simulating && <span className="dim"> · updating…</span>}
            <span className="dim small">
              {' '}
              ·{' '}
              {SAMPLING_REASONS.filter((r) => (sim.byReason[r] ?? 0) > 0)
                .map((r) => `${REASON_LABEL[r]} ${formatCount(sim.byReason[r])}`)
                .join(' · ')}
            </span>
          </>
        ) : (
          <span className="dim">Simulating…</span>
        )}
      </div>

      <label className="field field-inline">
        <input
          type="checkbox"
          checked={draft.keepErrors}
          onChange={(e) => update({ keepErrors: e.target.checked })}
        />
        Keep every trace with an error (status ERROR on any span)
      </label>

      <div className="field field-inline">
        <label className="field-inline">
          <input
            type="checkbox"
            checked={draft.latencyThresholdMs !== null}
            onChange={(e) => update({ latencyThresholdMs: e.target.checked ? 1000 : null })}
          />
          Keep traces slower than
        </label>
        <input
          type="number"
          min={0}
          step={50}
          className="num-input"
          aria-label="Latency threshold in ms"
          disabled={draft.latencyThresholdMs === null}
          value={draft.latencyThresholdMs ?? ''}
          onChange={(e) => update({ latencyThresholdMs: e.target.value === '' ? 0 : Number(e.target.value) })}
        />{' '}
        ms
      </div>

      <label className="field">
        <span className="field-label">
          Keep <b data-testid="percentage">{draft.percentage}%</b> of the other traces (by trace ID, so the
          same trace always gets the same answer)
        </span>
        <input
          type="range"
          min={0}
          max={100}
          step={1}
          aria-label="Percentage of other traces kept"
          value={draft.percentage}
          onChange={(e) => update({ percentage: Number(e.target.value) })}
        />
      </label>

      <RuleList list="include" rules={draft.include} onChange={(include) => update({ include })} />
      <RuleList list="exclude" rules={draft.exclude} onChange={(exclude) => update({ exclude })} />

      <div className="form-actions">
        <button
          type="button"
          className="btn btn-primary"
          disabled={!changed || problems.length > 0 || saving}
          onClick={() => void save()}
        >
          {saving ? 'Saving…' : 'Save rules'}
        </button>
        <button type="button" className="btn" disabled={!changed} onClick={reset}>
          Revert
        </button>
        {changed && <span className="dim small">Unsaved: the simulator shows the draft.</span>}
      </div>
    </div>
  );
}
