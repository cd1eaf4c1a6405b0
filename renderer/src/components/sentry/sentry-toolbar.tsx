// Profile switch and the mapping options as toggles. Each toggle is one named option of the mapping
// engine; changing one refetches the preview with it as a query parameter (the slice remembers them).
import { useApp } from '../../state/store.js';
import { OPTION_DESCRIPTIONS, OPTION_NAMES, type OptionName } from '../../../../shared/sentry/options.js';
import type { SentryProfile } from '../../../../shared/sentry/preview.js';
import type { Preview } from '../../model/sentry-view.js';
import { differencesByOption } from '../../model/sentry-view.js';
import { OPTION_LABELS } from '../../model/option-labels.js';
import { PreviewTargetPicker } from '../forwarding/preview-target-picker.js';
import { plural } from '../../model/format.js';

const PROFILES: { id: SentryProfile; label: string; title: string }[] = [
  {
    id: 'collector',
    label: 'Collector exporter',
    title: "The OpenTelemetry Collector's Sentry exporter: transactions and error events sent as envelopes",
  },
  {
    id: 'sentry-otlp',
    label: 'Sentry OTLP endpoint',
    title: "Sentry's own OTLP endpoint: spans grouped into segments; span events are dropped",
  },
];

export function SentryToolbar({ preview }: { preview: Preview | null }) {
  const profile = useApp((s) => s.sentryProfile);
  const overrides = useApp((s) => s.sentryOverrides);
  const setProfile = useApp((s) => s.setSentryProfile);
  const setOption = useApp((s) => s.setSentryOption);
  const reset = useApp((s) => s.resetSentryOptions);
  const counts = preview ? differencesByOption(preview) : new Map<OptionName, number>();
  const changed = Object.keys(overrides).some((k) => overrides[k as OptionName] === false);
  // Previewing for a forwarding target: the target's settings decide, so the tab's own toggles step aside.
  const forTarget = useApp((s) => s.previewTargetId !== null);
  if (forTarget)
    return (
      <div className="sentry-toolbar">
        <PreviewTargetPicker />
      </div>
    );
  return (
    <div className="sentry-toolbar">
      <PreviewTargetPicker />
      <div className="segmented" role="radiogroup" aria-label="Sentry profile">
        {PROFILES.map((p) => (
          <button
            type="button"
            key={p.id}
            role="radio"
            aria-checked={profile === p.id}
            className={`segmented-btn ${profile === p.id ? 'segmented-on' : ''}`}
            title={p.title}
            onClick={() => setProfile(p.id)}
          >
            {p.label}
          </button>
        ))}
      </div>
      {profile === 'collector' && (
        <div className="sentry-options" role="group" aria-label="Mapping options">
          <span
            className="dim small"
            title="Each option is an improvement over the classic exporter; all off = classic"
          >
            Options
          </span>
          {OPTION_NAMES.map((name) => {
            const on = overrides[name] ?? preview?.options[name] ?? true;
            const n = counts.get(name) ?? 0;
            return (
              <label
                key={name}
                className={`opt-toggle ${on ? 'opt-on' : ''}`}
                title={`${OPTION_DESCRIPTIONS[name]}${on && n ? ` (${n} ${plural(n, 'field')} differ from classic)` : ''}`}
              >
                <input
                  type="checkbox"
                  checked={on}
                  aria-label={`Option ${name}`}
                  onChange={(e) => setOption(name, e.target.checked)}
                />
                <span className="opt-label">{OPTION_LABELS[name]}</span>
                <span className="opt-id mono">{name}</span>
              </label>
            );
          })}
          <button
            type="button"
            className="btn btn-small"
            disabled={!changed}
            onClick={reset}
            title="Turn every option back on (the defaults)"
          >
            Reset
          </button>
        </div>
      )}
    </div>
  );
}
