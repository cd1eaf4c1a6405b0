// Shared e2e fixtures: the inspector in-process on free loopback ports serving the built UI, a Chromium
// (found or fetched by test/browser/) through playwright-core with a throw-away profile, and a real OTel
// SDK that sends traces.
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { ROOT_CONTEXT, SpanKind, SpanStatusCode, trace, type Tracer } from '@opentelemetry/api';
import { OTLPTraceExporter } from '@opentelemetry/exporter-trace-otlp-proto';
import { resourceFromAttributes } from '@opentelemetry/resources';
import { BasicTracerProvider, BatchSpanProcessor } from '@opentelemetry/sdk-trace-base';
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import { startInspector, type InspectorConfig } from '../../electron/core/inspector.js';
import type { StoreLimits } from '../../shared/api/contract.js';
import { resolveBrowser } from '../browser/system-probes.js';

const STATIC_DIR = resolve(import.meta.dirname, '../../dist/renderer');

export type Inspector = Awaited<ReturnType<typeof startInspector>>;

export async function startTestInspector(
  limits?: Partial<StoreLimits>,
  ports: { uiPort?: number; token?: string; createDelivery?: InspectorConfig['createDelivery'] } = {},
): Promise<Inspector> {
  if (!existsSync(join(STATIC_DIR, 'index.html')))
    throw new Error(`The UI is not built (${STATIC_DIR}): run \`npm run build\` before the browser tests.`);
  return startInspector({
    hosts: ['127.0.0.1'],
    grpcPort: 0,
    httpPort: 0,
    uiPort: ports.uiPort ?? 0,
    staticDir: STATIC_DIR,
    ...(ports.token ? { token: ports.token } : {}),
    ...(ports.createDelivery ? { createDelivery: ports.createDelivery } : {}),
    ...(limits ? { limits } : {}),
  });
}

/** The UI URL on 127.0.0.1 (the API's Host check accepts loopback names). */
export function uiUrl(inspector: Inspector): string {
  return `http://127.0.0.1:${inspector.api.port}/?token=${encodeURIComponent(inspector.token)}`;
}

export interface TestBrowser {
  context: BrowserContext;
  page: Page;
  /**
   * Console errors this browser's pages may log without failing the test (e.g. failed requests while a
   * test has stopped the API on purpose). Every other console error or uncaught page error fails the test.
   */
  allowConsoleErrors(pattern: RegExp): void;
  /** Closes the browser; throws when a page logged a console error no test has reported yet. */
  close(): Promise<void>;
}

/** Console errors seen by every open test browser and not yet reported (no-console-errors.ts drains it). */
const unreported: string[] = [];

/** Returns and forgets the console errors logged since the last call (by any test browser). */
export function takeConsoleErrors(): string[] {
  return unreported.splice(0);
}

export function consoleErrorReport(errors: readonly string[]): string {
  return `The page logged ${errors.length} console error(s):\n${errors.map((e) => `  - ${e}`).join('\n')}`;
}

export async function launchBrowser(
  opts: { width?: number; height?: number; colorScheme?: 'light' | 'dark' } = {},
): Promise<TestBrowser> {
  const { executablePath } = await resolveBrowser();
  const profile = mkdtempSync(join(tmpdir(), 'inspector-e2e-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath,
    headless: true,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
    viewport: { width: opts.width ?? 1280, height: opts.height ?? 800 },
    colorScheme: opts.colorScheme ?? 'light',
  });
  const allowed: RegExp[] = [];
  const record = (text: string) => {
    if (!allowed.some((re) => re.test(text))) unreported.push(text);
  };
  context.on('console', (msg) => {
    if (msg.type() !== 'error') return;
    const at = msg.location().url ? ` (${msg.location().url})` : '';
    record(`console.error: ${msg.text()}${at}`);
  });
  context.on('weberror', (err) => record(`uncaught: ${err.error().message}`));
  const page = context.pages()[0] ?? (await context.newPage());
  return {
    context,
    page,
    allowConsoleErrors: (pattern) => void allowed.push(pattern),
    close: async () => {
      await context.close().catch(() => undefined);
      rmSync(profile, { recursive: true, force: true });
      // Errors logged after the last test's check (e.g. during teardown) fail the file here.
      const late = takeConsoleErrors();
      if (late.length > 0) throw new Error(consoleErrorReport(late));
    },
  };
}

/** A real OTel SDK exporting OTLP/HTTP protobuf to the inspector's receiver. */
export function otelSdk(httpPort: number, service: string) {
  const provider = new BasicTracerProvider({
    resource: resourceFromAttributes({ 'service.name': service, 'service.version': '1.4.2' }),
    // Batching, as real apps do (and one request per span would hit the exporter's concurrency limit).
    spanProcessors: [
      new BatchSpanProcessor(new OTLPTraceExporter({ url: `http://127.0.0.1:${httpPort}/v1/traces` }), {
        scheduledDelayMillis: 50,
        maxExportBatchSize: 512,
        maxQueueSize: 8192,
      }),
    ],
  });
  return {
    tracer: provider.getTracer('e2e-shop', '0.1.0'),
    flush: () => provider.forceFlush(),
    close: () => provider.shutdown(),
  };
}

/** An HTTP request with a DB child and, when `fail`, a downstream call that throws. Returns the trace ID. */
export function sendCheckout(tracer: Tracer, route: string, fail: boolean): string {
  const root = tracer.startSpan(`GET ${route}`, {
    kind: SpanKind.SERVER,
    attributes: { 'http.request.method': 'GET', 'http.route': route, 'url.path': route },
  });
  const ctx = trace.setSpan(ROOT_CONTEXT, root);
  const db = tracer.startSpan(
    'SELECT orders',
    {
      kind: SpanKind.CLIENT,
      attributes: { 'db.system.name': 'postgresql', 'db.query.text': 'SELECT * FROM orders WHERE id = $1' },
    },
    ctx,
  );
  db.end();
  if (fail) {
    const pay = tracer.startSpan(
      'charge card',
      { kind: SpanKind.INTERNAL, attributes: { 'payment.provider': 'stripe' } },
      ctx,
    );
    const err = new Error('card declined: insufficient funds');
    err.name = 'PaymentError';
    err.stack = [
      'PaymentError: card declined: insufficient funds',
      '    at chargeCard (/srv/shop/src/payments.ts:42:11)',
      '    at async checkout (/srv/shop/src/routes/checkout.ts:17:5)',
      '    at async Layer.handle (/srv/shop/node_modules/express/lib/router/layer.js:95:5)',
    ].join('\n');
    pay.recordException(err);
    pay.setStatus({ code: SpanStatusCode.ERROR, message: 'card declined' });
    pay.end();
    root.setStatus({ code: SpanStatusCode.ERROR });
  }
  root.setAttribute('http.response.status_code', fail ? 502 : 200);
  root.end();
  return root.spanContext().traceId;
}

type Hr = [number, number];
const hr = (ms: number): Hr => [Math.floor(ms / 1000), Math.round((ms % 1000) * 1e6)];

/**
 * A realistic multi-service request for screenshots: web → gateway → checkout → (inventory, payments,
 * postgres, redis), with explicit timings so the waterfall has shape. Returns the trace ID.
 */
export function sendShopTrace(
  sdks: Record<'web' | 'gateway' | 'checkout' | 'payments' | 'inventory', Tracer>,
  opts: { route: string; fail?: boolean; slow?: number; at?: number },
): string {
  const t0 = opts.at ?? Date.now() - 2000;
  const k = opts.slow ?? 1;
  const span = (
    tracer: Tracer,
    name: string,
    parent: ReturnType<Tracer['startSpan']> | null,
    start: number,
    dur: number,
    kind: SpanKind,
    attributes: Record<string, string | number | boolean> = {},
  ) => {
    const s = tracer.startSpan(
      name,
      { kind, startTime: hr(t0 + start * k), attributes },
      parent ? trace.setSpan(ROOT_CONTEXT, parent) : ROOT_CONTEXT,
    );
    return { s, end: () => s.end(hr(t0 + (start + dur) * k)) };
  };
  const root = span(sdks.web, `GET ${opts.route}`, null, 0, 182, SpanKind.SERVER, {
    'http.request.method': 'GET',
    'http.route': opts.route,
    'url.full': `https://shop.example.com${opts.route}`,
    'user_agent.original': 'Mozilla/5.0 (X11; Linux x86_64)',
  });
  const gw = span(sdks.gateway, 'POST /api/checkout', root.s, 4, 170, SpanKind.CLIENT, {
    'http.request.method': 'POST',
    'server.address': 'gateway',
  });
  const co = span(sdks.checkout, 'POST /api/checkout', gw.s, 9, 160, SpanKind.SERVER, {
    'http.request.method': 'POST',
    'http.route': '/api/checkout',
    'enduser.id': 'user-4711',
  });
  const cache = span(sdks.checkout, 'GET cart:4711', co.s, 12, 3, SpanKind.CLIENT, {
    'db.system.name': 'redis',
  });
  cache.end();
  const q = span(sdks.checkout, 'SELECT orders', co.s, 17, 28, SpanKind.CLIENT, {
    'db.system.name': 'postgresql',
    'db.query.text': 'SELECT * FROM orders WHERE user_id = $1 AND status = $2',
    'db.namespace': 'shop',
  });
  q.end();
  const inv = span(sdks.inventory, 'reserve stock', co.s, 48, 41, SpanKind.SERVER, { 'app.items': 3 });
  for (let i = 0; i < 3; i++) {
    const r = span(sdks.inventory, 'UPDATE stock', inv.s, 52 + i * 12, 9, SpanKind.CLIENT, {
      'db.system.name': 'postgresql',
      'db.query.text': 'UPDATE stock SET reserved = reserved + $1 WHERE sku = $2',
    });
    r.end();
  }
  inv.end();
  const pay = span(sdks.payments, 'charge card', co.s, 94, 70, SpanKind.SERVER, {
    'payment.provider': 'stripe',
    'payment.amount': 129.9,
    'payment.currency': 'EUR',
  });
  const stripe = span(sdks.payments, 'POST api.stripe.com/v1/charges', pay.s, 97, 62, SpanKind.CLIENT, {
    'http.request.method': 'POST',
    'server.address': 'api.stripe.com',
    'http.response.status_code': opts.fail ? 402 : 200,
  });
  stripe.end();
  if (opts.fail) {
    const err = new Error('Your card has insufficient funds.');
    err.name = 'CardDeclinedError';
    err.stack = [
      'CardDeclinedError: Your card has insufficient funds.',
      '    at chargeCard (/srv/payments/src/stripe-client.ts:88:13)',
      '    at async PaymentService.charge (/srv/payments/src/payment-service.ts:41:20)',
      '    at async handleCharge (/srv/payments/src/routes/charge.ts:19:5)',
      '    at async Layer.handle (/srv/payments/node_modules/express/lib/router/layer.js:95:5)',
      '    at async next (/srv/payments/node_modules/express/lib/router/route.js:149:13)',
    ].join('\n');
    pay.s.recordException(err, hr(t0 + 160 * k));
    pay.s.setStatus({ code: SpanStatusCode.ERROR, message: 'card declined' });
    co.s.setStatus({ code: SpanStatusCode.ERROR, message: 'payment failed' });
  }
  pay.end();
  co.end();
  gw.end();
  root.s.setAttribute('http.response.status_code', opts.fail ? 502 : 200);
  root.end();
  return root.s.spanContext().traceId;
}

/** A request the receiver must refuse in part: one span with an all-zero trace ID. */
export async function sendRejectedSpan(httpPort: number): Promise<void> {
  const body = {
    resourceSpans: [
      {
        resource: { attributes: [{ key: 'service.name', value: { stringValue: 'legacy-worker' } }] },
        scopeSpans: [
          {
            scope: { name: 'manual' },
            spans: [
              {
                traceId: '00000000000000000000000000000000',
                spanId: '0102030405060708',
                name: 'broken',
                kind: 1,
                startTimeUnixNano: '1',
                endTimeUnixNano: '2',
              },
            ],
          },
        ],
      },
    ],
  };
  await fetch(`http://127.0.0.1:${httpPort}/v1/traces`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify(body),
  });
}

/** One OTLP/JSON request: a trace of `count` spans, a root with `fanout` children per parent, level by level. */
export function bigTraceBody(count: number, fanout: number, traceId: string): string {
  const now = BigInt(Date.now()) * 1_000_000n;
  const spans: string[] = [];
  for (let i = 0; i < count; i++) {
    const parent = i === 0 ? '' : (Math.floor((i - 1) / fanout) + 1).toString(16).padStart(16, '0');
    const start = now - 2_000_000_000n + BigInt(i) * 300_000n;
    spans.push(
      JSON.stringify({
        traceId,
        spanId: (i + 1).toString(16).padStart(16, '0'),
        parentSpanId: parent,
        name: i === 0 ? 'GET /reports/yearly' : `step ${i}`,
        kind: i === 0 ? 2 : 1,
        startTimeUnixNano: String(start),
        endTimeUnixNano: String(start + 500_000n),
        status: { code: i % 1000 === 999 ? 2 : 0 },
      }),
    );
  }
  return JSON.stringify({
    resourceSpans: [
      {
        resource: { attributes: [{ key: 'service.name', value: { stringValue: 'reports' } }] },
        scopeSpans: [{ scope: { name: 'big' }, spans: spans.map((x) => JSON.parse(x) as unknown) }],
      },
    ],
  });
}

export async function postOtlpJson(httpPort: number, body: string): Promise<void> {
  const res = await fetch(`http://127.0.0.1:${httpPort}/v1/traces`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body,
  });
  if (!res.ok) throw new Error(`receiver answered ${res.status}: ${await res.text()}`);
}

/** Polls until the check passes (an auto-retrying assertion instead of fixed sleeps). */
export async function eventually(check: () => Promise<void>, timeoutMs = 10_000): Promise<void> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    try {
      return await check();
    } catch (e) {
      if (Date.now() > until) throw e;
      await new Promise((r) => setTimeout(r, 100));
    }
  }
}

/** A browsing request for screenshots: web → gateway → catalog (cache miss → query). Returns the trace ID. */
export function sendBrowseTrace(
  sdks: Record<'web' | 'gateway' | 'catalog', Tracer>,
  opts: { route: string; slow?: number; at?: number },
): string {
  const t0 = opts.at ?? Date.now() - 2000;
  const k = opts.slow ?? 1;
  const at = (ms: number) => hr(t0 + ms * k);
  const root = sdks.web.startSpan(`GET ${opts.route}`, {
    kind: SpanKind.SERVER,
    startTime: at(0),
    attributes: { 'http.request.method': 'GET', 'http.route': opts.route },
  });
  const gw = sdks.gateway.startSpan(
    'GET /api/catalog',
    { kind: SpanKind.CLIENT, startTime: at(3) },
    trace.setSpan(ROOT_CONTEXT, root),
  );
  const cat = sdks.catalog.startSpan(
    'GET /api/catalog',
    { kind: SpanKind.SERVER, startTime: at(6), attributes: { 'http.route': '/api/catalog' } },
    trace.setSpan(ROOT_CONTEXT, gw),
  );
  const ctx = trace.setSpan(ROOT_CONTEXT, cat);
  sdks.catalog
    .startSpan(
      'GET products:page',
      { kind: SpanKind.CLIENT, startTime: at(8), attributes: { 'db.system.name': 'redis' } },
      ctx,
    )
    .end(at(10));
  sdks.catalog
    .startSpan(
      'SELECT products',
      {
        kind: SpanKind.CLIENT,
        startTime: at(11),
        attributes: { 'db.system.name': 'postgresql', 'db.query.text': 'SELECT * FROM products LIMIT $1' },
      },
      ctx,
    )
    .end(at(38));
  cat.end(at(41));
  gw.end(at(44));
  root.setAttribute('http.response.status_code', 200);
  root.end(at(47));
  return root.spanContext().traceId;
}
