// Mutated payloads through the running receivers: every answer is 200 or 400 (gRPC: OK or
// INVALID_ARGUMENT), never a 5xx or a dropped connection, and valid exports still work afterwards.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  startGrpcReceiver,
  type RunningReceiver,
} from '../../../../electron/core/receivers/grpc-receiver.js';
import { startHttpReceiver } from '../../../../electron/core/receivers/http-receiver.js';
import { mutateBytes, mutateJsonStructure, mutateJsonText } from '../../../helpers/otlp-fuzz.js';
import { encodeTraceRequest } from '../../../helpers/otlp-proto.js';
import { prng, realisticRequest, toOtlpJson } from '../../../helpers/otlp-payloads.js';
import { grpcExport, httpRequest } from '../../../helpers/otlp-clients.js';
import { RecordingSink } from '../../../helpers/otlp-sink.js';

describe('receiver fuzzing', () => {
  const sink = new RecordingSink();
  let http: RunningReceiver;
  let grpc: RunningReceiver;
  const request = realisticRequest(10, 42);
  const proto = encodeTraceRequest(request);
  const json = JSON.stringify(toOtlpJson(request));

  beforeAll(async () => {
    http = await startHttpReceiver({ hosts: ['127.0.0.1'], port: 0, sink });
    grpc = await startGrpcReceiver({ hosts: ['127.0.0.1'], port: 0, sink });
  });
  afterAll(async () => {
    await http.close();
    await grpc.close();
  });

  it('HTTP: 300 mutated protobuf and JSON bodies get 200 or 400', async () => {
    const rand = prng(7);
    const statuses = new Map<number, number>();
    for (let i = 0; i < 300; i++) {
      const kind = i % 3;
      const res =
        kind === 0
          ? await httpRequest({
              port: http.port,
              headers: { 'content-type': 'application/x-protobuf' },
              body: mutateBytes(rand, proto),
            })
          : await httpRequest({
              port: http.port,
              headers: { 'content-type': 'application/json' },
              body:
                kind === 1 ? mutateJsonText(rand, json) : JSON.stringify(mutateJsonStructure(rand, request)),
            });
      statuses.set(res.status, (statuses.get(res.status) ?? 0) + 1);
    }
    expect([...statuses.keys()].sort()).toEqual([200, 400]);
    const ok = await httpRequest({
      port: http.port,
      headers: { 'content-type': 'application/x-protobuf' },
      body: proto,
    });
    expect(ok.status).toBe(200);
  });

  it('gRPC: 150 mutated messages get OK or INVALID_ARGUMENT', async () => {
    const rand = prng(8);
    const codes = new Set<number>();
    for (let i = 0; i < 150; i++) codes.add((await grpcExport(grpc.port, mutateBytes(rand, proto))).code);
    expect([...codes].sort()).toEqual([0, 3]);
    expect((await grpcExport(grpc.port, proto)).code).toBe(0);
  });
});
