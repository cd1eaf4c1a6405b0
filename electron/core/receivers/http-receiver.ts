// OTLP/HTTP receiver on node:http: POST /v1/traces with application/x-protobuf or application/json
// (opentelemetry-proto specification, "OTLP/HTTP"). The response uses the request's content type; errors
// carry a google.rpc.Status in that encoding. See http-guards.ts for CORS and the Host check.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { DecodedTraces } from '../../../shared/model/span.js';
import { OtlpDecodeError } from '../../../shared/otlp/errors.js';
import { decodeTraceRequestJson } from '../../../shared/otlp/json-traces.js';
import { decodeTraceRequestProtobuf } from '../../../shared/otlp/protobuf-traces.js';
import {
  encodeExportResponse,
  encodeRpcStatus,
  exportResponseJson,
  RpcCode,
  rpcStatusJson,
} from '../../../shared/otlp/responses.js';
import { drainRefusedRequest } from '../http/drain-request.js';
import type { IngestSink } from '../ingest.js';
import { isAllowedLoopbackHost, isLoopbackAddress, isLoopbackOrigin } from './http-guards.js';
import { bindHosts, DEFAULT_HOSTS, listenServer, type RunningServer } from '../net/listen.js';
import { BodyDecodeError, BodyTooLargeError, parseContentEncoding, readBody } from './read-body.js';

const TRACES_PATH = '/v1/traces';
const DEFAULT_MAX_BODY_BYTES = 64 * 1024 * 1024;

const PROTOBUF = 'application/x-protobuf';
const JSON_TYPE = 'application/json';
const ALLOW = 'POST, OPTIONS';

interface HttpReceiverOptions {
  hosts?: readonly string[];
  port: number;
  /** Cap on the raw body and, separately, on the decompressed body (413 beyond). */
  maxBodyBytes?: number;
  sink: IngestSink;
}

type Media = typeof PROTOBUF | typeof JSON_TYPE;

/** The media type without parameters (`application/json; charset=utf-8` → application/json). */
function mediaType(header: string | undefined): Media | null {
  const t = (header ?? '').split(';', 1)[0]!.trim().toLowerCase();
  return t === PROTOBUF || t === JSON_TYPE ? t : null;
}

function sendText(res: ServerResponse, status: number, text: string): void {
  res.statusCode = status;
  res.setHeader('Content-Type', 'text/plain; charset=utf-8');
  res.end(text);
}

function sendStatus(
  res: ServerResponse,
  media: Media | null,
  status: number,
  code: number,
  message: string,
): void {
  if (media === null) return sendText(res, status, message);
  res.statusCode = status;
  res.setHeader('Content-Type', media);
  res.end(
    media === PROTOBUF
      ? encodeRpcStatus({ code, message })
      : JSON.stringify(rpcStatusJson({ code, message })),
  );
}

/** The request handler, exported so tests can drive it on their own server if they need to. */
export function createOtlpHttpHandler(opts: { sink: IngestSink; maxBodyBytes: number; checkHost: boolean }) {
  const { sink, maxBodyBytes, checkHost } = opts;

  const handle = (req: IncomingMessage, res: ServerResponse): void => {
    const origin = req.headers.origin;
    if (isLoopbackOrigin(origin)) {
      res.setHeader('Access-Control-Allow-Origin', origin!);
      res.setHeader('Vary', 'Origin');
    }
    if (checkHost && !isAllowedLoopbackHost(req.headers.host)) {
      return sendText(
        res,
        403,
        `403 forbidden: Host ${JSON.stringify(req.headers.host)} is not localhost or an IP address`,
      );
    }
    const media = mediaType(req.headers['content-type']);
    const path = (req.url ?? '/').split('?', 1)[0];
    if (path !== TRACES_PATH) {
      drainRefusedRequest(req, res);
      return sendStatus(
        res,
        media,
        404,
        RpcCode.UNIMPLEMENTED,
        `404 not found: ${path} (this receiver serves POST ${TRACES_PATH})`,
      );
    }
    if (req.method === 'OPTIONS') return preflight(req, res, origin);
    if (req.method !== 'POST') {
      res.setHeader('Allow', ALLOW);
      drainRefusedRequest(req, res);
      return sendText(res, 405, `405 method not allowed, supported: [POST]`);
    }
    if (media === null) {
      drainRefusedRequest(req, res);
      return sendText(res, 415, `415 unsupported media type, supported: [${JSON_TYPE}, ${PROTOBUF}]`);
    }
    const encoding = parseContentEncoding(req.headers['content-encoding']);
    if (encoding === null) {
      drainRefusedRequest(req, res);
      return sendText(
        res,
        415,
        `415 unsupported Content-Encoding ${JSON.stringify(req.headers['content-encoding'])}, supported: [gzip, deflate, identity]`,
      );
    }

    readBody(req, encoding, maxBodyBytes).then(
      (body) => {
        let batch: DecodedTraces;
        try {
          batch = media === PROTOBUF ? decodeTraceRequestProtobuf(body) : decodeTraceRequestJson(body);
        } catch (err) {
          sink.recordBadRequest();
          if (err instanceof OtlpDecodeError) {
            return sendStatus(
              res,
              media,
              400,
              RpcCode.INVALID_ARGUMENT,
              `cannot decode ExportTraceServiceRequest: ${err.message}`,
            );
          }
          console.error('otlp/http: unexpected decoder failure', err);
          return sendStatus(res, media, 500, RpcCode.INTERNAL, 'internal error while decoding the request');
        }
        let result;
        try {
          result =
            batch.spans.length === 0 && batch.rejected.length === 0
              ? { rejectedSpans: 0, errorMessage: '' }
              : sink.ingest(batch);
        } catch (err) {
          // A store bug must not become an unhandled rejection that takes the process down.
          console.error('otlp/http: the span store failed', err);
          return sendStatus(res, media, 500, RpcCode.INTERNAL, 'internal error while storing the spans');
        }
        res.statusCode = 200;
        res.setHeader('Content-Type', media);
        res.end(
          media === PROTOBUF ? encodeExportResponse(result) : JSON.stringify(exportResponseJson(result)),
        );
      },
      (err: Error) => {
        if (res.headersSent) return;
        if (err instanceof BodyTooLargeError) {
          sink.recordBadRequest();
          // Stop keeping a body we will not use; the connection closes unless the rest is small.
          drainRefusedRequest(req, res);
          return sendStatus(
            res,
            media,
            413,
            RpcCode.RESOURCE_EXHAUSTED,
            `413 content too large: ${err.message}`,
          );
        }
        if (err instanceof BodyDecodeError) {
          sink.recordBadRequest();
          // The decompressor failed part-way: the rest of the body is still on the connection.
          drainRefusedRequest(req, res);
          return sendStatus(res, media, 400, RpcCode.INVALID_ARGUMENT, err.message);
        }
        // Aborted by the client: nobody to answer.
        res.destroy();
      },
    );
  };

  // Nothing in a request may throw out of the listener: node:http would turn that into an uncaught exception.
  return (req: IncomingMessage, res: ServerResponse): void => {
    try {
      handle(req, res);
    } catch (err) {
      console.error('otlp/http: unexpected failure handling a request', err);
      if (!res.headersSent) {
        drainRefusedRequest(req, res);
        sendText(res, 500, '500 internal error');
      } else res.destroy();
    }
  };
}

function preflight(req: IncomingMessage, res: ServerResponse, origin: string | undefined): void {
  if (origin !== undefined && !isLoopbackOrigin(origin)) {
    return sendText(res, 403, `403 forbidden: origin ${JSON.stringify(origin)} is not a loopback origin`);
  }
  res.statusCode = 204;
  res.setHeader('Allow', ALLOW);
  if (origin !== undefined) {
    res.setHeader('Access-Control-Allow-Methods', ALLOW);
    const asked = req.headers['access-control-request-headers'];
    res.setHeader('Access-Control-Allow-Headers', asked ?? 'content-type, content-encoding');
    res.setHeader('Access-Control-Max-Age', '7200');
  }
  res.end();
}

export async function startHttpReceiver(opts: HttpReceiverOptions): Promise<RunningServer> {
  const hosts = opts.hosts ?? DEFAULT_HOSTS;
  const handler = createOtlpHttpHandler({
    sink: opts.sink,
    maxBodyBytes: opts.maxBodyBytes ?? DEFAULT_MAX_BODY_BYTES,
    checkHost: hosts.every(isLoopbackAddress),
  });
  const servers: Server[] = [];
  const closeServers = async (list: Server[]) => {
    await Promise.all(
      list.map(
        (s) =>
          new Promise<void>((resolve) => {
            s.close(() => resolve());
            s.closeAllConnections();
          }),
      ),
    );
  };
  const { port, addresses } = await bindHosts({
    hosts,
    port: opts.port,
    protocol: 'OTLP/HTTP',
    bind: async (host, port) => {
      const server = createServer({ keepAliveTimeout: 65_000 }, handler);
      const actual = await listenServer(server, host, port);
      servers.push(server);
      return actual;
    },
    reset: () => closeServers(servers.splice(0)),
  });
  let closed: Promise<void> | undefined;
  return {
    port,
    addresses,
    close() {
      closed ??= closeServers(servers.splice(0));
      return closed;
    },
  };
}
