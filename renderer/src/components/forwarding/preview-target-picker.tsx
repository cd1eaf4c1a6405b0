// The Sentry tab's "Preview for": its own toggles, or a forwarding target (its profile, options,
// environment, release, DSN and resource rules), so the preview is what that target will receive.
import { useApp } from '../../state/store.js';
import { previewableTargets, targetOptions, targetProfile } from '../../model/preview-target.js';
import { OPTION_NAMES } from '../../../../shared/sentry/options.js';

export function PreviewTargetPicker() {
  const all = useApp((s) => s.forwarding?.targets);
  const targets = previewableTargets(all);
  const chosen = useApp((s) => s.previewTargetId);
  const setTarget = useApp((s) => s.setPreviewTarget);
  if (targets.length === 0) return null;
  const t = targets.find((x) => x.id === chosen);
  const off = t ? OPTION_NAMES.filter((n) => !targetOptions(t)[n]) : [];
  return (
    <div className="preview-target">
      <label className="field-inline">
        <span className="dim small">Preview for</span>
        <select
          aria-label="Preview for target"
          value={chosen ?? ''}
          onChange={(e) => setTarget(e.target.value || null)}
        >
          <option value="">these settings</option>
          {targets.map((x) => (
            <option key={x.id} value={x.id}>
              target {x.name || x.id}
            </option>
          ))}
        </select>
      </label>
      {t && (
        <span className="dim small" data-testid="preview-target-facts">
          {targetProfile(t) === 'collector' ? 'collector exporter' : 'Sentry OTLP endpoint'}
          {t.environment ? ` · environment ${t.environment}` : ''}
          {t.release ? ` · release ${t.release}` : ''}
          {t.resourceRules.length ? ` · ${t.resourceRules.length} resource rule(s)` : ''}
          {targetProfile(t) === 'collector' &&
            (off.length ? ` · options off: ${off.join(', ')}` : ' · all options on')}
        </span>
      )}
    </div>
  );
}
