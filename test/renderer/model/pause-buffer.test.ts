import { describe, expect, it } from 'vitest';
import {
  bufferCleared,
  bufferDelta,
  bufferToDelta,
  emptyPauseBuffer,
  waitingCount,
} from '../../../renderer/src/model/pause-buffer.js';
import { makeSummary } from '../fixtures.js';

describe('pause buffer', () => {
  const inView = (id: string) => id === 'old';
  it('counts traces new since the pause, not updates to ones in view', () => {
    let b = emptyPauseBuffer();
    b = bufferDelta(
      b,
      { upserted: [makeSummary({ traceId: 'old' }), makeSummary({ traceId: 'n1' })], removed: [] },
      inView,
    );
    b = bufferDelta(
      b,
      {
        upserted: [makeSummary({ traceId: 'n1', revision: 2 }), makeSummary({ traceId: 'n2' })],
        removed: [],
      },
      inView,
    );
    expect(waitingCount(b)).toBe(2);
    expect(bufferToDelta(b).upserted.map((t) => [t.traceId, t.revision])).toEqual([
      ['old', 1],
      ['n1', 2],
      ['n2', 1],
    ]);
  });
  it('forgets traces evicted while paused', () => {
    let b = bufferDelta(
      emptyPauseBuffer(),
      { upserted: [makeSummary({ traceId: 'n1' })], removed: [] },
      inView,
    );
    b = bufferDelta(b, { upserted: [], removed: ['n1', 'old'] }, inView);
    expect(waitingCount(b)).toBe(0);
    expect(bufferToDelta(b)).toEqual({ upserted: [], removed: ['n1', 'old'] });
  });
  it('after a clear, counts every trace as new', () => {
    const b = bufferDelta(
      bufferCleared(),
      { upserted: [makeSummary({ traceId: 'old' })], removed: [] },
      inView,
    );
    expect(waitingCount(b)).toBe(1);
    expect(b.cleared).toBe(true);
  });
  it('does not count traces the filter rules out as waiting', () => {
    const b = bufferDelta(
      emptyPauseBuffer(),
      {
        upserted: [makeSummary({ traceId: 'ok', errorCount: 1 }), makeSummary({ traceId: 'no' })],
        removed: [],
      },
      inView,
      (t) => t.errorCount > 0,
    );
    expect(waitingCount(b)).toBe(1);
    expect(b.upserted.size).toBe(2);
  });
  it('does not mutate the buffer it is given', () => {
    const a = emptyPauseBuffer();
    bufferDelta(a, { upserted: [makeSummary({ traceId: 'x' })], removed: [] }, inView);
    expect(a.upserted.size).toBe(0);
  });
});
