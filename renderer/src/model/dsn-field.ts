// The DSN field of the forwarding form, checked as it is typed with the same parser the core uses
// (shared/sentry/dsn.ts), so the UI never accepts what the core would refuse. The error says which part
// is wrong (scheme, public key, host, port, project ID) in the words a user reads on the screen.
import {
  DsnError,
  envelopeEndpoint,
  otlpTracesEndpoint,
  parseDsn,
  type DsnField,
} from '../../../shared/sentry/dsn.js';
import type { ForwardTargetKind } from '../../../shared/api/contract.js';

/** The mask the core puts in place of a saved key (shared/forwarding/targets.ts). */
export const KEY_MASK = '****';

export type DsnCheck =
  | { state: 'empty'; message: string }
  /** The saved DSN shown masked, unchanged: the core keeps the stored key. */
  | { state: 'kept'; message: string }
  | { state: 'ok'; message: string; endpoint: string }
  | { state: 'error'; field: DsnField; label: string; message: string };

/** What each part is called on screen. */
const DSN_FIELD_LABEL: Record<DsnField, string> = {
  dsn: 'DSN',
  protocol: 'scheme',
  publicKey: 'public key',
  secretKey: 'secret key',
  host: 'host',
  port: 'port',
  path: 'path',
  projectId: 'project ID',
};

/**
 * Checks the DSN text. `saved` is the masked DSN the API returned for this target (or null for a new one):
 * sending it back unchanged keeps the stored key, which the UI never holds.
 */
export function checkDsnField(text: string, kind: ForwardTargetKind, saved: string | null): DsnCheck {
  const value = text.trim();
  if (value === '')
    return { state: 'empty', message: "Paste the project's DSN: https://<public key>@<host>/<project ID>" };
  if (saved !== null && value === saved)
    return { state: 'kept', message: 'Saved DSN (the key is hidden). Paste a new DSN to replace it.' };
  if (value.includes(KEY_MASK))
    return {
      state: 'error',
      field: 'publicKey',
      label: DSN_FIELD_LABEL.publicKey,
      message:
        'public key: the saved key is hidden (****) and cannot be edited in place; paste the whole DSN again',
    };
  try {
    const dsn = parseDsn(value);
    const endpoint = kind === 'sentry-otlp' ? otlpTracesEndpoint(dsn) : envelopeEndpoint(dsn);
    return { state: 'ok', message: `Sends to ${endpoint}`, endpoint };
  } catch (e) {
    const field = e instanceof DsnError ? e.field : 'dsn';
    const label = DSN_FIELD_LABEL[field];
    const msg = e instanceof Error ? e.message : String(e);
    return { state: 'error', field, label, message: field === 'dsn' ? msg : `${label}: ${msg}` };
  }
}
