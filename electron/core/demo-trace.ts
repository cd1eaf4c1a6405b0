// A realistic demo trace, so a new user sees every part of the UI before instrumenting anything: an HTTP
// server root that fails with an exception, a PostgreSQL query and an outgoing HTTP call, as an OTLP/JSON
// ExportTraceServiceRequest (what an OpenTelemetry SDK would send).
import { randomBytes } from 'node:crypto';

type JsonAttr = { key: string; value: Record<string, unknown> };

const str = (key: string, v: string): JsonAttr => ({ key, value: { stringValue: v } });
const int = (key: string, v: number): JsonAttr => ({ key, value: { intValue: String(v) } });

const STACK = [
  "TypeError: Cannot read properties of undefined (reading 'email')",
  '    at serializeUser (/srv/demo-shop/src/users/serialize.js:14:27)',
  '    at Array.map (<anonymous>)',
  '    at listUsers (/srv/demo-shop/src/users/routes.js:42:23)',
  '    at process.processTicksAndRejections (node:internal/process/task_queues:95:5)',
  '    at async Layer.handle (/srv/demo-shop/node_modules/express/lib/router/layer.js:95:5)',
].join('\n');

interface DemoTrace {
  traceId: string;
  /** OTLP/JSON body for POST /v1/traces. */
  body: unknown;
}

/** `nowMs` anchors the timestamps (the trace ends just before it). */
function buildDemoTrace(nowMs: number = Date.now()): DemoTrace {
  const traceId = randomBytes(16).toString('hex');
  const [rootId, dbId, httpId] = [0, 1, 2].map(() => randomBytes(8).toString('hex')) as [
    string,
    string,
    string,
  ];
  const t0 = BigInt(Math.round(nowMs - 250)) * 1_000_000n;
  const at = (ms: number): string => (t0 + BigInt(Math.round(ms * 1e6))).toString();

  const root = {
    traceId,
    spanId: rootId,
    name: 'GET /api/users',
    kind: 2,
    startTimeUnixNano: at(0),
    endTimeUnixNano: at(182.4),
    attributes: [
      str('http.request.method', 'GET'),
      str('http.route', '/api/users'),
      str('url.path', '/api/users'),
      str('url.scheme', 'http'),
      str('server.address', 'localhost'),
      int('server.port', 3000),
      int('http.response.status_code', 500),
      str('user_agent.original', 'Mozilla/5.0 (X11; Linux x86_64) Chrome/126.0'),
      str('client.address', '127.0.0.1'),
    ],
    events: [
      {
        timeUnixNano: at(180.2),
        name: 'exception',
        attributes: [
          str('exception.type', 'TypeError'),
          str('exception.message', "Cannot read properties of undefined (reading 'email')"),
          str('exception.stacktrace', STACK),
        ],
      },
    ],
    status: { code: 2, message: "TypeError: Cannot read properties of undefined (reading 'email')" },
  };
  const db = {
    traceId,
    spanId: dbId,
    parentSpanId: rootId,
    name: 'SELECT users',
    kind: 3,
    startTimeUnixNano: at(4.1),
    endTimeUnixNano: at(41.7),
    attributes: [
      str('db.system', 'postgresql'),
      str('db.system.name', 'postgresql'),
      str('db.namespace', 'shop'),
      str('db.operation.name', 'SELECT'),
      str('db.collection.name', 'users'),
      str('db.query.text', 'SELECT id, name, email FROM users WHERE active = $1 ORDER BY id LIMIT 50'),
      str('server.address', 'db.internal'),
      int('server.port', 5432),
    ],
    status: { code: 0 },
  };
  const http = {
    traceId,
    spanId: httpId,
    parentSpanId: rootId,
    name: 'GET',
    kind: 3,
    startTimeUnixNano: at(45.3),
    endTimeUnixNano: at(171.9),
    attributes: [
      str('http.request.method', 'GET'),
      str('url.full', 'http://avatars.internal:8080/v1/avatars?ids=1,2,3'),
      str('server.address', 'avatars.internal'),
      int('server.port', 8080),
      int('http.response.status_code', 200),
    ],
    status: { code: 0 },
  };
  const body = {
    resourceSpans: [
      {
        resource: {
          attributes: [
            str('service.name', 'demo-shop'),
            str('service.version', '1.4.2'),
            str('deployment.environment.name', 'development'),
            str('telemetry.sdk.name', 'opentelemetry'),
            str('telemetry.sdk.language', 'nodejs'),
            str('telemetry.sdk.version', '2.0.0'),
            str('host.name', 'dev-laptop'),
          ],
        },
        scopeSpans: [
          {
            scope: { name: '@opentelemetry/instrumentation-http', version: '0.57.0' },
            spans: [root, db, http],
          },
        ],
      },
    ],
  };
  return { traceId, body };
}

/** Posts the demo trace to an OTLP/HTTP endpoint (e.g. http://127.0.0.1:4318); resolves to its trace ID. */
export async function sendDemoTrace(endpoint: string): Promise<string> {
  const { traceId, body } = buildDemoTrace();
  const res = await fetch(`${endpoint}/v1/traces`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify(body),
    signal: AbortSignal.timeout(10_000),
  });
  if (!res.ok)
    throw new Error(`the OTLP/HTTP receiver answered ${res.status}: ${(await res.text()).slice(0, 300)}`);
  return traceId;
}
