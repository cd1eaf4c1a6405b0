// End to end: a real inspector with the real delivery service, forwarding over loopback to the fake Sentry
// server (test/helpers/fake-sentry.ts), which checks auth, parses every envelope and validates each event.
import { createServer } from 'node:net';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type {
  ForwardingResponse,
  ForwardResponse,
  StatsResponse,
  TargetTestResponse,
  TraceResponse,
} from '../../../../shared/api/contract.js';
import { routes } from '../../../../shared/api/contract.js';
import type { RunningInspector } from '../../../../electron/core/inspector.js';
import { startFakeSentry, type FakeSentry } from '../../../helpers/fake-sentry.js';
import { batch, callApi, startTestInspector, traces } from './fixtures.js';

let inspector: RunningInspector;
let sentry: FakeSentry;
let key: string;
/** Every API response body and every console / stderr line of the test. */
let seen: string[];
const restore: (() => void)[] = [];

beforeEach(async () => {
  seen = [];
  sentry = await startFakeSentry();
  key = sentry.projects[0]!.publicKey;
  for (const method of ['log', 'info', 'warn', 'error', 'debug'] as const) {
    const spy = vi.spyOn(console, method).mockImplementation((...args: unknown[]) => {
      seen.push(args.map((a) => (a instanceof Error ? `${a.message} ${a.stack}` : String(a))).join(' '));
    });
    restore.push(() => spy.mockRestore());
  }
  const write = process.stderr.write.bind(process.stderr);
  process.stderr.write = ((chunk: string | Uint8Array, ...rest: never[]) => {
    seen.push(String(chunk));
    return write(chunk, ...rest);
  }) as typeof process.stderr.write;
  restore.push(() => {
    process.stderr.write = write;
  });
  inspector = await startTestInspector();
});
afterEach(async () => {
  await inspector.close();
  await sentry.close();
  for (const r of restore.splice(0)) r();
  const leaks = seen.filter((s) => s.includes(key));
  expect(leaks).toEqual([]);
});

async function call<T>(method: string, path: string, body?: unknown): Promise<T> {
  return (await callApi<T>(inspector, seen, method, path, body)).body;
}

async function until(predicate: () => Promise<boolean>): Promise<void> {
  for (let i = 0; i < 400; i++) {
    if (await predicate()) return;
    await new Promise((r) => setTimeout(r, 25));
  }
  throw new Error('condition not reached in 10 s');
}

async function closedPort(): Promise<number> {
  const s = createServer();
  await new Promise<void>((r) => s.listen({ host: '127.0.0.1', port: 0 }, () => r()));
  const port = (s.address() as { port: number }).port;
  await new Promise((r) => s.close(r));
  return port;
}

describe('forwarding to a (fake) Sentry', () => {
  it('selective send delivers exactly the chosen traces, once, and the status says so', async () => {
    await call('PUT', routes.forwardingTarget('dev'), { kind: 'sentry-envelope', dsn: sentry.dsn() });
    const t = traces(5);
    inspector.store.ingest(batch(t.spans));
    const chosen = [t.ids[1]!, t.ids[3]!];
    const r = await call<ForwardResponse>('POST', routes.forward(), { traceIds: chosen });
    const eventIds = r.traces.flatMap((x) => x.targets.flatMap((y) => y.eventIds));
    expect(eventIds.length).toBeGreaterThan(1);
    await until(async () => {
      const fw = await call<ForwardingResponse>('GET', routes.forwarding());
      return fw.status.counters.queued === 0;
    });
    expect(sentry.invalid).toEqual([]);
    expect([...sentry.eventIds()].sort()).toEqual([...eventIds].sort());
    const receivedTraces = new Set(
      sentry.envelopes.map((e) => (e.header.trace as { trace_id: string } | undefined)?.trace_id),
    );
    expect([...receivedTraces].sort()).toEqual([...chosen].sort());
    const again = await call<ForwardResponse>('POST', routes.forward(), { traceIds: chosen });
    expect(again.traces.map((x) => x.targets[0]!.outcome)).toEqual(['already-sent', 'already-sent']);
    const trace = await call<TraceResponse>('GET', routes.trace(chosen[0]!));
    expect(trace.summary.forwarding).toMatchObject({
      state: 'sent',
      targets: [{ targetId: 'dev', state: 'sent' }],
    });
    const fw = await call<ForwardingResponse>('GET', routes.forwarding());
    expect(fw.status.counters).toMatchObject({ queued: 0, failed: 0, dropped: 0, sent: eventIds.length });
    expect(fw.status.targets[0]!.lastSuccessAt).toBeGreaterThan(0);
    const stats = await call<StatsResponse>('GET', routes.stats());
    expect(stats.forwarding?.counters.sent).toBe(eventIds.length);
    expect(sentry.eventIds().length).toBe(eventIds.length);
  });

  it('sentry-otlp and otlp-http targets send OTLP the receiving side decodes span for span', async () => {
    await call('PUT', routes.forwardingTarget('s-otlp'), { kind: 'sentry-otlp', dsn: sentry.dsn() });
    await call('PUT', routes.forwardingTarget('jaeger'), { kind: 'otlp-http', url: sentry.otlpHttpUrl });
    const t = traces(3);
    inspector.store.ingest(batch(t.spans));
    const r = await call<ForwardResponse>('POST', routes.forward(), { traceIds: t.ids });
    expect(r.traces.flatMap((x) => x.targets.map((y) => y.outcome))).toEqual(Array(6).fill('queued'));
    await until(
      async () => (await call<ForwardingResponse>('GET', routes.forwarding())).status.counters.queued === 0,
    );
    expect(sentry.invalid).toEqual([]);
    for (const project of ['1', 'otlp-http']) {
      const received = sentry.otlp.filter((o) => o.projectId === project).flatMap((o) => o.spans);
      for (const id of t.ids)
        expect(received.filter((s) => s.traceId === id)).toEqual(inspector.store.getTrace(id)!.spans);
    }
  });

  it('automatic mode: completed traces the rules keep (errors here) reach Sentry, the rest do not', async () => {
    await inspector.close();
    inspector = await startTestInspector({ limits: { idleTimeoutMs: 50 } });
    await call('PUT', routes.forwardingTarget('dev'), { kind: 'sentry-envelope', dsn: sentry.dsn() });
    await call('PUT', routes.forwardingSampling(), { enabled: true, percentage: 0 });
    const t = traces(20);
    const failing = t.ids.filter((id) => t.byId.get(id)!.some((s) => s.status.code === 2));
    expect(failing.length).toBeGreaterThan(0);
    inspector.store.ingest(batch(t.spans));
    await until(async () => {
      const fw = await call<ForwardingResponse>('GET', routes.forwarding());
      return (
        fw.status.sampler.decisions === 20 &&
        failing.every((id) => inspector.store.getSummary(id)?.forwarding?.state === 'sent')
      );
    });
    const fw = await call<ForwardingResponse>('GET', routes.forwarding());
    expect(fw.status.sampler).toMatchObject({ kept: failing.length, dropped: 20 - failing.length });
    const received = new Set(
      sentry.envelopes.map((e) => (e.header.trace as { trace_id: string } | undefined)?.trace_id),
    );
    expect([...received].sort()).toEqual([...failing].sort());
    expect(sentry.invalid).toEqual([]);
  });

  it('a 403 (unknown project) gives a clear message in the test, the target and the trace', async () => {
    const dsn = sentry.dsn().replace(/\/1$/, '/999');
    await call('PUT', routes.forwardingTarget('wrong'), { kind: 'sentry-envelope', dsn });
    const test = await call<TargetTestResponse>('POST', routes.forwardingTargetTest('wrong'));
    expect(test).toMatchObject({ ok: false, stage: 'project', httpStatus: 403 });
    expect(test.message).toContain('does not know this project');
    const t = traces(1);
    inspector.store.ingest(batch(t.spans));
    await call('POST', routes.forward(), { traceIds: t.ids });
    await until(
      async () => (await call<ForwardingResponse>('GET', routes.forwarding())).status.counters.failed > 0,
    );
    const fw = await call<ForwardingResponse>('GET', routes.forwarding());
    expect(fw.status.targets[0]!.lastError).toMatchObject({ httpStatus: 403 });
    expect(fw.status.targets[0]!.lastError!.bodyExcerpt).toContain('ProjectId');
    const trace = await call<TraceResponse>('GET', routes.trace(t.ids[0]!));
    expect(trace.summary.forwarding).toMatchObject({ state: 'failed', targets: [{ httpStatus: 403 }] });
  });

  it('an unreachable host gives a clear message; a bad DSN is refused naming the field', async () => {
    const port = await closedPort();
    await call('PUT', routes.forwardingTarget('down'), {
      kind: 'sentry-envelope',
      dsn: `http://${key}@127.0.0.1:${port}/1`,
    });
    const test = await call<TargetTestResponse>('POST', routes.forwardingTargetTest('down'));
    expect(test).toMatchObject({ ok: false, stage: 'tcp' });
    expect(test.message).toMatch(/refused|not reach|connect/i);
    const bad = await call<{ error: string }>('PUT', routes.forwardingTarget('bad'), {
      kind: 'sentry-envelope',
      dsn: `https://${key}@o1.ingest.sentry.io`,
    });
    expect(bad.error).toContain('dsn (projectId)');
  });
});
