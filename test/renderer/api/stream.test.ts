import { describe, expect, it } from 'vitest';
import {
  connectStream,
  retryDelay,
  streamUrl,
  type EventSourceLike,
} from '../../../renderer/src/api/stream.js';

class FakeSource implements EventSourceLike {
  onopen: ((ev: Event) => unknown) | null = null;
  onmessage: ((ev: MessageEvent) => unknown) | null = null;
  onerror: ((ev: Event) => unknown) | null = null;
  closed = false;
  constructor(readonly url: string) {}
  close() {
    this.closed = true;
  }
}

function harness() {
  const sources: FakeSource[] = [];
  const timers: { fn: () => void; ms: number }[] = [];
  const states: string[] = [];
  const messages: unknown[] = [];
  const stop = connectStream(
    {
      onMessage: (m) => messages.push(m),
      onState: (s, ms) => states.push(ms === undefined ? s : `${s}:${ms}`),
    },
    {
      token: 'a b',
      createSource: (u) => {
        const s = new FakeSource(u);
        sources.push(s);
        return s;
      },
      setTimer: (fn, ms) => timers.push({ fn, ms }),
      clearTimer: () => undefined,
    },
  );
  return { sources, timers, states, messages, stop };
}

describe('live stream', () => {
  it('puts the token in the query string (EventSource cannot send headers)', () => {
    expect(streamUrl('a b')).toBe('/api/v1/stream?token=a%20b');
    expect(harness().sources[0]!.url).toBe('/api/v1/stream?token=a%20b');
  });
  it('parses messages and skips malformed ones', () => {
    const h = harness();
    h.sources[0]!.onmessage!({ data: '{"type":"hello"}' } as MessageEvent);
    h.sources[0]!.onmessage!({ data: 'not json' } as MessageEvent);
    expect(h.messages).toEqual([{ type: 'hello' }]);
  });
  it('reports disconnected and reconnects with growing backoff, resetting after a success', () => {
    const h = harness();
    h.sources[0]!.onopen!(new Event('open'));
    h.sources[0]!.onerror!(new Event('error'));
    expect(h.sources[0]!.closed).toBe(true);
    h.timers.shift()!.fn();
    h.sources[1]!.onerror!(new Event('error'));
    expect(h.timers[0]!.ms).toBe(1000);
    h.timers.shift()!.fn();
    h.sources[2]!.onopen!(new Event('open'));
    expect(h.states).toEqual([
      'connecting',
      'open',
      'disconnected:500',
      'connecting',
      'disconnected:1000',
      'connecting',
      'open',
    ]);
  });
  it('stops for good when told to', () => {
    const h = harness();
    h.stop();
    expect(h.sources[0]!.closed).toBe(true);
    h.sources[0]!.onerror!(new Event('error'));
    expect(h.timers).toEqual([]);
  });
  it.each([
    [1, 500],
    [2, 1000],
    [4, 4000],
    [10, 5000],
  ])('retry %d waits %d ms', (n, ms) => {
    expect(retryDelay(n)).toBe(ms);
  });
});
