// The raw envelope forwarding would POST for the selected event, with Copy (and Copy all).
import type { Preview } from '../../model/sentry-view.js';
import { envelopeFor, formatBytes } from '../../model/sentry-view.js';
import { CopyButton } from '../CopyButton.js';

export function EnvelopeBox({ preview, pointer }: { preview: Preview; pointer: string }) {
  const env = envelopeFor(preview, pointer);
  if (!env) return null;
  const all = preview.envelopes.map((e) => e.text).join('\n');
  return (
    <section className="sentry-section" aria-label="Envelope">
      <div className="sentry-section-head">
        <h3>Envelope</h3>
        <span className="dim small">
          {env.itemType} item · payload {formatBytes(env.payloadBytes)} · exactly what forwarding POSTs
          (before gzip; <code>sent_at</code> and event IDs aside)
        </span>
        <span className="spacer" />
        <CopyButton text={env.text} label="Copy envelope" />
        {preview.envelopes.length > 1 && (
          <CopyButton text={all} label={`Copy all ${preview.envelopes.length} envelopes`} />
        )}
      </div>
      <pre className="raw envelope" aria-label="Envelope text">
        {env.text}
      </pre>
    </section>
  );
}
