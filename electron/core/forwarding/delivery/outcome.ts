// What one HTTP attempt means for the items it carried. Pure: the transport hands in what happened, this
// decides. Rules (reference/sentry-protocol.md, "Rate limiting" and "Transport"):
// - 2xx: delivered (acknowledged; removed from the outbox, never sent again);
// - 429: rate limited: the items wait until the limit of their category ends (Retry-After /
//   X-Sentry-Rate-Limits), other categories keep flowing;
// - 408 and 5xx, network errors, timeouts: transient: retried with backoff;
// - any other 4xx (400 bad envelope, 401/403 auth or unknown project, 404, 413 too large): permanent — the
//   same bytes would be refused again, so the items fail with the response body recorded.
import { bodyExcerpt, redact } from './redact.js';

export type AttemptResult =
  | { kind: 'response'; status: number; headers: Record<string, string>; body: string }
  | { kind: 'timeout'; timeoutMs: number }
  | { kind: 'network'; code?: string; message: string };

type Outcome =
  | { kind: 'delivered'; status: number }
  | { kind: 'rate-limited'; status: number }
  | { kind: 'retry'; reason: string; status?: number; bodyExcerpt?: string; retryAfterMs?: number }
  | { kind: 'permanent'; reason: string; status: number; bodyExcerpt: string };

const STATUS_WORDS: Record<number, string> = {
  400: 'bad request: Sentry refused the envelope',
  401: 'unauthorized: the DSN key was refused',
  403: 'forbidden: the key is not allowed for this project, or the project does not exist',
  404: 'not found: wrong endpoint or unknown project',
  408: 'request timeout',
  413: 'payload too large',
  500: 'server error',
  502: 'bad gateway',
  503: 'service unavailable',
  504: 'gateway timeout',
};

const NETWORK_WORDS: Record<string, string> = {
  ECONNREFUSED: 'connection refused (nothing listens there)',
  ECONNRESET: 'connection reset by the server',
  ENOTFOUND: 'host name not found (DNS)',
  EAI_AGAIN: 'DNS lookup failed temporarily',
  ETIMEDOUT: 'connection timed out',
  EHOSTUNREACH: 'host unreachable',
  ENETUNREACH: 'network unreachable',
  EPIPE: 'connection closed while sending',
  UND_ERR_SOCKET: 'connection closed by the server',
  UND_ERR_CONNECT_TIMEOUT: 'connection timed out',
};

export function statusWords(status: number): string {
  return STATUS_WORDS[status] ?? (status >= 500 ? 'server error' : 'refused');
}

export function networkWords(code: string | undefined, message: string): string {
  return (code && NETWORK_WORDS[code]) ?? message;
}

/** Retry-After in ms (seconds or an HTTP date), or undefined when absent or unreadable. */
export function retryAfterMs(value: string | undefined, now: number): number | undefined {
  if (!value) return undefined;
  const secs = Number(value.trim());
  if (Number.isFinite(secs) && secs >= 0) return secs * 1000;
  const date = Date.parse(value);
  return Number.isNaN(date) ? undefined : Math.max(0, date - now);
}

export function classifyAttempt(
  r: AttemptResult,
  secrets: readonly string[] | undefined,
  now: number,
): Outcome {
  if (r.kind === 'timeout') return { kind: 'retry', reason: `timed out after ${r.timeoutMs} ms` };
  if (r.kind === 'network')
    return { kind: 'retry', reason: redact(`network error: ${networkWords(r.code, r.message)}`, secrets) };
  const { status } = r;
  if (status >= 200 && status < 300) return { kind: 'delivered', status };
  if (status === 429) return { kind: 'rate-limited', status };
  const excerpt = bodyExcerpt(r.body, secrets);
  const reason = `HTTP ${status} ${statusWords(status)}`;
  if (status === 408 || status >= 500) {
    const out: Outcome = { kind: 'retry', reason, status, bodyExcerpt: excerpt };
    const after = retryAfterMs(r.headers['retry-after'], now);
    if (after !== undefined) out.retryAfterMs = after;
    return out;
  }
  return { kind: 'permanent', reason, status, bodyExcerpt: excerpt };
}
