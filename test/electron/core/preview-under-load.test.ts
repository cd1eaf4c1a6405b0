// Previews of huge traces while OTLP floods in (issue 8): the previews are cut to the preview budget and
// mapped in worker threads, and the traces themselves are written in slices, so receiving goes on. Before,
// one preview of a span with 200 000 attributes held the event loop for 5–6 s (far longer on a loaded
// machine) and no span was received meanwhile. The bound is the longest any one export may wait: well
// under one such preview, yet loose enough for a 2-core machine shared with other work (there, the
// scheduler alone can hold this process for a second or two; an idle machine answers in milliseconds).
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SentryOutcomeResponse } from '../../../shared/api/contract.js';
import { PREVIEW_BUDGET } from '../../../shared/sentry/preview-budget.js';
import type { RunningInspector } from '../../../electron/core/inspector.js';
import { startLocalInspector } from '../../helpers/local-inspector.js';
import { httpRequest } from '../../helpers/otlp-clients.js';
import { oneSpanJsonWith, oneSpanRequest, realisticRequest } from '../../helpers/otlp-payloads.js';
import { encodeTraceRequest } from '../../helpers/otlp-proto.js';

const PB = { 'content-type': 'application/x-protobuf' };

/** An OTLP/JSON request of one span with `n` attributes, in its own trace. */
function hugeSpanRequest(n: number, traceByte: number): { body: string; traceId: string } {
  const traceId = traceByte.toString(16).padStart(2, '0').repeat(16);
  const attributes = Array.from({ length: n }, (_, i) => ({
    key: `attr.${i}`,
    value: { stringValue: `v${i}` },
  }));
  return { body: oneSpanJsonWith({ traceId, attributes }), traceId };
}

describe('receiving while huge traces are previewed', () => {
  let inspector: RunningInspector;
  const hugeIds: string[] = [];
  let manySpansId = '';

  beforeAll(async () => {
    inspector = await startLocalInspector();
    for (const b of [0xa1, 0xa2]) {
      const { body, traceId } = hugeSpanRequest(200_000, b);
      const r = await httpRequest({
        port: inspector.http.port,
        headers: { 'content-type': 'application/json' },
        body,
      });
      expect(r.status).toBe(200);
      hugeIds.push(traceId);
    }
    // 6000 realistic spans, all moved into one trace.
    const many = realisticRequest(6000, 9) as {
      resourceSpans: { scopeSpans: { spans: { traceId: Uint8Array }[] }[] }[];
    };
    const oneTrace = new Uint8Array(16).fill(0xb7);
    for (const rs of many.resourceSpans)
      for (const ss of rs.scopeSpans) for (const span of ss.spans) span.traceId = oneTrace;
    const r = await httpRequest({ port: inspector.http.port, headers: PB, body: encodeTraceRequest(many) });
    expect(r.status).toBe(200);
    manySpansId = 'b7'.repeat(16);
    expect(inspector.store.getTraceSpans(manySpansId)).toHaveLength(6000);
  }, 60_000);
  afterAll(() => inspector.close());

  /** The preview's raw JSON: parsing tens of megabytes here would stall this (shared) event loop itself. */
  async function preview(traceId: string): Promise<Buffer> {
    const url = `${inspector.api.baseUrl.replace('localhost', '127.0.0.1')}/api/v1/traces/${traceId}/sentry`;
    const res = await fetch(url, { headers: { authorization: `Bearer ${inspector.token}` } });
    expect(res.status).toBe(200);
    return Buffer.from(await res.arrayBuffer());
  }

  /** GET /traces/{id} as raw bytes. */
  async function traceJson(traceId: string): Promise<Buffer> {
    const url = `${inspector.api.baseUrl.replace('localhost', '127.0.0.1')}/api/v1/traces/${traceId}`;
    const res = await fetch(url, { headers: { authorization: `Bearer ${inspector.token}` } });
    expect(res.status).toBe(200);
    return Buffer.from(await res.arrayBuffer());
  }

  /** The trace list's Sentry column for these traces (mapped in the pool too). */
  async function outcomes(ids: string[]): Promise<SentryOutcomeResponse> {
    const q = ids.map((id) => `traceId=${id}`).join('&');
    const url = `${inspector.api.baseUrl.replace('localhost', '127.0.0.1')}/api/v1/sentry/outcomes?${q}`;
    const res = await fetch(url, { headers: { authorization: `Bearer ${inspector.token}` } });
    expect(res.status).toBe(200);
    return (await res.json()) as SentryOutcomeResponse;
  }

  it('keeps OTLP receive latency low and answers cut previews with a lint', async () => {
    const flood = encodeTraceRequest(oneSpanRequest());
    const latencies: number[] = [];
    const loop = monitorEventLoopDelay({ resolution: 10 });
    let previewing = true;
    const previews = Promise.all([...hugeIds, manySpansId, ...hugeIds].map(preview));
    const listed = outcomes([...hugeIds, manySpansId]);
    // The traces themselves, tens of megabytes of JSON, written in slices.
    const traces = Promise.all([hugeIds[0]!, manySpansId].map(traceJson));
    void Promise.allSettled([previews, listed, traces]).finally(() => (previewing = false));
    loop.enable();
    while (previewing || latencies.length < 50) {
      const t0 = performance.now();
      const r = await httpRequest({ port: inspector.http.port, headers: PB, body: flood });
      latencies.push(performance.now() - t0);
      expect(r.status).toBe(200);
    }
    loop.disable();
    const answers = await previews;
    const column = await listed;
    const [hugeTrace, manyTrace] = await traces;
    expect(hugeTrace!.length).toBeGreaterThan(8 * 1024 * 1024);
    expect(hugeTrace!.includes('"key":"attr.199999"')).toBe(true);
    expect(manyTrace!.subarray(0, 11).toString()).toBe('{"summary":');
    expect(column.outcomes.map((o) => o.traceId)).toEqual([...hugeIds, manySpansId]);
    for (const o of column.outcomes) expect(o.lints).toBeGreaterThan(0); // the preview-cut lint at least

    for (const p of answers) expect(p.includes('"code":"preview-cut"')).toBe(true);
    expect(answers[0]!.includes('of 200000 attributes')).toBe(true);
    expect(answers[2]!.includes(`only the first ${PREVIEW_BUDGET.maxSpans} of 6000 spans`)).toBe(true);
    // What fits: well under the ~50 MB the uncut preview of a 200 000-attribute span answered.
    expect(answers[0]!.length).toBeLessThan(4 * 1024 * 1024);
    latencies.sort((a, b) => a - b);
    const max = latencies.at(-1)!;
    // Hundreds of exports got through while five previews ran (inline, none would have until they ended).
    expect(latencies.length).toBeGreaterThan(50);
    expect(max).toBeLessThan(4000);
    expect(loop.max / 1e6).toBeLessThan(4000);
  }, 60_000);
});
