// Representative traces for the golden files and the schema checks.
import type { Span } from '../../../shared/model/span.js';
import { attr, attrs, exceptionEvent, resource, scope, span } from './fixtures.js';

const T0 = 1714557600000000000n; // 2024-05-01T10:00:00Z
const at = (ms: number) => String(T0 + BigInt(Math.round(ms * 1e6)));

const PYTHON_TRACEBACK = [
  'Traceback (most recent call last):',
  '  File "/srv/checkout/app/payments.py", line 88, in process_payment',
  '    result = charge_card(amount)',
  '  File "/srv/checkout/app/gateway.py", line 31, in charge_card',
  '    return client.charge(card_token, amount)',
  '  File "/usr/local/lib/python3.12/site-packages/stripe/_client.py", line 214, in charge',
  '    raise CardError(msg)',
  'app.errors.PaymentError: card declined (insufficient funds)',
].join('\n');

const JAVA_TRACE = [
  'java.lang.IllegalStateException: inventory out of sync for sku 1234',
  '\tat com.shop.inventory.StockService.reserve(StockService.java:77)',
  '\tat com.shop.orders.OrderController.place(OrderController.java:41)',
  '\tat jdk.internal.reflect.DirectMethodHandleAccessor.invoke(DirectMethodHandleAccessor.java:103)',
  '\tat org.springframework.web.servlet.FrameworkServlet.service(FrameworkServlet.java:885)',
  'Caused by: java.sql.SQLException: lock wait timeout',
  '\tat com.shop.inventory.StockDao.lock(StockDao.java:19)',
  '\t... 3 more',
].join('\n');

const NODE_TRACE = [
  "TypeError: Cannot read properties of undefined (reading 'id')",
  '    at getUser (/srv/api/src/users.js:42:17)',
  '    at async handler (/srv/api/src/routes.js:12:5)',
  '    at async Layer.handle (/srv/api/node_modules/express/lib/router/layer.js:95:5)',
  '    at process.processTicksAndRejections (node:internal/process/task_queues:95:5)',
].join('\n');

function tutorial(): Span[] {
  // The seed tutorial's Python app: "HTTP GET /api/users" → "db.query".
  const res = resource({
    'service.name': 'api-service',
    'deployment.environment': 'production',
    'telemetry.sdk.language': 'python',
    'telemetry.sdk.name': 'opentelemetry',
    'telemetry.sdk.version': '1.27.0',
  });
  const sc = scope('api-service');
  const traceId = '2e1b6d9c0f3a4b5c8d7e6f5a4b3c2d1e';
  return [
    span({
      traceId,
      spanId: '8a3c60f7d188f8fa',
      name: 'HTTP GET /api/users',
      kind: 1,
      startTimeUnixNano: at(0),
      endTimeUnixNano: at(42.5),
      resource: res,
      scope: sc,
      attributes: [attr('http.method', 'GET'), attr('http.url', '/api/users'), attr('http.status_code', 200)],
    }),
    span({
      traceId,
      spanId: '5f0e2c1d9b8a7f6e',
      parentSpanId: '8a3c60f7d188f8fa',
      name: 'db.query',
      kind: 1,
      startTimeUnixNano: at(3.2),
      endTimeUnixNano: at(38.9),
      resource: res,
      scope: sc,
      attributes: attrs({ 'db.system': 'postgresql', 'db.statement': 'SELECT * FROM users' }),
    }),
  ];
}

function paymentPython(): Span[] {
  const res = resource({
    'service.name': 'checkout',
    'service.version': '3.2.1',
    'deployment.environment.name': 'staging',
    'host.name': 'checkout-7d9f',
    'telemetry.sdk.language': 'python',
  });
  const traceId = '4bf92f3577b34da6a3ce929d0e0e4736';
  return [
    span({
      traceId,
      spanId: '00f067aa0ba902b7',
      kind: 2,
      name: 'POST /checkout',
      startTimeUnixNano: at(0),
      endTimeUnixNano: at(120),
      resource: res,
      scope: scope('opentelemetry.instrumentation.flask', '0.48b0'),
      status: { code: 2, message: '' },
      attributes: attrs({
        'http.request.method': 'POST',
        'http.route': '/checkout',
        'url.path': '/checkout',
        'http.response.status_code': 402,
      }),
    }),
    span({
      traceId,
      spanId: 'b7ad6b7169203331',
      parentSpanId: '00f067aa0ba902b7',
      name: 'process_payment',
      startTimeUnixNano: at(10),
      endTimeUnixNano: at(110),
      resource: res,
      scope: scope('checkout.payments'),
      status: { code: 2, message: 'card declined (insufficient funds)' },
      events: [
        exceptionEvent(
          {
            'exception.type': 'app.errors.PaymentError',
            'exception.message': 'card declined (insufficient funds)',
            'exception.stacktrace': PYTHON_TRACEBACK,
            'exception.escaped': true,
          },
          at(109),
        ),
      ],
    }),
  ];
}

function javaError(): Span[] {
  const res = resource({
    'service.name': 'orders',
    'service.version': '1.0.0-SNAPSHOT',
    'telemetry.sdk.language': 'java',
    'deployment.environment': 'dev',
  });
  const traceId = '0af7651916cd43dd8448eb211c80319c';
  return [
    span({
      traceId,
      spanId: 'e457b5a2e4d86bd1',
      kind: 2,
      name: 'POST /orders',
      startTimeUnixNano: at(0),
      endTimeUnixNano: at(300),
      resource: res,
      scope: scope('io.opentelemetry.tomcat-10.0', '2.9.0-alpha'),
      status: { code: 2, message: '' },
      attributes: attrs({
        'http.request.method': 'POST',
        'http.route': '/orders',
        'http.response.status_code': 500,
        'url.scheme': 'http',
      }),
      events: [
        exceptionEvent(
          {
            'exception.type': 'java.lang.IllegalStateException',
            'exception.message': 'inventory out of sync for sku 1234',
            'exception.stacktrace': JAVA_TRACE,
          },
          at(290),
        ),
      ],
    }),
    span({
      traceId,
      spanId: '53995c3f42cd8ad8',
      parentSpanId: 'e457b5a2e4d86bd1',
      kind: 3,
      name: 'UPDATE shop.stock',
      startTimeUnixNano: at(20),
      endTimeUnixNano: at(280),
      resource: res,
      scope: scope('io.opentelemetry.jdbc', '2.9.0-alpha'),
      status: { code: 2, message: 'lock wait timeout' },
      attributes: attrs({
        'db.system': 'mysql',
        'db.statement': 'UPDATE stock SET reserved = reserved + ? WHERE sku = ?',
        'db.name': 'shop',
      }),
    }),
  ];
}

function nodeError(): Span[] {
  const res = resource({
    'service.name': 'users-api',
    'service.version': '0.9.3',
    'telemetry.sdk.language': 'nodejs',
    'host.name': 'mbp.local',
  });
  const traceId = '5b8efff798038103d269b633813fc60c';
  return [
    span({
      traceId,
      spanId: 'eee19b7ec3c1b174',
      kind: 2,
      name: 'GET /users/:id',
      startTimeUnixNano: at(0),
      endTimeUnixNano: at(15),
      resource: res,
      scope: scope('@opentelemetry/instrumentation-http', '0.223.1'),
      status: { code: 2, message: '' },
      attributes: attrs({
        'http.request.method': 'GET',
        'http.route': '/users/:id',
        'url.path': '/users/17',
        'http.response.status_code': 500,
        'server.address': 'localhost',
      }),
    }),
    span({
      traceId,
      spanId: 'eee19b7ec3c1b173',
      parentSpanId: 'eee19b7ec3c1b174',
      name: 'request handler - /users/:id',
      startTimeUnixNano: at(1),
      endTimeUnixNano: at(14),
      resource: res,
      scope: scope('@opentelemetry/instrumentation-express', '0.47.0'),
      status: { code: 2, message: "Cannot read properties of undefined (reading 'id')" },
      attributes: attrs({ 'express.type': 'request_handler', 'http.route': '/users/:id' }),
      events: [
        exceptionEvent(
          {
            'exception.type': 'TypeError',
            'exception.message': "Cannot read properties of undefined (reading 'id')",
            'exception.stacktrace': NODE_TRACE,
          },
          at(13),
        ),
      ],
    }),
  ];
}

function serverChild(): Span[] {
  const front = resource({ 'service.name': 'frontend' });
  const back = resource({ 'service.name': 'backend' });
  const traceId = 'a3ce929d0e0e47364bf92f3577b34da6';
  return [
    span({
      traceId,
      spanId: '1000000000000001',
      kind: 3,
      name: 'GET',
      startTimeUnixNano: at(0),
      endTimeUnixNano: at(50),
      resource: front,
      attributes: attrs({
        'http.request.method': 'GET',
        'url.full': 'http://backend:8080/api/items?page=2',
        'http.response.status_code': 200,
      }),
    }),
    span({
      traceId,
      spanId: '1000000000000002',
      parentSpanId: '1000000000000001',
      kind: 2,
      name: 'GET /api/items',
      startTimeUnixNano: at(2),
      endTimeUnixNano: at(48),
      resource: back,
      attributes: attrs({
        'http.request.method': 'GET',
        'http.route': '/api/items',
        'url.path': '/api/items',
        'http.response.status_code': 200,
      }),
    }),
    span({
      traceId,
      spanId: '1000000000000003',
      parentSpanId: '1000000000000002',
      kind: 3,
      name: 'SELECT items',
      startTimeUnixNano: at(5),
      endTimeUnixNano: at(40),
      resource: back,
      attributes: attrs({
        'db.system.name': 'postgresql',
        'db.query.text': 'SELECT * FROM items LIMIT 20 OFFSET 20',
      }),
    }),
    span({
      traceId,
      spanId: '1000000000000004',
      parentSpanId: '1000000000000001',
      kind: 1,
      name: 'render',
      startTimeUnixNano: at(49),
      endTimeUnixNano: at(50),
      resource: front,
    }),
  ];
}

function orphanChain(): Span[] {
  const res = resource({ 'service.name': 'worker' });
  const traceId = 'c0ffee00c0ffee00c0ffee00c0ffee00';
  return [
    span({
      traceId,
      spanId: '2000000000000001',
      parentSpanId: '2fffffffffffffff',
      name: 'process batch',
      startTimeUnixNano: at(0),
      endTimeUnixNano: at(90),
      resource: res,
    }),
    span({
      traceId,
      spanId: '2000000000000002',
      parentSpanId: '2000000000000001',
      name: 'load',
      startTimeUnixNano: at(5),
      endTimeUnixNano: at(40),
      resource: res,
    }),
    span({
      traceId,
      spanId: '2000000000000003',
      parentSpanId: '2000000000000002',
      name: 'parse',
      startTimeUnixNano: at(10),
      endTimeUnixNano: at(30),
      resource: res,
    }),
  ];
}

function largeTrace(children: number): Span[] {
  const res = resource({ 'service.name': 'importer', 'telemetry.sdk.language': 'go' });
  const sc = scope('importer/jobs', 'v1.2.0');
  const traceId = 'fa1afa1afa1afa1afa1afa1afa1afa1a';
  const out: Span[] = [
    span({
      traceId,
      spanId: '3000000000000000',
      kind: 5,
      name: 'import job',
      startTimeUnixNano: at(0),
      endTimeUnixNano: at(children + 10),
      resource: res,
      scope: sc,
      attributes: attrs({ 'messaging.system': 'kafka', 'messaging.destination.name': 'imports' }),
    }),
  ];
  for (let i = 1; i <= children; i++)
    out.push(
      span({
        traceId,
        spanId: '3' + i.toString(16).padStart(15, '0'),
        parentSpanId: '3000000000000000',
        kind: 3,
        name: 'INSERT rows',
        startTimeUnixNano: at(i),
        endTimeUnixNano: at(i + 0.5),
        resource: res,
        scope: sc,
        attributes: attrs({
          'db.system.name': 'postgresql',
          'db.query.text': 'INSERT INTO rows (id, body) VALUES ($1, $2)',
          'db.operation.batch.size': i % 50,
        }),
      }),
    );
  return out;
}

function newSemconvHttp(): Span[] {
  const res = resource({
    'service.name': 'shop-web',
    'service.version': '2026.11.1',
    'deployment.environment.name': 'production',
    'telemetry.sdk.language': 'nodejs',
    'host.name': 'web-3',
  });
  const traceId = '7a3b9c1d2e4f60718293a4b5c6d7e8f9';
  return [
    span({
      traceId,
      spanId: '4000000000000001',
      kind: 2,
      name: 'GET /products/{slug}',
      startTimeUnixNano: at(0),
      endTimeUnixNano: at(80),
      resource: res,
      scope: scope('@opentelemetry/instrumentation-http', '0.223.1'),
      attributes: attrs({
        'http.request.method': 'GET',
        'http.route': '/products/{slug}',
        'url.path': '/products/red-shoes',
        'url.scheme': 'https',
        'http.response.status_code': 200,
        'user_agent.original': 'Mozilla/5.0',
        'client.address': '10.0.0.7',
      }),
    }),
    span({
      traceId,
      spanId: '4000000000000002',
      parentSpanId: '4000000000000001',
      kind: 3,
      name: 'GET',
      startTimeUnixNano: at(10),
      endTimeUnixNano: at(60),
      resource: res,
      scope: scope('@opentelemetry/instrumentation-undici', '0.10.0'),
      status: { code: 2, message: '' },
      attributes: attrs({
        'http.request.method': 'GET',
        'url.full': 'https://inventory.internal/v2/stock/red-shoes?fresh=1',
        'server.address': 'inventory.internal',
        'http.response.status_code': 404,
      }),
    }),
    span({
      traceId,
      spanId: '4000000000000003',
      parentSpanId: '4000000000000001',
      kind: 3,
      name: 'SELECT shop.products',
      startTimeUnixNano: at(62),
      endTimeUnixNano: at(75),
      resource: res,
      scope: scope('@opentelemetry/instrumentation-pg', '0.50.0'),
      attributes: attrs({
        'db.system.name': 'postgresql',
        'db.query.text': 'SELECT * FROM products WHERE slug = $1',
        'db.namespace': 'shop',
        'db.collection.name': 'products',
      }),
    }),
  ];
}

export const SCENARIOS: { name: string; spans: () => Span[]; environment?: string }[] = [
  { name: 'tutorial-http-get-api-users', spans: tutorial, environment: 'production' },
  { name: 'payment-error-python', spans: paymentPython },
  { name: 'java-stack-trace', spans: javaError },
  { name: 'node-stack-trace', spans: nodeError },
  { name: 'server-child', spans: serverChild },
  { name: 'orphan-chain', spans: orphanChain },
  { name: 'large-1500-spans', spans: () => largeTrace(1499) },
  { name: 'new-semconv-http', spans: newSemconvHttp },
];
