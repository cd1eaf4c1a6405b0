// Builders for OTLP test payloads, shared by the receiver tests, the fuzz test and the ingest benchmark:
// realistic requests in protobufjs form (encode with otlp-proto.ts), their OTLP/JSON twin, and an
// independent oracle that says which model spans a request must decode into.
import type { AnyValue, KeyValue, Span } from '../../shared/model/span.js';
import type { PbObject } from './otlp-proto.js';

/** A small seeded PRNG (mulberry32), so payloads are the same on every run. */
export function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function randomBytes(rand: () => number, n: number): Uint8Array {
  const out = new Uint8Array(n);
  for (let i = 0; i < n; i++) out[i] = Math.floor(rand() * 256);
  out[0] = out[0]! | 1; // never all zeros
  return out;
}

const str = (key: string, v: string) => ({ key, value: { stringValue: v } });
const int = (key: string, v: number) => ({ key, value: { intValue: String(v) } });
const bool = (key: string, v: boolean) => ({ key, value: { boolValue: v } });
const dbl = (key: string, v: number) => ({ key, value: { doubleValue: v } });

const ROUTES = ['/api/users/:id', '/api/orders', '/api/orders/:id/items', '/health', '/api/search'];
const TABLES = ['users', 'orders', 'order_items', 'products', 'sessions'];
const HOSTS = ['payments.internal', 'inventory.internal', 'api.stripe.com'];
const BASE_NS = 1_795_625_092_587_000_000n;

/**
 * A request of `spanCount` realistic spans, grouped in traces of one HTTP server root with DB and HTTP
 * client children: ~10 attributes each, an exception event on some, errors on some.
 */
export function realisticRequest(spanCount: number, seed = 1): PbObject {
  const rand = prng(seed);
  const spans: PbObject[] = [];
  let t = BASE_NS + BigInt(seed) * 1_000_000_000n;
  while (spans.length < spanCount) {
    const traceId = randomBytes(rand, 16);
    const rootId = randomBytes(rand, 8);
    const route = ROUTES[Math.floor(rand() * ROUTES.length)]!;
    const failed = rand() < 0.1;
    const children = 2 + Math.floor(rand() * 5);
    const start = t;
    t += BigInt(Math.floor(rand() * 5_000_000));
    const id = Math.floor(rand() * 100000);
    spans.push({
      traceId,
      spanId: rootId,
      name: `GET ${route}`,
      kind: 2,
      flags: 257,
      startTimeUnixNano: String(start),
      endTimeUnixNano: String(start + 80_000_000n + BigInt(Math.floor(rand() * 1e6))),
      attributes: [
        str('http.request.method', 'GET'),
        str('http.route', route),
        str('url.path', route.replace(':id', String(id))),
        str('url.scheme', 'http'),
        int('http.response.status_code', failed ? 500 : 200),
        str('server.address', 'localhost'),
        int('server.port', 8080),
        str('client.address', '127.0.0.1'),
        str('user_agent.original', 'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 Chrome/120.0'),
        str('network.protocol.version', '1.1'),
      ],
      events: failed
        ? [
            {
              timeUnixNano: String(start + 70_000_000n),
              name: 'exception',
              attributes: [
                str('exception.type', 'TypeError'),
                str('exception.message', `Cannot read properties of undefined (reading 'id') #${id}`),
                str(
                  'exception.stacktrace',
                  `TypeError: Cannot read properties of undefined (reading 'id')\n    at handler (/app/src/routes/users.js:${10 + (id % 90)}:17)\n    at Layer.handle (/app/node_modules/express/lib/router/layer.js:95:5)`,
                ),
              ],
            },
          ]
        : [],
      status: failed ? { code: 2, message: 'Internal Server Error' } : { code: 0 },
    });
    for (let c = 0; c < children && spans.length < spanCount; c++) {
      const cs = start + BigInt(1_000_000 + c * 5_000_000);
      const ce = cs + BigInt(Math.floor(rand() * 4_000_000));
      if (rand() < 0.6) {
        const table = TABLES[Math.floor(rand() * TABLES.length)]!;
        spans.push({
          traceId,
          spanId: randomBytes(rand, 8),
          parentSpanId: rootId,
          name: `SELECT ${table}`,
          kind: 3,
          flags: 257,
          startTimeUnixNano: String(cs),
          endTimeUnixNano: String(ce),
          attributes: [
            str('db.system.name', 'postgresql'),
            str('db.namespace', 'shop'),
            str('db.collection.name', table),
            str('db.operation.name', 'SELECT'),
            str(
              'db.query.text',
              `SELECT * FROM ${table} WHERE id = $1 AND tenant = $2 LIMIT ${1 + (id % 50)}`,
            ),
            str('server.address', 'db.internal'),
            int('server.port', 5432),
            str('network.peer.address', '10.0.0.12'),
            int('db.response.returned_rows', Math.floor(rand() * 100)),
            bool('db.cached', rand() < 0.3),
          ],
          status: { code: 0 },
        });
      } else {
        const host = HOSTS[Math.floor(rand() * HOSTS.length)]!;
        const status = rand() < 0.1 ? 503 : 200;
        spans.push({
          traceId,
          spanId: randomBytes(rand, 8),
          parentSpanId: rootId,
          name: 'POST',
          kind: 3,
          flags: 257,
          startTimeUnixNano: String(cs),
          endTimeUnixNano: String(ce),
          attributes: [
            str('http.request.method', 'POST'),
            str('url.full', `https://${host}/v2/charges/${Math.floor(rand() * 1e9)}`),
            str('server.address', host),
            int('server.port', 443),
            int('http.response.status_code', status),
            str('network.protocol.version', '1.1'),
            int('http.request.body.size', Math.floor(rand() * 4000)),
            int('http.response.body.size', Math.floor(rand() * 20000)),
            dbl('http.client.duration_ms', Math.round(rand() * 4000) / 1000),
            str('peer.service', host.split('.')[0]!),
          ],
          status: status >= 500 ? { code: 2, message: '' } : { code: 0 },
        });
      }
    }
    t += 10_000_000n;
  }
  return {
    resourceSpans: [
      {
        resource: {
          attributes: [
            str('service.name', 'checkout'),
            str('service.version', '1.4.2'),
            str('deployment.environment.name', 'development'),
            str('telemetry.sdk.language', 'nodejs'),
            str('telemetry.sdk.name', 'opentelemetry'),
            str('telemetry.sdk.version', '2.2.0'),
            str('host.name', 'dev-laptop'),
            int('process.pid', 4242),
          ],
        },
        scopeSpans: [{ scope: { name: '@opentelemetry/instrumentation-http', version: '0.208.0' }, spans }],
        schemaUrl: 'https://opentelemetry.io/schemas/1.37.0',
      },
    ],
  };
}

function hex(bytes: unknown): string {
  if (!(bytes instanceof Uint8Array)) return '';
  return Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
}

function base64(bytes: Uint8Array): string {
  return globalThis.Buffer.from(bytes).toString('base64');
}

const ID_KEYS = new Set(['traceId', 'spanId', 'parentSpanId']);

/** The OTLP/JSON twin of a protobufjs-shaped request: hex IDs, base64 bytesValue, everything else as is. */
export function toOtlpJson(value: unknown, key = ''): unknown {
  if (value instanceof Uint8Array) return ID_KEYS.has(key) ? hex(value) : base64(value);
  if (Array.isArray(value)) return value.map((v) => toOtlpJson(v));
  if (value && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) out[k] = toOtlpJson(v, k);
    return out;
  }
  return value;
}

function anyValue(v: PbObject | undefined): AnyValue {
  if (!v) return {};
  if ('stringValue' in v) return { stringValue: v.stringValue as string };
  if ('boolValue' in v) return { boolValue: v.boolValue as boolean };
  if ('intValue' in v) return { intValue: String(v.intValue) };
  if ('doubleValue' in v) return { doubleValue: v.doubleValue as number };
  if ('bytesValue' in v) return { bytesValue: base64(v.bytesValue as Uint8Array) };
  if ('arrayValue' in v) {
    const values = ((v.arrayValue as PbObject).values as PbObject[] | undefined) ?? [];
    return { arrayValue: { values: values.map(anyValue) } };
  }
  if ('kvlistValue' in v) {
    const values = ((v.kvlistValue as PbObject).values as PbObject[] | undefined) ?? [];
    return { kvlistValue: { values: keyValues(values) } };
  }
  return {};
}

function keyValues(list: unknown): KeyValue[] {
  return ((list as PbObject[] | undefined) ?? []).map((kv) => ({
    key: (kv.key as string) ?? '',
    value: anyValue(kv.value as PbObject | undefined),
  }));
}

/**
 * The spans a request must decode into (ignoring invalid-ID rejection): a plain, slow, obviously-correct
 * conversion used as the oracle in tests.
 */
export function expectedSpans(request: PbObject): Span[] {
  const out: Span[] = [];
  for (const rs of (request.resourceSpans as PbObject[]) ?? []) {
    const res = (rs.resource as PbObject | undefined) ?? {};
    const resource = {
      attributes: keyValues(res.attributes),
      droppedAttributesCount: (res.droppedAttributesCount as number) ?? 0,
      schemaUrl: (rs.schemaUrl as string) ?? '',
    };
    for (const ss of (rs.scopeSpans as PbObject[]) ?? []) {
      const sc = (ss.scope as PbObject | undefined) ?? {};
      const scope = {
        name: (sc.name as string) ?? '',
        version: (sc.version as string) ?? '',
        attributes: keyValues(sc.attributes),
        droppedAttributesCount: (sc.droppedAttributesCount as number) ?? 0,
        schemaUrl: (ss.schemaUrl as string) ?? '',
      };
      for (const s of (ss.spans as PbObject[]) ?? []) {
        const status = (s.status as PbObject | undefined) ?? {};
        const parent = hex(s.parentSpanId);
        out.push({
          traceId: hex(s.traceId),
          spanId: hex(s.spanId),
          parentSpanId: /^0*$/.test(parent) ? '' : parent,
          traceState: (s.traceState as string) ?? '',
          flags: (s.flags as number) ?? 0,
          name: (s.name as string) ?? '',
          kind: ((s.kind as number) ?? 0) as Span['kind'],
          startTimeUnixNano: String(s.startTimeUnixNano ?? '0'),
          endTimeUnixNano: String(s.endTimeUnixNano ?? '0'),
          attributes: keyValues(s.attributes),
          droppedAttributesCount: (s.droppedAttributesCount as number) ?? 0,
          events: ((s.events as PbObject[]) ?? []).map((e) => ({
            timeUnixNano: String(e.timeUnixNano ?? '0'),
            name: (e.name as string) ?? '',
            attributes: keyValues(e.attributes),
            droppedAttributesCount: (e.droppedAttributesCount as number) ?? 0,
          })),
          droppedEventsCount: (s.droppedEventsCount as number) ?? 0,
          links: ((s.links as PbObject[]) ?? []).map((l) => ({
            traceId: hex(l.traceId),
            spanId: hex(l.spanId),
            traceState: (l.traceState as string) ?? '',
            attributes: keyValues(l.attributes),
            droppedAttributesCount: (l.droppedAttributesCount as number) ?? 0,
            flags: (l.flags as number) ?? 0,
          })),
          droppedLinksCount: (s.droppedLinksCount as number) ?? 0,
          status: {
            code: ((status.code as number) ?? 0) as Span['status']['code'],
            message: (status.message as string) ?? '',
          },
          resource,
          scope,
        });
      }
    }
  }
  return out;
}

/** A request with one span: overrides merge into a valid default span. */
export function oneSpanRequest(overrides: PbObject = {}): PbObject {
  return {
    resourceSpans: [
      {
        resource: { attributes: [{ key: 'service.name', value: { stringValue: 'svc' } }] },
        scopeSpans: [
          {
            scope: { name: 'test' },
            spans: [
              {
                traceId: Uint8Array.from({ length: 16 }, (_, i) => i + 1),
                spanId: Uint8Array.from({ length: 8 }, (_, i) => i + 0xa0),
                name: 'one',
                kind: 1,
                startTimeUnixNano: '1795625092587000001',
                endTimeUnixNano: '1795625092687000002',
                ...overrides,
              },
            ],
          },
        ],
      },
    ],
  };
}

/** The OTLP/JSON text of oneSpanRequest() with `fields` (OTLP/JSON spellings) merged into its span. */
export function oneSpanJsonWith(fields: Record<string, unknown>): string {
  const body = toOtlpJson(oneSpanRequest()) as {
    resourceSpans: { scopeSpans: { spans: Record<string, unknown>[] }[] }[];
  };
  Object.assign(body.resourceSpans[0]!.scopeSpans[0]!.spans[0]!, fields);
  return JSON.stringify(body);
}
