// The live stream: Server-Sent Events from GET /api/v1/stream. EventSource cannot send headers, so the
// token rides in the query string. On error we close and reconnect with backoff ourselves (the browser's
// own retry gives up for good on an HTTP error) and report the state so the UI can say "disconnected".
import { routes, type StreamMessage } from '../../../shared/api/contract.js';

export type StreamState = 'connecting' | 'open' | 'disconnected';

interface StreamHandlers {
  onMessage(msg: StreamMessage): void;
  onState(state: StreamState, retryInMs?: number): void;
}

export interface EventSourceLike {
  onopen: ((ev: Event) => unknown) | null;
  onmessage: ((ev: MessageEvent) => unknown) | null;
  onerror: ((ev: Event) => unknown) | null;
  close(): void;
}

interface StreamOptions {
  token: string;
  createSource?: (url: string) => EventSourceLike;
  setTimer?: (fn: () => void, ms: number) => unknown;
  clearTimer?: (t: unknown) => void;
}

/** Backoff after the n-th consecutive failure (1-based): 0.5 s, 1 s, 2 s, 4 s, then 5 s. */
export function retryDelay(failures: number): number {
  return Math.min(5000, 500 * 2 ** Math.max(0, failures - 1));
}

export function streamUrl(token: string): string {
  return `${routes.stream()}?token=${encodeURIComponent(token)}`;
}

/** Connects and keeps reconnecting until the returned function is called. */
export function connectStream(handlers: StreamHandlers, opts: StreamOptions): () => void {
  const create = opts.createSource ?? ((url: string) => new EventSource(url));
  const setTimer = opts.setTimer ?? ((fn, ms) => setTimeout(fn, ms));
  const clearTimer = opts.clearTimer ?? ((t) => clearTimeout(t as ReturnType<typeof setTimeout>));
  let source: EventSourceLike | null = null;
  let timer: unknown = null;
  let failures = 0;
  let stopped = false;

  const open = () => {
    timer = null;
    if (stopped) return;
    handlers.onState('connecting');
    const src = create(streamUrl(opts.token));
    source = src;
    src.onopen = () => {
      failures = 0;
      handlers.onState('open');
    };
    src.onmessage = (ev) => {
      let msg: StreamMessage;
      try {
        msg = JSON.parse(String(ev.data)) as StreamMessage;
      } catch {
        return; // A malformed message is skipped, never fatal.
      }
      handlers.onMessage(msg);
    };
    src.onerror = () => {
      if (source !== src || stopped) return;
      src.close();
      source = null;
      failures++;
      const wait = retryDelay(failures);
      handlers.onState('disconnected', wait);
      timer = setTimer(open, wait);
    };
  };
  open();
  return () => {
    stopped = true;
    if (timer !== null) clearTimer(timer);
    source?.close();
    source = null;
  };
}
