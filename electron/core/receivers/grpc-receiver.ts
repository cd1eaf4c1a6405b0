// OTLP/gRPC receiver: opentelemetry.proto.collector.trace.v1.TraceService/Export on @grpc/grpc-js, with a
// hand-written service definition (no proto-loader): the request arrives as raw bytes and goes straight
// to our decoder. grpc-js itself handles gzip/deflate (grpc-encoding) and answers RESOURCE_EXHAUSTED for
// messages over the limit, compressed or after decompression.
import * as grpc from '@grpc/grpc-js';
import { OtlpDecodeError } from '../../../shared/otlp/errors.js';
import { decodeTraceRequestProtobuf } from '../../../shared/otlp/protobuf-traces.js';
import { encodeExportResponse } from '../../../shared/otlp/responses.js';
import type { IngestSink } from '../ingest.js';
import { bindHosts, DEFAULT_HOSTS, formatHostPort, type RunningServer } from '../net/listen.js';

const TRACE_EXPORT_PATH = '/opentelemetry.proto.collector.trace.v1.TraceService/Export';
const DEFAULT_MAX_RECEIVE_MESSAGE_BYTES = 64 * 1024 * 1024;

interface GrpcReceiverOptions {
  hosts?: readonly string[];
  port: number;
  /** After decompression too (the spec recommends 64 MiB). */
  maxReceiveMessageBytes?: number;
  sink: IngestSink;
}

// grpc-js logs a bind failure to stderr on its own ("No address added out of total 1 resolved") before
// handing us the error we turn into one clean PortInUseError line; drop that duplicate, keep the rest.
grpc.setLogger({
  error: (...args: unknown[]) => {
    if (/No address added out of total/.test(args.map(String).join(' '))) return;
    console.error(...args);
  },
});

const asBuffer = (b: Buffer) => b;
const toBuffer = (b: Uint8Array) => Buffer.from(b.buffer, b.byteOffset, b.byteLength);

const traceServiceDefinition: grpc.ServiceDefinition = {
  Export: {
    path: TRACE_EXPORT_PATH,
    requestStream: false,
    responseStream: false,
    requestSerialize: asBuffer,
    requestDeserialize: asBuffer,
    responseSerialize: toBuffer,
    responseDeserialize: asBuffer,
  },
};

/** One Export call: bytes in, partial success or a status out. Exported for tests of the mapping alone. */
function handleExport(
  sink: IngestSink,
  request: Buffer,
): { error: grpc.ServiceError | null; response?: Uint8Array } {
  let batch;
  try {
    batch = decodeTraceRequestProtobuf(request);
  } catch (err) {
    if (err instanceof OtlpDecodeError) {
      sink.recordBadRequest();
      return {
        error: serviceError(
          grpc.status.INVALID_ARGUMENT,
          `cannot decode ExportTraceServiceRequest: ${err.message}`,
        ),
      };
    }
    // A decoder bug must not take the receiver down: the client gets INTERNAL and we log it.
    console.error('otlp/grpc: unexpected decoder failure', err);
    sink.recordBadRequest();
    return { error: serviceError(grpc.status.INTERNAL, 'internal error while decoding the request') };
  }
  if (batch.spans.length === 0 && batch.rejected.length === 0)
    return { error: null, response: encodeExportResponse() };
  let result;
  try {
    result = sink.ingest(batch);
  } catch (err) {
    console.error('otlp/grpc: the span store failed', err);
    return { error: serviceError(grpc.status.INTERNAL, 'internal error while storing the spans') };
  }
  return {
    error: null,
    response: encodeExportResponse({
      rejectedSpans: result.rejectedSpans,
      errorMessage: result.errorMessage,
    }),
  };
}

function serviceError(code: grpc.status, details: string): grpc.ServiceError {
  return Object.assign(new Error(details), { code, details, metadata: new grpc.Metadata() });
}

export async function startGrpcReceiver(opts: GrpcReceiverOptions): Promise<RunningServer> {
  const max = opts.maxReceiveMessageBytes ?? DEFAULT_MAX_RECEIVE_MESSAGE_BYTES;
  const server = new grpc.Server({
    'grpc.max_receive_message_length': max,
    // Our responses are tiny; keep grpc-js' default send limit.
  });
  server.addService(traceServiceDefinition, {
    Export: (call: grpc.ServerUnaryCall<Buffer, Uint8Array>, callback: grpc.sendUnaryData<Uint8Array>) => {
      const { error, response } = handleExport(opts.sink, call.request);
      if (error) callback(error);
      else callback(null, response);
    },
  });

  const bound: string[] = [];
  const credentials = grpc.ServerCredentials.createInsecure();
  const { port, addresses } = await bindHosts({
    hosts: opts.hosts ?? DEFAULT_HOSTS,
    port: opts.port,
    protocol: 'OTLP/gRPC',
    bind: (host, port) =>
      new Promise((resolve, reject) => {
        server.bindAsync(formatHostPort(host, port), credentials, (err, actual) => {
          if (err) reject(err);
          else {
            bound.push(formatHostPort(host, actual));
            resolve(actual);
          }
        });
      }),
    reset: async () => {
      for (const addr of bound.splice(0)) server.unbind(addr);
    },
  });

  let closed: Promise<void> | undefined;
  return {
    port,
    addresses,
    close() {
      closed ??= new Promise<void>((resolve) => {
        const timer = setTimeout(() => {
          server.forceShutdown();
          resolve();
        }, 2000);
        timer.unref();
        server.tryShutdown(() => {
          clearTimeout(timer);
          resolve();
        });
      });
      return closed;
    },
  };
}
