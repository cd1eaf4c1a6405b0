import { createServer, type Server } from 'node:net';
import type { RunningServer } from '../../../../electron/core/net/listen.js';
import { afterEach, describe, expect, it } from 'vitest';
import { startGrpcReceiver } from '../../../../electron/core/receivers/grpc-receiver.js';
import { startHttpReceiver } from '../../../../electron/core/receivers/http-receiver.js';
import { bindHosts, PortInUseError } from '../../../../electron/core/net/listen.js';
import { encodeTraceRequest } from '../../../helpers/otlp-proto.js';
import { oneSpanRequest } from '../../../helpers/otlp-payloads.js';
import { grpcExport, httpRequest } from '../../../helpers/otlp-clients.js';
import { RecordingSink } from '../../../helpers/otlp-sink.js';

const running: { close(): Promise<void> }[] = [];
afterEach(async () => {
  await Promise.all(running.splice(0).map((r) => r.close()));
});

function occupy(host: string): Promise<{ port: number; close(): Promise<void> }> {
  return new Promise((resolve) => {
    const server: Server = createServer().listen(0, host, () => {
      const handle = {
        port: (server.address() as { port: number }).port,
        close: () => new Promise<void>((r) => server.close(() => r())),
      };
      running.push(handle);
      resolve(handle);
    });
  });
}

describe('listeners', () => {
  it('binds 127.0.0.1 and ::1 on one OS-picked port by default (HTTP), and both answer', async () => {
    const sink = new RecordingSink();
    const r = await startHttpReceiver({ port: 0, sink });
    running.push(r);
    expect(r.port).toBeGreaterThan(0);
    expect(r.addresses).toEqual([`127.0.0.1:${r.port}`, `[::1]:${r.port}`]);
    for (const host of ['127.0.0.1', '::1']) {
      const res = await httpRequest({
        port: r.port,
        host,
        headers: { 'content-type': 'application/x-protobuf' },
        body: encodeTraceRequest(oneSpanRequest()),
      });
      expect(res.status).toBe(200);
    }
    expect(sink.spans.length).toBe(2);
  });

  it('binds both loopback addresses for gRPC and both answer', async () => {
    const sink = new RecordingSink();
    const r: RunningServer = await startGrpcReceiver({ port: 0, sink });
    running.push(r);
    expect(r.addresses).toEqual([`127.0.0.1:${r.port}`, `[::1]:${r.port}`]);
    expect((await grpcExport(r.port, encodeTraceRequest(oneSpanRequest()), { host: '[::1]' })).code).toBe(0);
    expect((await grpcExport(r.port, encodeTraceRequest(oneSpanRequest()))).code).toBe(0);
    expect(sink.spans.length).toBe(2);
  });

  it.each([
    ['OTLP/HTTP', startHttpReceiver],
    ['OTLP/gRPC', startGrpcReceiver],
  ] as const)(
    '%s: a port in use gives PortInUseError naming port, host and protocol',
    async (protocol, start) => {
      const taken = await occupy('127.0.0.1');
      const err = await start({ hosts: ['127.0.0.1'], port: taken.port, sink: new RecordingSink() }).then(
        (r) => {
          running.push(r);
          return null;
        },
        (e: unknown) => e,
      );
      expect(err).toBeInstanceOf(PortInUseError);
      expect(err).toMatchObject({ port: taken.port, host: '127.0.0.1', protocol });
      expect((err as Error).message).toBe(`${protocol} port ${taken.port} is already in use on 127.0.0.1`);
    },
  );

  it('releases the first address when the second one is taken', async () => {
    const taken = await occupy('::1');
    await expect(startHttpReceiver({ port: taken.port, sink: new RecordingSink() })).rejects.toMatchObject({
      host: '::1',
      port: taken.port,
    });
    // 127.0.0.1 on that port must be free again.
    const r = await startHttpReceiver({ hosts: ['127.0.0.1'], port: taken.port, sink: new RecordingSink() });
    running.push(r);
    expect(r.port).toBe(taken.port);
  });

  it('skips ::1 quietly when the machine has no IPv6 loopback', async () => {
    const bound: string[] = [];
    const result = await bindHosts({
      hosts: ['127.0.0.1', '::1'],
      port: 0,
      protocol: 'test',
      bind: async (host, port) => {
        if (host === '::1')
          throw Object.assign(new Error('listen EADDRNOTAVAIL: address not available ::1'), {
            code: 'EADDRNOTAVAIL',
          });
        bound.push(host);
        return port || 40000;
      },
      reset: async () => {},
    });
    expect(result).toEqual({ port: 40000, addresses: ['127.0.0.1:40000'] });
  });

  it('fails for an address the user asked for that this machine does not have', async () => {
    await expect(
      startHttpReceiver({ hosts: ['192.0.2.1'], port: 0, sink: new RecordingSink() }),
    ).rejects.toThrow(/EADDRNOTAVAIL/);
  });

  it('retries with a new port when port 0 picked one that is taken on the second host', async () => {
    let calls = 0;
    const result = await bindHosts({
      hosts: ['a', 'b'],
      port: 0,
      protocol: 'test',
      bind: async (host, port) => {
        calls++;
        if (host === 'a') return 41000 + calls;
        if (calls < 3) throw Object.assign(new Error('EADDRINUSE'), { code: 'EADDRINUSE' });
        return port;
      },
      reset: async () => {},
    });
    expect(result.addresses).toEqual([`a:${result.port}`, `b:${result.port}`]);
  });
});
