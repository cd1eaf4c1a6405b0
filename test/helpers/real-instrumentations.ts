// Records what real OpenTelemetry instrumentations emit for a small Express app (test/fixtures/real-app):
// the test's own OTel SDK, the http, express, undici (fetch) and knex instrumentations, knex over pg-mem (an
// in-memory PostgreSQL: knex's real `pg` client and SQL, no server to run). The spans go through the OTLP
// protobuf serializer and our decoder, as an app exporting with the proto exporter would send them.
import { createRequire } from 'node:module';
import type { AddressInfo } from 'node:net';
import type { Server } from 'node:http';
import { context, propagation, trace } from '@opentelemetry/api';
import { AsyncLocalStorageContextManager } from '@opentelemetry/context-async-hooks';
import { W3CTraceContextPropagator } from '@opentelemetry/core';
import { registerInstrumentations } from '@opentelemetry/instrumentation';
import { ExpressInstrumentation } from '@opentelemetry/instrumentation-express';
import { HttpInstrumentation } from '@opentelemetry/instrumentation-http';
import { KnexInstrumentation } from '@opentelemetry/instrumentation-knex';
import { UndiciInstrumentation } from '@opentelemetry/instrumentation-undici';
import { ProtobufTraceSerializer } from '@opentelemetry/otlp-transformer';
import { resourceFromAttributes } from '@opentelemetry/resources';
import {
  BasicTracerProvider,
  InMemorySpanExporter,
  SimpleSpanProcessor,
} from '@opentelemetry/sdk-trace-base';
import { decodeTraceRequestProtobuf } from '../../shared/otlp/protobuf-traces.js';
import type { AnyValue, KeyValue, Span } from '../../shared/model/span.js';

const require = createRequire(import.meta.url);

interface Recording {
  spans: Span[];
  /** The listening ports, to normalise: app first, then the upstream service. */
  ports: number[];
}

interface ShopApp {
  createShopApp(deps: { express: unknown; db: unknown; upstream: string }): {
    listen(port: number, host: string, cb: () => void): Server;
  };
  migrate(db: unknown): Promise<void>;
}

function listening(server: Server): Promise<number> {
  return new Promise((resolve) => {
    if (server.listening) resolve((server.address() as AddressInfo).port);
    else server.once('listening', () => resolve((server.address() as AddressInfo).port));
  });
}

/** The requests a user makes to the app: a read, a request that hits the bug, an unknown URL. */
const SHOP_REQUESTS = ['/api/users/1', '/api/orders/2/total', '/api/nope'] as const;

export async function recordShopApp(): Promise<Recording> {
  const exporter = new InMemorySpanExporter();
  const provider = new BasicTracerProvider({
    resource: resourceFromAttributes({
      'service.name': 'shop-api',
      'service.version': '1.4.0',
      'deployment.environment.name': 'dev',
      'telemetry.sdk.language': 'nodejs',
      'telemetry.sdk.name': 'opentelemetry',
      'telemetry.sdk.version': '2.12.1',
    }),
    spanProcessors: [new SimpleSpanProcessor(exporter)],
  });
  const contextManager = new AsyncLocalStorageContextManager().enable();
  context.setGlobalContextManager(contextManager);
  propagation.setGlobalPropagator(new W3CTraceContextPropagator());
  trace.setGlobalTracerProvider(provider);

  let appOrigin = '';
  const instrumentations = [
    // The upstream service stands for another process: its requests are not part of this app's traces.
    new HttpInstrumentation({
      ignoreIncomingRequestHook: (req) => (req.url ?? '').startsWith('/upstream'),
      ignoreOutgoingRequestHook: () => true,
    }),
    new ExpressInstrumentation(),
    // The test's own calls to the app play the browser: only the app's outgoing fetch is traced.
    new UndiciInstrumentation({ ignoreRequestHook: (req) => req.origin === appOrigin }),
    new KnexInstrumentation(),
  ];
  const unregister = registerInstrumentations({ tracerProvider: provider, instrumentations });

  const http = require('node:http') as typeof import('node:http');
  const express = require('express') as unknown;
  const { newDb } = require('pg-mem') as {
    newDb(): { adapters: { createKnex(latency: undefined, config: object): { destroy(): Promise<void> } } };
  };
  const shop = require('../fixtures/real-app/shop-app.cjs') as ShopApp;

  const upstream = http.createServer((_req, res) => {
    res.setHeader('content-type', 'application/json');
    res.end(JSON.stringify({ tier: 'gold' }));
  });
  upstream.listen(0, '127.0.0.1');
  const upstreamPort = await listening(upstream);
  // The connection settings a real app gives knex (the instrumentation names spans and sets server.* from
  // them); pg-mem replaces the driver, so nothing connects.
  const db = newDb().adapters.createKnex(undefined, {
    connection: { host: 'db.internal', port: 5432, database: 'shop', user: 'shop' },
  });
  let server: Server | undefined;
  try {
    await shop.migrate(db);
    const app = shop.createShopApp({ express, db, upstream: `http://127.0.0.1:${upstreamPort}` });
    server = app.listen(0, '127.0.0.1', () => {});
    const appPort = await listening(server);
    appOrigin = `http://127.0.0.1:${appPort}`;
    for (const path of SHOP_REQUESTS) {
      const res = await fetch(appOrigin + path, { headers: { connection: 'close' } });
      await res.arrayBuffer();
    }
    // A server span ends when the response has been flushed, which may be just after the client read it.
    for (let i = 0; i < 1000; i++) {
      const servers = exporter.getFinishedSpans().filter((s) => s.kind === 1).length;
      if (servers >= SHOP_REQUESTS.length) break;
      await new Promise((r) => setImmediate(r));
    }
    await provider.forceFlush();
    const bytes = ProtobufTraceSerializer.serializeRequest(exporter.getFinishedSpans());
    if (!bytes) throw new Error('the OTLP serializer produced nothing');
    return { spans: decodeTraceRequestProtobuf(bytes).spans, ports: [appPort, upstreamPort] };
  } finally {
    unregister();
    for (const i of instrumentations) i.disable();
    await new Promise<void>((r) => (server ? server.close(() => r()) : r()));
    await new Promise<void>((r) => upstream.close(() => r()));
    await db.destroy();
    await provider.shutdown();
    trace.disable();
    propagation.disable();
    context.disable();
  }
}

// ---------------------------------------------------------------------------------------------------------
// Normalising a recording, so its mapping can be a golden file: IDs, times, ports and paths vary per run.

const BASE_NS = 1767225600000000000n; // 2026-01-01T00:00:00Z
const TICK_NS = 1000000n; // 1 ms per step

interface NormaliseOptions {
  /** Real port → stable port, for every listening port. */
  ports: ReadonlyMap<number, number>;
  /** Absolute paths to replace in stack traces (e.g. the repository root → /app). */
  paths: ReadonlyMap<string, string>;
}

/** Keys whose integer value is a client's ephemeral port. */
const EPHEMERAL_PORT_KEYS = new Set([
  'net.sock.peer.port',
  'network.peer.port',
  'client.port',
  'net.peer.port',
]);

function normaliseText(s: string, o: NormaliseOptions): string {
  let out = s;
  for (const [from, to] of o.paths) out = out.split(from).join(to);
  for (const [from, to] of o.ports) out = out.replace(new RegExp(`:${from}(?!\\d)`, 'g'), `:${to}`);
  // Node's own frames move between patch releases: keep the file, drop line and column.
  return out.replace(/\((node:[^():]+):\d+:\d+\)/g, '($1)').replace(/at (node:[^():\s]+):\d+:\d+/g, 'at $1');
}

function normaliseValue(key: string, v: AnyValue, o: NormaliseOptions): AnyValue {
  if ('stringValue' in v) return { stringValue: normaliseText(v.stringValue, o) };
  if ('intValue' in v) {
    const n = Number(v.intValue);
    const mapped = o.ports.get(n);
    if (mapped !== undefined && /port$/.test(key)) return { intValue: String(mapped) };
    if (EPHEMERAL_PORT_KEYS.has(key)) return { intValue: '50000' };
  }
  return v;
}

function normaliseAttrs(attrs: KeyValue[], o: NormaliseOptions): KeyValue[] {
  return attrs.map((a) => ({ key: a.key, value: normaliseValue(a.key, a.value, o) }));
}

/**
 * Stable IDs and times. A live recording's sub-millisecond order is not reproducible (which of a server span
 * and its async handler ends first depends on the event loop), so times are rebuilt from the tree: traces in
 * the order they started; a span's children by name (their recorded order flips with timer jitter: the
 * router span and its handler start within microseconds of each other); each child inside its parent, one millisecond per step, exception events just before their span's
 * end. Trace and span IDs are numbered in that order.
 */
export function normaliseRecording(spans: readonly Span[], o: NormaliseOptions): Span[] {
  const out = spans.map((s) => ({
    ...s,
    attributes: normaliseAttrs(s.attributes, o),
    events: s.events.map((e) => ({ ...e, attributes: normaliseAttrs(e.attributes, o) })),
  }));
  const ids = new Set(out.map((s) => s.spanId));
  const children = new Map<string, Span[]>();
  const roots: Span[] = [];
  for (const s of out) {
    if (s.parentSpanId && ids.has(s.parentSpanId)) {
      const list = children.get(s.parentSpanId) ?? [];
      list.push(s);
      children.set(s.parentSpanId, list);
    } else roots.push(s);
  }
  const byName = (a: Span, b: Span) =>
    a.name < b.name ? -1 : a.name > b.name ? 1 : a.spanId < b.spanId ? -1 : a.spanId > b.spanId ? 1 : 0;
  roots.sort((a, b) => (BigInt(a.startTimeUnixNano) < BigInt(b.startTimeUnixNano) ? -1 : 1));
  const traceIds = new Map<string, string>();
  const spanIds = new Map<string, string>();
  const ordered: Span[] = [];
  let tick = 0n;
  const next = () => String(BASE_NS + ++tick * TICK_NS);
  const visit = (s: Span) => {
    if (!traceIds.has(s.traceId)) traceIds.set(s.traceId, (traceIds.size + 1).toString(16).padStart(32, '0'));
    spanIds.set(s.spanId, (spanIds.size + 1).toString(16).padStart(16, '0'));
    ordered.push(s);
    s.startTimeUnixNano = next();
    for (const c of (children.get(s.spanId) ?? []).sort(byName)) visit(c);
    for (const e of s.events) e.timeUnixNano = next();
    s.endTimeUnixNano = next();
  };
  for (const r of roots) visit(r);
  return ordered.map((s) => ({
    ...s,
    traceId: traceIds.get(s.traceId)!,
    spanId: spanIds.get(s.spanId)!,
    parentSpanId: s.parentSpanId ? (spanIds.get(s.parentSpanId) ?? s.parentSpanId) : '',
  }));
}
