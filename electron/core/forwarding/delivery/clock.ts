// Time for delivery: "now" for timestamps and rate-limit deadlines, and timers for backoff, batching and
// request timeouts. Injected as one object so a test can run everything on a faster clock (now and timers
// scaled by the same factor) instead of waiting for real backoffs.
export interface DeliveryClock {
  now(): number;
  setTimeout(fn: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

export const realClock: DeliveryClock = {
  now: () => Date.now(),
  setTimeout: (fn, ms) => {
    const t = setTimeout(fn, ms);
    // Delivery timers must never keep a CLI process alive on their own.
    t.unref();
    return t;
  },
  clearTimeout: (h) => clearTimeout(h as NodeJS.Timeout),
};
