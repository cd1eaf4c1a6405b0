// Minimal raw clients for receiver tests: full control of HTTP headers and body framing, and a grpc-js
// client that sends raw bytes to TraceService/Export with a chosen compression.
import * as grpc from '@grpc/grpc-js';
import { request, type Agent, type OutgoingHttpHeaders } from 'node:http';

export interface RawResponse {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: Buffer;
}

export interface RawRequest {
  port: number;
  host?: string;
  path?: string;
  method?: string;
  headers?: OutgoingHttpHeaders;
  /** Sent with Content-Length unless `chunks` is given. */
  body?: Uint8Array | string;
  /** Sent chunked (no Content-Length), one write per chunk. */
  chunks?: (Uint8Array | string)[];
  agent?: Agent;
}

export function httpRequest(r: RawRequest): Promise<RawResponse> {
  return new Promise((resolve, reject) => {
    const headers: OutgoingHttpHeaders = { ...r.headers };
    if (r.body !== undefined && headers['content-length'] === undefined) {
      headers['content-length'] = Buffer.byteLength(r.body);
    }
    const req = request(
      {
        host: r.host ?? '127.0.0.1',
        port: r.port,
        path: r.path ?? '/v1/traces',
        method: r.method ?? 'POST',
        headers,
        agent: r.agent,
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () =>
          resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks) }),
        );
        res.on('error', reject);
      },
    );
    req.on('error', reject);
    if (r.chunks) {
      for (const c of r.chunks) req.write(c);
      req.end();
    } else req.end(r.body);
  });
}

interface GrpcResult {
  code: number;
  details: string;
  response?: Buffer;
}

const TRACE_EXPORT = '/opentelemetry.proto.collector.trace.v1.TraceService/Export';

/** Sends raw request bytes to TraceService/Export. compression: 0 none, 1 deflate, 2 gzip. */
export async function grpcExport(
  port: number,
  payload: Uint8Array,
  opts: { compression?: 0 | 1 | 2; path?: string; host?: string } = {},
): Promise<GrpcResult> {
  const client = new grpc.Client(`${opts.host ?? '127.0.0.1'}:${port}`, grpc.credentials.createInsecure(), {
    'grpc.default_compression_algorithm': opts.compression ?? 0,
    'grpc.max_send_message_length': -1,
  });
  try {
    return await new Promise<GrpcResult>((resolve) => {
      client.makeUnaryRequest(
        opts.path ?? TRACE_EXPORT,
        (b: Buffer) => b,
        (b: Buffer) => b,
        Buffer.from(payload),
        { deadline: Date.now() + 20_000 },
        (err, response) => {
          if (err) resolve({ code: err.code, details: err.details });
          else resolve({ code: 0, details: '', response: response ?? Buffer.alloc(0) });
        },
      );
    });
  } finally {
    client.close();
  }
}
