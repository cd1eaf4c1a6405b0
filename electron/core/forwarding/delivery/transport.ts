// One HTTP attempt: gzip the body, POST it with the target's headers,
// read the answer, give up after the timeout. Returns what happened; outcome.ts decides what it means.
// This file holds the fetch flavour (used when a fetchImpl is injected); node-http.ts the default one.
import { gzip, gzipSync } from 'node:zlib';
import { promisify } from 'node:util';
import type { DeliveryClock } from './clock.js';
import type { AttemptResult } from './outcome.js';

const gzipAsync = promisify(gzip);

const USER_AGENT = 'otel-sentry-inspector/0.1.0';

/** Bodies up to this size are compressed on the event loop; larger ones in libuv's pool. */
const SYNC_GZIP_MAX = 64 * 1024;
/** zlib level 1: a 5 KB envelope compresses in ~30 µs instead of ~60 µs at the default level, for ~10 %
 *  more bytes; at thousands of envelopes a second, CPU is the limit, not bandwidth. */
const GZIP = { level: 1 };

/**
 * gzip for Content-Encoding. Small bodies synchronously: the async API costs ~5× the CPU for a 5 KB
 * envelope (stream set-up and the thread hop, measured with process.cpuUsage), while a large OTLP batch
 * would hold the event loop for milliseconds, so it goes to the pool.
 */
export function gzipBody(body: Uint8Array): Promise<Uint8Array> {
  return body.length <= SYNC_GZIP_MAX ? Promise.resolve(gzipSync(body, GZIP)) : gzipAsync(body, GZIP);
}

export interface PostRequest {
  url: string;
  headers: Record<string, string>;
  contentType: string;
  /** Already gzipped. */
  body: Uint8Array;
  timeoutMs: number;
  /** Aborts the attempt from outside (service closing). */
  signal?: AbortSignal;
}

/** Reads only this much of a response body: an excerpt is all anyone needs. */
const MAX_RESPONSE_CHARS = 8192;

/** The headers of every attempt: the target's, then ours (ours win: delivery owns the body's encoding). */
export function requestHeaders(req: PostRequest): Record<string, string> {
  return {
    ...req.headers,
    'content-type': req.contentType,
    'content-encoding': 'gzip',
    'user-agent': USER_AGENT,
  };
}

/** One attempt with a fetch implementation (when the service was given one). */
export async function post(
  fetchImpl: typeof fetch,
  clock: DeliveryClock,
  req: PostRequest,
): Promise<AttemptResult> {
  const ac = new AbortController();
  let timedOut = false;
  const timer = clock.setTimeout(() => {
    timedOut = true;
    ac.abort();
  }, req.timeoutMs);
  const onOuterAbort = () => ac.abort();
  req.signal?.addEventListener('abort', onOuterAbort);
  try {
    const res = await fetchImpl(req.url, {
      method: 'POST',
      headers: requestHeaders(req),
      // A view, not a copy (fetch's types want an ArrayBuffer-backed array; gzip's Buffer is one).
      body: new Uint8Array(req.body.buffer as ArrayBuffer, req.body.byteOffset, req.body.byteLength),
      signal: ac.signal,
    });
    const text = await res.text();
    const headers: Record<string, string> = {};
    res.headers.forEach((v, k) => (headers[k.toLowerCase()] = v));
    return { kind: 'response', status: res.status, headers, body: text.slice(0, MAX_RESPONSE_CHARS) };
  } catch (e) {
    if (timedOut) return { kind: 'timeout', timeoutMs: req.timeoutMs };
    return networkResult(e);
  } finally {
    clock.clearTimeout(timer);
    req.signal?.removeEventListener('abort', onOuterAbort);
  }
}

/** fetch hides the socket error in `cause` (sometimes two levels deep). */
export function networkResult(e: unknown): AttemptResult {
  let cur: unknown = e;
  for (let depth = 0; depth < 4 && cur && typeof cur === 'object'; depth++) {
    const code = (cur as { code?: unknown }).code;
    if (typeof code === 'string')
      return { kind: 'network', code, message: String((cur as Error).message ?? code) };
    cur = (cur as { cause?: unknown }).cause;
  }
  return { kind: 'network', message: e instanceof Error ? e.message : String(e) };
}
