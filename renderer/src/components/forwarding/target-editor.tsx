// The target form: kind, name, DSN (checked as typed, the wrong part named) or URL + headers, the
// collector options, environment, release and resource rules. Save, or Save and test connection.
import { useApp } from '../../state/store.js';
import {
  FORWARD_TARGET_KINDS,
  RESOURCE_ACTIONS,
  type ForwardTargetKind,
  type ResourceAction,
} from '../../../../shared/forwarding/target-types.js';
import { OPTION_DESCRIPTIONS, OPTION_NAMES } from '../../../../shared/sentry/options.js';
import {
  formDsnCheck,
  formErrors,
  hasErrors,
  isMaskedValue,
  KIND_HELP,
  KIND_LABEL,
  isSentryKind,
  type HeaderRow,
  type ResourceRuleRow,
} from '../../model/target-form.js';
import { TestResult } from './test-result.js';

function FieldError({ id, text }: { id: string; text: string | undefined }) {
  return text ? (
    <div id={id} className="field-error" role="alert">
      {text}
    </div>
  ) : null;
}

export function TargetEditor() {
  const form = useApp((s) => s.targetForm);
  const update = useApp((s) => s.updateTargetForm);
  const save = useApp((s) => s.saveTargetForm);
  const saveAndTest = useApp((s) => s.saveAndTestTargetForm);
  const cancel = useApp((s) => s.cancelTargetForm);
  const saving = useApp((s) => s.targetSaving);
  const saveError = useApp((s) => s.targetSaveError);
  const test = useApp((s) => (form?.id ? s.targetTests[form.id] : undefined));
  if (!form) return null;
  const errors = formErrors(form);
  const dsn = formDsnCheck(form);
  const blocked = hasErrors(errors) || saving;
  const setHeaders = (headers: HeaderRow[]) => update({ headers });
  const setRules = (resourceRules: ResourceRuleRow[]) => update({ resourceRules });

  return (
    <form
      className="target-editor"
      aria-label={form.id ? `Edit target ${form.name || form.id}` : 'New target'}
      onSubmit={(e) => {
        e.preventDefault();
        if (!blocked) void save();
      }}
    >
      <h3>{form.id ? `Edit ${form.name || form.id}` : 'New target'}</h3>
      <div className="field">
        <span className="field-label" id="target-kind-label">
          Kind
        </span>
        <div className="segmented" role="radiogroup" aria-labelledby="target-kind-label">
          {FORWARD_TARGET_KINDS.map((k: ForwardTargetKind) => (
            <button
              type="button"
              key={k}
              role="radio"
              aria-checked={form.kind === k}
              className={`segmented-btn ${form.kind === k ? 'segmented-on' : ''}`}
              title={KIND_HELP[k]}
              onClick={() => update({ kind: k })}
            >
              {KIND_LABEL[k]}
            </button>
          ))}
        </div>
        <div className="field-help">{KIND_HELP[form.kind]}</div>
      </div>

      <label className="field">
        <span className="field-label">Name</span>
        <input
          type="text"
          value={form.name}
          aria-label="Target name"
          placeholder={isSentryKind(form.kind) ? 'Dev project' : 'Jaeger'}
          onChange={(e) => update({ name: e.target.value })}
          aria-invalid={!!errors.name}
        />
        <FieldError id="target-name-error" text={errors.name} />
      </label>

      {isSentryKind(form.kind) && (
        <label className="field">
          <span className="field-label">DSN</span>
          <input
            type="text"
            className="mono"
            value={form.dsn}
            aria-label="DSN"
            spellCheck={false}
            autoComplete="off"
            placeholder="https://<public key>@o0.ingest.sentry.io/<project ID>"
            onChange={(e) => update({ dsn: e.target.value })}
            aria-invalid={dsn?.state === 'error'}
            aria-describedby="target-dsn-status"
          />
          <div
            id="target-dsn-status"
            className={dsn?.state === 'error' ? 'field-error' : 'field-help'}
            role={dsn?.state === 'error' ? 'alert' : undefined}
            data-testid="dsn-status"
          >
            {dsn?.message}
          </div>
        </label>
      )}

      {form.kind === 'otlp-http' && (
        <>
          <label className="field">
            <span className="field-label">URL</span>
            <input
              type="text"
              className="mono"
              value={form.url}
              aria-label="URL"
              placeholder="http://localhost:4318/v1/traces"
              onChange={(e) => update({ url: e.target.value })}
              aria-invalid={!!errors.url}
            />
            <FieldError id="target-url-error" text={errors.url} />
          </label>
          <div className="field">
            <span className="field-label">Headers</span>
            {form.headers.map((h, i) => (
              <div className="rule-row" key={i}>
                <input
                  type="text"
                  aria-label={`Header ${i + 1} name`}
                  placeholder="Authorization"
                  value={h.name}
                  onChange={(e) =>
                    setHeaders(form.headers.map((x, j) => (j === i ? { ...x, name: e.target.value } : x)))
                  }
                />
                <input
                  type="text"
                  aria-label={`Header ${i + 1} value`}
                  placeholder={isMaskedValue(h.value) ? '(saved, hidden)' : 'value'}
                  value={h.value}
                  onChange={(e) =>
                    setHeaders(form.headers.map((x, j) => (j === i ? { ...x, value: e.target.value } : x)))
                  }
                />
                <button
                  type="button"
                  className="btn btn-small"
                  aria-label={`Remove header ${i + 1}`}
                  onClick={() => setHeaders(form.headers.filter((_, j) => j !== i))}
                >
                  ✕
                </button>
              </div>
            ))}
            <button
              type="button"
              className="btn btn-small"
              onClick={() => setHeaders([...form.headers, { name: '', value: '' }])}
            >
              + Header
            </button>
            <FieldError id="target-headers-error" text={errors.headers} />
          </div>
        </>
      )}

      {form.kind === 'sentry-envelope' && (
        <>
          <div className="field-pair">
            <label className="field">
              <span className="field-label">Environment</span>
              <input
                type="text"
                value={form.environment}
                aria-label="Environment"
                placeholder="from deployment.environment"
                onChange={(e) => update({ environment: e.target.value })}
                aria-invalid={!!errors.environment}
              />
              <FieldError id="target-env-error" text={errors.environment} />
            </label>
            <label className="field">
              <span className="field-label">Release</span>
              <input
                type="text"
                value={form.release}
                aria-label="Release"
                placeholder="from service.version"
                onChange={(e) => update({ release: e.target.value })}
                aria-invalid={!!errors.release}
              />
              <FieldError id="target-release-error" text={errors.release} />
            </label>
          </div>
          <fieldset className="field">
            <legend className="field-label">Collector profile options</legend>
            <div className="sentry-options">
              {OPTION_NAMES.map((name) => (
                <label
                  key={name}
                  className={`opt-toggle ${form.options[name] !== false ? 'opt-on' : ''}`}
                  title={OPTION_DESCRIPTIONS[name]}
                >
                  <input
                    type="checkbox"
                    checked={form.options[name] !== false}
                    aria-label={`Target option ${name}`}
                    onChange={(e) => {
                      const { [name]: _drop, ...rest } = form.options;
                      update({ options: e.target.checked ? rest : { ...rest, [name]: false } });
                    }}
                  />
                  {name}
                </label>
              ))}
            </div>
          </fieldset>
        </>
      )}

      <div className="field">
        <span className="field-label">Resource rules</span>
        <div className="field-help">
          Like the collector’s resource processor: applied to what this target receives (and its preview).
        </div>
        {form.resourceRules.map((r, i) => (
          <div className="rule-row" key={i}>
            <select
              aria-label={`Rule ${i + 1} action`}
              value={r.action}
              onChange={(e) =>
                setRules(
                  form.resourceRules.map((x, j) =>
                    j === i ? { ...x, action: e.target.value as ResourceAction } : x,
                  ),
                )
              }
            >
              {RESOURCE_ACTIONS.map((a) => (
                <option key={a} value={a}>
                  {a}
                </option>
              ))}
            </select>
            <input
              type="text"
              aria-label={`Rule ${i + 1} key`}
              placeholder="deployment.environment"
              value={r.key}
              onChange={(e) =>
                setRules(form.resourceRules.map((x, j) => (j === i ? { ...x, key: e.target.value } : x)))
              }
            />
            {r.action !== 'delete' && (
              <input
                type="text"
                aria-label={`Rule ${i + 1} value`}
                placeholder="value"
                value={r.value}
                onChange={(e) =>
                  setRules(form.resourceRules.map((x, j) => (j === i ? { ...x, value: e.target.value } : x)))
                }
              />
            )}
            <button
              type="button"
              className="btn btn-small"
              aria-label={`Remove rule ${i + 1}`}
              onClick={() => setRules(form.resourceRules.filter((_, j) => j !== i))}
            >
              ✕
            </button>
          </div>
        ))}
        <button
          type="button"
          className="btn btn-small"
          onClick={() => setRules([...form.resourceRules, { key: '', action: 'upsert', value: '' }])}
        >
          + Rule
        </button>
        <FieldError id="target-rules-error" text={errors.resourceRules} />
      </div>

      <label className="field field-inline">
        <input
          type="checkbox"
          checked={form.enabled}
          onChange={(e) => update({ enabled: e.target.checked })}
        />
        Enabled (gets automatically forwarded traces)
      </label>

      {saveError && (
        <div className="field-error" role="alert">
          {saveError}
        </div>
      )}
      <div className="form-actions">
        <button type="submit" className="btn btn-primary" disabled={blocked}>
          {saving ? 'Saving…' : 'Save'}
        </button>
        <button
          type="button"
          className="btn"
          disabled={blocked || !!test?.pending}
          onClick={() => void saveAndTest()}
          title="Save, then send an envelope with only a client report: nothing appears in Sentry"
        >
          {test?.pending ? 'Testing…' : 'Save and test connection'}
        </button>
        <button type="button" className="btn" onClick={cancel}>
          Close
        </button>
      </div>
      {test && <TestResult test={test} />}
    </form>
  );
}
