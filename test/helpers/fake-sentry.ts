// A local HTTP server that plays Sentry (and a plain OTLP/HTTP backend) for tests and benchmarks.
// It binds 127.0.0.1 on port 0 and does what Relay does at the door: checks X-Sentry-Auth against the
// project's key (401 without it, 403 "ProjectId" for an unknown project), gunzips, parses every envelope with
// @sentry/core's parseEnvelope and validates each event against the repository's Sentry schemas (400 with the
// errors when one is invalid). OTLP bodies (protobuf or JSON) are decoded with the project's own decoders.
// Faults are scripted per request: one-shot (`failNext`) or persistent (`setFault`).
//
// Use:
//   const sentry = await startFakeSentry();
//   target = { id: 's', kind: 'sentry-envelope', url: sentry.envelopeUrl(), headers: { 'X-Sentry-Auth': sentry.authHeader() } }
//   sentry.failNext({ kind: 'status', status: 500 });          // next request gets a 500
//   await sentry.waitFor(() => sentry.eventIds().length === 3);
//   await sentry.close();
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { gunzipSync, inflateSync } from 'node:zlib';
import { parseEnvelope } from '@sentry/core';
import type { Span } from '../../shared/model/span.js';
import { decodeTraceRequestJson } from '../../shared/otlp/json-traces.js';
import { decodeTraceRequestProtobuf } from '../../shared/otlp/protobuf-traces.js';
import { sentryValidators } from '../shared/sentry/fixtures.js';

interface FakeProject {
  id: string;
  publicKey: string;
}

export type Fault =
  /** Close the connection without an answer. */
  | { kind: 'reset' }
  /** Never answer (the client's timeout must fire); released when the server closes. */
  | { kind: 'timeout' }
  /** Answer with this status (e.g. 500, 413, 400, 401, 403) and body. */
  | { kind: 'status'; status: number; body?: string; headers?: Record<string, string> }
  /** 429 with Retry-After (seconds) and/or X-Sentry-Rate-Limits (e.g. '60:transaction:key'). */
  | { kind: 'rate-limit'; retryAfter?: number; rateLimits?: string };

interface FakeRequestInfo {
  method: string;
  path: string;
  projectId?: string;
  contentType: string;
  contentEncoding: string;
  headers: Record<string, string | string[] | undefined>;
}

type FaultScript = (req: FakeRequestInfo) => Fault | undefined;

interface ReceivedEnvelope {
  projectId: string;
  header: Record<string, unknown>;
  items: { type: string; header: Record<string, unknown>; payload: unknown }[];
  at: number;
}

interface ReceivedOtlp {
  /** 'otlp-http' for /v1/traces, else the Sentry project id. */
  projectId: string;
  contentType: string;
  spans: Span[];
  headers: Record<string, string | string[] | undefined>;
}

interface RequestLog {
  path: string;
  /** The status answered; 0 for a reset or a request never answered. */
  status: number;
  fault?: Fault['kind'];
  gzipped: boolean;
  bytes: number;
}

interface FakeSentryOptions {
  /** Projects and their keys; default one project '1' with key 'fakepublickey0123456789abcdef00'. */
  projects?: FakeProject[];
  /** Validate events against the Sentry schemas (default true; benchmarks turn it off). */
  validate?: boolean;
  /** Keep what arrived in `envelopes`/`otlp`/`requests` (default true); benchmarks only count. */
  record?: boolean;
}

export interface FakeSentry {
  /** http://127.0.0.1:<port> */
  readonly url: string;
  readonly projects: readonly FakeProject[];
  dsn(projectId?: string): string;
  envelopeUrl(projectId?: string): string;
  /** Sentry's OTLP traces endpoint for the project. */
  otlpUrl(projectId?: string): string;
  /** A plain OTLP/HTTP backend's traces endpoint (no auth). */
  readonly otlpHttpUrl: string;
  /** The X-Sentry-Auth header value for the project. */
  authHeader(projectId?: string): string;
  /** Envelopes answered 200, in arrival order. */
  readonly envelopes: ReceivedEnvelope[];
  /** OTLP requests answered 200. */
  readonly otlp: ReceivedOtlp[];
  /** Every request, whatever the answer. */
  readonly requests: RequestLog[];
  /** Parse and schema problems (each also answered 400). */
  readonly invalid: string[];
  /** Event IDs of the events and transactions answered 200, in arrival order (duplicates kept). */
  eventIds(): string[];
  /** Discarded-event outcomes from client reports answered 200. */
  discarded(): { reason: string; category: string; quantity: number }[];
  /** Requests waiting on a 'timeout' fault. */
  readonly hanging: number;
  /** Envelopes and events (transactions + errors) answered 200, counted even when `record` is false. */
  readonly accepted: { envelopes: number; events: number };
  failNext(...faults: Fault[]): void;
  /** A fault for every request (or a script deciding per request); undefined heals. */
  setFault(fault: Fault | FaultScript | undefined): void;
  waitFor(predicate: () => boolean, timeoutMs?: number): Promise<void>;
  close(): Promise<void>;
}

const DEFAULT_PROJECT: FakeProject = { id: '1', publicKey: 'fakepublickey0123456789abcdef00' };
const ENVELOPE_PATH = /^\/api\/([^/]+)\/envelope\/?$/;
const SENTRY_OTLP_PATH = /^\/api\/([^/]+)\/integration\/otlp\/v1\/traces\/?$/;

class BadRequest extends Error {}

export async function startFakeSentry(opts: FakeSentryOptions = {}): Promise<FakeSentry> {
  const projects = opts.projects ?? [DEFAULT_PROJECT];
  const validators = opts.validate === false ? undefined : sentryValidators();
  const envelopes: ReceivedEnvelope[] = [];
  const otlp: ReceivedOtlp[] = [];
  const requests: RequestLog[] = [];
  const invalid: string[] = [];
  const oneShot: Fault[] = [];
  let persistent: Fault | FaultScript | undefined;
  const held = new Set<ServerResponse>();
  const record = opts.record !== false;
  const accepted = { envelopes: 0, events: 0 };
  const sockets = new Set<Socket>();

  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => handle(req, res, Buffer.concat(chunks)));
  });
  server.on('connection', (s) => {
    sockets.add(s);
    s.on('close', () => sockets.delete(s));
  });
  // Keep connections open between requests, like a real ingest endpoint behind a load balancer.
  server.keepAliveTimeout = 30_000;

  function handle(req: IncomingMessage, res: ServerResponse, raw: Buffer): void {
    const path = (req.url ?? '/').split('?')[0]!;
    const envelopeMatch = ENVELOPE_PATH.exec(path);
    const sentryOtlpMatch = SENTRY_OTLP_PATH.exec(path);
    const projectId = envelopeMatch?.[1] ?? sentryOtlpMatch?.[1];
    const info: FakeRequestInfo = {
      method: req.method ?? '',
      path,
      contentType: String(req.headers['content-type'] ?? ''),
      contentEncoding: String(req.headers['content-encoding'] ?? ''),
      headers: req.headers,
    };
    if (projectId !== undefined) info.projectId = projectId;
    const log: RequestLog = {
      path,
      status: 0,
      gzipped: /gzip/i.test(info.contentEncoding),
      bytes: raw.length,
    };
    if (record) requests.push(log);
    const answer = (status: number, body: string, headers: Record<string, string> = {}) => {
      log.status = status;
      res.writeHead(status, { 'content-type': 'application/json', ...headers });
      res.end(body);
    };

    const fault = oneShot.shift() ?? (typeof persistent === 'function' ? persistent(info) : persistent);
    if (fault) {
      log.fault = fault.kind;
      switch (fault.kind) {
        case 'reset':
          req.socket.destroy();
          return;
        case 'timeout':
          held.add(res);
          res.on('close', () => held.delete(res));
          return;
        case 'status':
          return answer(
            fault.status,
            fault.body ?? JSON.stringify({ detail: `scripted ${fault.status}` }),
            fault.headers,
          );
        case 'rate-limit': {
          const headers: Record<string, string> = {};
          if (fault.retryAfter !== undefined) headers['Retry-After'] = String(fault.retryAfter);
          if (fault.rateLimits !== undefined) headers['X-Sentry-Rate-Limits'] = fault.rateLimits;
          return answer(429, JSON.stringify({ detail: 'rate limited' }), headers);
        }
      }
    }
    if (req.method !== 'POST') return answer(405, JSON.stringify({ detail: 'method not allowed' }));

    try {
      const body = decode(raw, info.contentEncoding);
      if (path === '/v1/traces') {
        const spans = decodeOtlp(body, info.contentType);
        if (record)
          otlp.push({ projectId: 'otlp-http', contentType: info.contentType, spans, headers: req.headers });
        return answer(200, '{}');
      }
      if (projectId === undefined) return answer(404, JSON.stringify({ detail: 'not found' }));
      const denied = checkAuth(projectId, req.headers['x-sentry-auth']);
      if (denied) return answer(denied.status, JSON.stringify({ detail: denied.detail }));
      if (sentryOtlpMatch) {
        const spans = decodeOtlp(body, info.contentType);
        if (record) otlp.push({ projectId, contentType: info.contentType, spans, headers: req.headers });
        return answer(200, '{}');
      }
      const received = readEnvelope(projectId, body);
      accepted.envelopes++;
      if (received.items.some((i) => i.type === 'transaction' || i.type === 'event')) accepted.events++;
      if (record) envelopes.push(received);
      const eventId = received.header.event_id;
      return answer(200, JSON.stringify(typeof eventId === 'string' ? { id: eventId } : {}));
    } catch (e) {
      const message = e instanceof Error ? e.message : String(e);
      invalid.push(`${path}: ${message}`);
      return answer(400, JSON.stringify({ detail: message }));
    }
  }

  function checkAuth(
    projectId: string,
    header: string | string[] | undefined,
  ): { status: number; detail: string } | undefined {
    if (typeof header !== 'string' || !/^sentry\s/i.test(header))
      return { status: 401, detail: 'missing authorization information' };
    const pairs = new Map(
      header
        .replace(/^sentry\s+/i, '')
        .split(',')
        .map((p) => p.trim().split('=') as [string, string]),
    );
    if (pairs.get('sentry_version') !== '7') return { status: 400, detail: 'unsupported protocol version' };
    const key = pairs.get('sentry_key');
    if (!key) return { status: 401, detail: 'missing sentry_key' };
    const project = projects.find((p) => p.id === projectId);
    if (!project) return { status: 403, detail: 'event submission rejected with_reason: ProjectId' };
    if (project.publicKey !== key) return { status: 401, detail: 'invalid sentry_key for this project' };
    return undefined;
  }

  function readEnvelope(projectId: string, body: Buffer): ReceivedEnvelope {
    let parsed: ReturnType<typeof parseEnvelope>;
    try {
      parsed = parseEnvelope(new Uint8Array(body.buffer, body.byteOffset, body.length));
    } catch (e) {
      throw new BadRequest(`envelope does not parse: ${(e as Error).message}`);
    }
    const [header, rawItems] = parsed;
    // parseEnvelope hands back the bytes of an item whose header has `length`; JSON items are parsed here.
    const items = rawItems.map(([h, payload]) => ({
      type: String((h as { type?: unknown }).type),
      header: h as Record<string, unknown>,
      payload: payload instanceof Uint8Array ? parseItemJson(payload) : payload,
    }));
    if (items.length === 0) throw new BadRequest('envelope has no items');
    for (const item of items) {
      const p = item.payload as Record<string, unknown>;
      if (item.type === 'transaction' || item.type === 'event') {
        if (typeof header.event_id !== 'string') throw new BadRequest('envelope without event_id header');
        if (p.event_id !== undefined && p.event_id !== header.event_id)
          throw new BadRequest('event_id of header and payload differ');
        const problems = validators
          ? item.type === 'transaction'
            ? validators.transaction(p)
            : validators.error(p)
          : '';
        if (problems)
          throw new BadRequest(`${item.type} fails the Sentry schema: ${problems.slice(0, 1000)}`);
      } else if (item.type === 'client_report') {
        if (!Array.isArray(p.discarded_events))
          throw new BadRequest('client_report without discarded_events');
      }
    }
    return { projectId, header: header as Record<string, unknown>, items, at: Date.now() };
  }

  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  const url = `http://127.0.0.1:${port}`;
  const project = (id: string | undefined) =>
    projects.find((p) => p.id === (id ?? projects[0]!.id)) ?? { id: id!, publicKey: projects[0]!.publicKey };

  return {
    url,
    projects,
    dsn: (id) => {
      const p = project(id);
      return `http://${p.publicKey}@127.0.0.1:${port}/${p.id}`;
    },
    envelopeUrl: (id) => `${url}/api/${project(id).id}/envelope/`,
    otlpUrl: (id) => `${url}/api/${project(id).id}/integration/otlp/v1/traces`,
    otlpHttpUrl: `${url}/v1/traces`,
    authHeader: (id) =>
      `Sentry sentry_version=7, sentry_client=fake-test/1.0, sentry_key=${project(id).publicKey}`,
    envelopes,
    otlp,
    requests,
    invalid,
    eventIds: () =>
      envelopes.flatMap((e) =>
        e.items.some((i) => i.type === 'transaction' || i.type === 'event')
          ? [String(e.header.event_id)]
          : [],
      ),
    discarded: () =>
      envelopes.flatMap((e) =>
        e.items
          .filter((i) => i.type === 'client_report')
          .flatMap(
            (i) =>
              (i.payload as { discarded_events: { reason: string; category: string; quantity: number }[] })
                .discarded_events,
          ),
      ),
    get hanging() {
      return held.size;
    },
    accepted,
    failNext: (...faults) => oneShot.push(...faults),
    setFault: (f) => {
      persistent = f;
    },
    waitFor: async (predicate, timeoutMs = 10_000) => {
      const deadline = Date.now() + timeoutMs;
      while (!predicate()) {
        if (Date.now() > deadline) throw new Error('fake Sentry: condition not met in time');
        await new Promise((r) => setTimeout(r, 5));
      }
    },
    close: async () => {
      for (const res of held) res.destroy();
      for (const s of sockets) s.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

function parseItemJson(bytes: Uint8Array): unknown {
  try {
    return JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(bytes));
  } catch (e) {
    throw new BadRequest(`item payload is not JSON: ${(e as Error).message}`);
  }
}

function decode(raw: Buffer, encoding: string): Buffer {
  const enc = encoding.toLowerCase();
  try {
    if (enc === 'gzip' || enc === 'x-gzip') return gunzipSync(raw);
    if (enc === 'deflate') return inflateSync(raw);
  } catch (e) {
    throw new BadRequest(`body does not decompress (${enc}): ${(e as Error).message}`);
  }
  if (enc && enc !== 'identity') throw new BadRequest(`unsupported Content-Encoding ${enc}`);
  return raw;
}

function decodeOtlp(body: Buffer, contentType: string): Span[] {
  const bytes = new Uint8Array(body.buffer, body.byteOffset, body.length);
  const batch = contentType.includes('json')
    ? decodeTraceRequestJson(bytes)
    : decodeTraceRequestProtobuf(bytes);
  if (batch.errors.length) throw new BadRequest(`OTLP rejected: ${batch.errors.join('; ')}`);
  return batch.spans;
}
