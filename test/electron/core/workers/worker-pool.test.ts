// The worker pool under vitest runs the TypeScript worker entry through tsx (the compiled .js sibling is
// checked from dist/ by test/electron/core/workers/dist-worker.test.ts). Starting a worker from sources
// takes a second or two (tsx compiles the mapping modules in it), so tests share pools where they can.
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import {
  WorkerPool,
  WorkerPoolBusyError,
  WorkerTaskError,
} from '../../../../electron/core/workers/worker-pool.js';
import { makeSpan } from '../store/fixtures.js';

const pools: WorkerPool[] = [];
function pool(options?: ConstructorParameters<typeof WorkerPool>[0]): WorkerPool {
  const p = new WorkerPool(options);
  pools.push(p);
  return p;
}
afterEach(async () => {
  for (const p of pools.splice(0)) await p.close();
});
const shared = new WorkerPool({ size: 1 });
afterAll(() => shared.close());

describe('WorkerPool', () => {
  it('runs a task in a worker thread and returns its result', async () => {
    expect(await shared.run('spin', { ms: 1, value: { a: [1, 'x'] } })).toEqual({ a: [1, 'x'] });
  });

  it('keeps the event loop free while a task computes for 400 ms', async () => {
    const p = shared;
    await p.run('spin', { ms: 1, value: null }); // worker started and warm
    const h = monitorEventLoopDelay({ resolution: 5 });
    h.enable();
    const ticks: number[] = [];
    const timer = setInterval(() => ticks.push(performance.now()), 10);
    await p.run('spin', { ms: 400, value: null });
    clearInterval(timer);
    h.disable();
    // Inline, the loop would have stalled for 400 ms and the timer fired about once.
    expect(ticks.length).toBeGreaterThan(10);
    expect(h.max / 1e6).toBeLessThan(200);
  });

  it('maps a Sentry preview to UTF-8 JSON with the cut lint first', async () => {
    const spans = [makeSpan({ trace: 1, span: 1 })];
    const cut = {
      spans: { kept: 1, of: 2 },
      cutSpans: [],
      cutSpanCount: 0,
      budget: { maxSpans: 1, maxBytes: 1000, maxSpanBytes: 1000 },
    };
    const bytes = await shared.run('sentry-preview', { spans, request: {}, cut });
    expect(bytes).toBeInstanceOf(Uint8Array);
    const preview = JSON.parse(new TextDecoder().decode(bytes)) as { lints: { code: string }[] };
    expect(preview.lints[0]!.code).toBe('preview-cut');
  });

  it("rejects with the task's error name and message", async () => {
    const err = await shared
      .run('sentry-preview', { spans: [], request: { profile: 'nope' as never }, cut: null })
      .catch((e: unknown) => e);
    expect(err).toBeInstanceOf(WorkerTaskError);
    expect(err).toMatchObject({ errorName: 'PreviewRequestError', taskName: 'sentry-preview' });
    expect((err as Error).message).toMatch(/unknown profile "nope"/);
  });

  it('queues jobs beyond its workers and refuses past the queue bound', async () => {
    const p = pool({ size: 1, maxQueued: 2 });
    const running = [1, 2, 3].map((v) => p.run('spin', { ms: 50, value: v }));
    await expect(p.run('spin', { ms: 1, value: 4 })).rejects.toBeInstanceOf(WorkerPoolBusyError);
    expect(await Promise.all(running)).toEqual([1, 2, 3]);
  });

  it('fails the jobs still pending when closed', async () => {
    const p = pool({ size: 1 });
    const job = p.run('spin', { ms: 300, value: 1 }).catch((e: unknown) => e);
    const queued = p.run('spin', { ms: 1, value: 2 }).catch((e: unknown) => e);
    await new Promise((r) => setTimeout(r, 50));
    await p.close();
    expect(String(await job)).toMatch(/closed before the job finished/);
    expect(String(await queued)).toMatch(/closed before the job finished/);
    await expect(p.run('spin', { ms: 1, value: 3 })).rejects.toThrow(/closed/);
  });
});
