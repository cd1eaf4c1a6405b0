// Seeded mutation fuzz of a running inspector (issue 8): a few thousand damaged OTLP payloads over HTTP
// (protobuf bytes, JSON text, JSON structure) and gRPC, mixed with valid exports of new traces into a small
// store so it evicts all along. Every answer must be a spec status (HTTP 200 or 400, gRPC OK or
// INVALID_ARGUMENT), nothing may crash, the store's counters must add up (received = stored + evicted +
// rejected; bad requests = the 400s and INVALID_ARGUMENTs) and memory must stay bounded.
import * as grpc from '@grpc/grpc-js';
import { Agent } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningInspector } from '../../../../electron/core/inspector.js';
import { startLocalInspector } from '../../../helpers/local-inspector.js';
import { mutateBytes, mutateJsonStructure, mutateJsonText } from '../../../helpers/otlp-fuzz.js';
import { encodeTraceRequest } from '../../../helpers/otlp-proto.js';
import { prng, realisticRequest, toOtlpJson } from '../../../helpers/otlp-payloads.js';
import { httpRequest } from '../../../helpers/otlp-clients.js';

const TRACE_EXPORT = '/opentelemetry.proto.collector.trace.v1.TraceService/Export';
const HTTP_CASES = 2400;
const GRPC_CASES = 900;
const PARALLEL = 8;
const LIMITS = { maxSpans: 400, maxBytes: 2 * 1024 * 1024 };

describe('fuzzing a running inspector', () => {
  let inspector: RunningInspector;
  let client: grpc.Client;
  const agent = new Agent({ keepAlive: true, maxSockets: PARALLEL });
  const request = realisticRequest(10, 42);
  const proto = encodeTraceRequest(request);
  const json = JSON.stringify(toOtlpJson(request));
  const statuses = new Map<number, number>();
  const codes = new Map<number, number>();
  const count = (m: Map<number, number>, k: number) => m.set(k, (m.get(k) ?? 0) + 1);

  beforeAll(async () => {
    inspector = await startLocalInspector({ limits: LIMITS });
    client = new grpc.Client(`127.0.0.1:${inspector.grpc.port}`, grpc.credentials.createInsecure());
  });
  afterAll(async () => {
    client.close();
    agent.destroy();
    await inspector.close();
  });

  function grpcExport(payload: Uint8Array): Promise<number> {
    return new Promise((resolve) => {
      client.makeUnaryRequest(
        TRACE_EXPORT,
        (b: Buffer) => b,
        (b: Buffer) => b,
        Buffer.from(payload),
        { deadline: Date.now() + 20_000 },
        (err) => resolve(err ? err.code : 0),
      );
    });
  }

  /** Runs `n` cases, PARALLEL at a time. */
  async function run(n: number, one: (i: number) => Promise<void>): Promise<void> {
    let next = 0;
    await Promise.all(
      Array.from({ length: PARALLEL }, async () => {
        while (next < n) await one(next++);
      }),
    );
  }

  it(`answers ${HTTP_CASES} HTTP and ${GRPC_CASES} gRPC mutated payloads by the spec, counters adding up`, async () => {
    const heapBefore = process.memoryUsage().heapUsed;
    const rand = prng(7);
    let validSeed = 1000;
    await run(HTTP_CASES, async (i) => {
      const kind = i % 4;
      const body =
        kind === 0
          ? mutateBytes(rand, proto)
          : kind === 1
            ? mutateJsonText(rand, json)
            : kind === 2
              ? JSON.stringify(mutateJsonStructure(rand, request))
              : encodeTraceRequest(realisticRequest(20, validSeed++)); // new traces: the store evicts
      const res = await httpRequest({
        port: inspector.http.port,
        agent,
        headers: {
          'content-type': kind === 0 || kind === 3 ? 'application/x-protobuf' : 'application/json',
        },
        body,
      });
      count(statuses, res.status);
    });
    await run(GRPC_CASES, async (i) => {
      const payload =
        i % 3 === 2 ? encodeTraceRequest(realisticRequest(20, validSeed++)) : mutateBytes(rand, proto);
      count(codes, await grpcExport(payload));
    });

    expect([...statuses.keys()].sort()).toEqual([200, 400]);
    expect([...codes.keys()].sort()).toEqual([grpc.status.OK, grpc.status.INVALID_ARGUMENT]);
    const c = inspector.store.counters();
    expect(c.received).toBe(c.stored + c.evicted + c.rejected);
    expect(c.badRequests).toBe(statuses.get(400)! + codes.get(grpc.status.INVALID_ARGUMENT)!);
    expect(c.evicted).toBeGreaterThan(0);
    // Bounded memory: the store keeps to its limits, and the process did not grow with the traffic.
    expect(c.stored).toBeLessThanOrEqual(LIMITS.maxSpans);
    expect(c.storedBytes).toBeLessThanOrEqual(LIMITS.maxBytes);
    expect(process.memoryUsage().heapUsed - heapBefore).toBeLessThan(256 * 1024 * 1024);
    // Still serving valid exports on both protocols.
    expect(
      (
        await httpRequest({
          port: inspector.http.port,
          headers: { 'content-type': 'application/x-protobuf' },
          body: proto,
        })
      ).status,
    ).toBe(200);
    expect(await grpcExport(proto)).toBe(grpc.status.OK);
  }, 60_000);
});
