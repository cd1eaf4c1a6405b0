// The raw envelope forwarding would POST for the selected event (one envelope per event), with Copy.
import type { Preview } from '../../model/sentry-view.js';
import { envelopeFor, envelopeShown } from '../../model/sentry-view.js';
import { formatBytes } from '../../model/format.js';
import { CopyButton } from '../copy-button.js';

export function EnvelopeBox({ preview, pointer }: { preview: Preview; pointer: string }) {
  const env = envelopeFor(preview, pointer);
  if (!env) return null;
  const index = preview.envelopes.indexOf(env);
  const { shown, hidden } = envelopeShown(env.text);
  return (
    <section className="sentry-section" aria-label="Envelope">
      <div className="sentry-section-head">
        <h3>Envelope</h3>
        <span className="dim small">
          {index + 1} of {preview.envelopes.length} · {env.itemType} item · payload{' '}
          {formatBytes(env.payloadBytes)} · exactly what forwarding POSTs (before gzip; <code>sent_at</code>{' '}
          and event IDs aside)
        </span>
        <span className="spacer" />
        <CopyButton text={env.text} label="Copy envelope" />
      </div>
      <pre className="raw envelope" aria-label="Envelope text">
        {shown}
      </pre>
      {hidden > 0 && (
        <div className="dim small envelope-more">
          {hidden.toLocaleString('en')} more characters not shown; Copy copies the whole envelope.
        </div>
      )}
    </section>
  );
}
