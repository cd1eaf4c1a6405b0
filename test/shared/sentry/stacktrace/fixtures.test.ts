// Every fixture trace in test/fixtures/stacktraces, parsed with and without a hint, asserting every frame
// field, oldest frame first.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { parseStackTrace, type SentryFrame } from '../../../../shared/sentry/stacktrace/index.js';
import { sentryValidators } from '../fixtures.js';

const fixture = (name: string) =>
  readFileSync(fileURLToPath(new URL(`../../../fixtures/stacktraces/${name}`, import.meta.url)), 'utf8');

type Case = { file: string; language: string; hint: string; frames: SentryFrame[] };

const abs = (p: string) => ({ filename: p, abs_path: p });

const cases: Case[] = [
  {
    file: 'python-chained.txt',
    language: 'python',
    hint: 'python',
    // Only the last traceback (the exception finally raised); carets under a line are not source.
    frames: [
      {
        ...abs('/srv/payments/app/main.py'),
        function: '<module>',
        lineno: 12,
        in_app: true,
        context_line: 'run()',
      },
      {
        ...abs('/srv/payments/app/views.py'),
        function: 'checkout',
        lineno: 41,
        in_app: true,
        context_line: 'receipt = charge(order)',
      },
      {
        ...abs('/srv/payments/app/billing.py'),
        function: 'charge',
        lineno: 27,
        in_app: true,
        context_line: 'raise PaymentError(f"card declined for order {order.id}")',
      },
    ],
  },
  {
    file: 'python-stdlib.txt',
    language: 'python',
    hint: 'python',
    frames: [
      {
        ...abs('/usr/lib/python3.11/asyncio/runners.py'),
        function: 'run',
        lineno: 118,
        in_app: false,
        context_line: 'return self._loop.run_until_complete(task)',
      },
      { filename: '<frozen importlib._bootstrap>', function: '_gcd_import', lineno: 1204, in_app: false },
      {
        ...abs('/home/dev/worker/tasks.py'),
        function: 'handle',
        lineno: 9,
        in_app: true,
        context_line: 'payload = json.loads(body)',
      },
      {
        filename: 'simplejson/__init__.py',
        abs_path: '/usr/lib/python3/dist-packages/simplejson/__init__.py',
        module: 'simplejson',
        function: 'loads',
        lineno: 525,
        in_app: false,
        context_line: 'return _default_decoder.decode(s)',
      },
    ],
  },
  {
    file: 'java.txt',
    language: 'java',
    hint: 'java',
    // The top exception's frames only; "Caused by:" belongs to another exception.
    frames: [
      { module: 'com.acme.Main', function: 'main', in_app: true },
      { filename: 'Thread.java', module: 'java.lang.Thread', function: 'run', lineno: 1583, in_app: false },
      {
        filename: 'FrameworkServlet.java',
        module: 'org.springframework.web.servlet.FrameworkServlet',
        function: 'service',
        lineno: 885,
        in_app: false,
      },
      { module: 'jdk.internal.reflect.NativeMethodAccessorImpl', function: 'invoke0', in_app: false },
      {
        filename: 'CheckoutController.kt',
        module: 'com.acme.api.CheckoutController',
        function: 'checkout',
        lineno: 27,
        in_app: true,
      },
      {
        filename: 'Payments.java',
        module: 'com.acme.payments.Payments$Retry',
        function: 'lambda$run$0',
        lineno: 88,
        in_app: true,
      },
      {
        filename: 'Payments.java',
        module: 'com.acme.payments.Payments',
        function: 'charge',
        lineno: 42,
        in_app: true,
      },
    ],
  },
  {
    file: 'node.txt',
    language: 'javascript',
    hint: 'nodejs',
    frames: [
      {
        function: 'process.processTicksAndRejections',
        filename: 'node:internal/process/task_queues',
        lineno: 95,
        colno: 5,
        in_app: false,
      },
      {
        function: 'handler',
        filename: '/srv/app/src/api.mjs',
        abs_path: 'file:///srv/app/src/api.mjs',
        lineno: 10,
        colno: 5,
        in_app: true,
      },
      { function: 'Array.map', filename: '<anonymous>', in_app: false },
      {
        function: 'Layer.handle [as handle_request]',
        ...abs('/srv/app/node_modules/express/lib/router/layer.js'),
        lineno: 95,
        colno: 5,
        in_app: false,
      },
      // eval'd code points at the eval call site
      { function: 'eval', ...abs('/srv/app/src/tpl.js'), lineno: 3, colno: 10, in_app: true },
      { ...abs('/srv/app/src/routes.js'), lineno: 77, colno: 3, in_app: true },
      { function: 'Object.<anonymous>', ...abs('/srv/app/src/index.js'), lineno: 5, colno: 9, in_app: true },
      {
        function: 'new Invoice',
        filename: '/srv/app/src/invoice v2.mjs',
        abs_path: 'file:///srv/app/src/invoice%20v2.mjs',
        lineno: 8,
        colno: 11,
        in_app: true,
      },
      { function: 'Promise.all', filename: '<anonymous>', in_app: false },
      { function: 'getUser', ...abs('/srv/app/src/users.js'), lineno: 42, colno: 17, in_app: true },
    ],
  },
  {
    file: 'go-panic.txt',
    language: 'go',
    hint: 'go',
    // The first goroutine only; `created by` is not a call in its stack.
    frames: [
      {
        ...abs('/usr/local/go/src/net/http/server.go'),
        module: 'net/http',
        function: 'serverHandler.ServeHTTP',
        lineno: 3137,
        in_app: false,
      },
      {
        ...abs('/home/dev/go/pkg/mod/github.com/go-chi/chi/v5@v5.0.12/mux.go'),
        module: 'github.com/go-chi/chi/v5',
        function: '(*Mux).ServeHTTP',
        lineno: 90,
        in_app: false,
      },
      {
        ...abs('/home/dev/shop/cmd/server/main.go'),
        module: 'main',
        function: '(*Server).handle',
        lineno: 42,
        in_app: true,
      },
      {
        ...abs('/home/dev/shop/internal/pay/charge.go'),
        module: 'github.com/acme/shop/internal/pay',
        function: '(*Charger).Charge',
        lineno: 57,
        in_app: true,
      },
      { ...abs('/usr/local/go/src/runtime/panic.go'), function: 'panic', lineno: 770, in_app: false },
      {
        ...abs('/usr/local/go/src/net/http/server.go'),
        module: 'net/http',
        function: '(*conn).serve.func1',
        lineno: 1898,
        in_app: false,
      },
    ],
  },
  {
    file: 'dotnet.txt',
    language: 'dotnet',
    hint: 'dotnet',
    // The inner exception's frames (before "End of inner exception stack trace") are dropped.
    frames: [
      {
        module: 'Microsoft.AspNetCore.Mvc.Infrastructure.ActionMethodExecutor',
        function: 'Execute',
        in_app: false,
      },
      {
        ...abs('/src/Acme.Api/Controllers/PayController.cs'),
        module: 'Acme.Api.Controllers.PayController',
        function: 'Post',
        lineno: 23,
        in_app: true,
      },
      { module: 'System.Linq.Enumerable', function: 'First[TSource]', in_app: false },
      {
        ...abs('C:\\src\\Acme.Payments\\Order.cs'),
        module: 'Acme.Payments.Order',
        function: '.ctor',
        lineno: 12,
        in_app: true,
      },
      { module: 'System.Runtime.ExceptionServices.ExceptionDispatchInfo', function: 'Throw', in_app: false },
      {
        ...abs('/src/Acme.Payments/Gateway.cs'),
        module: 'Acme.Payments.Gateway',
        function: 'ChargeAsync',
        lineno: 57,
        in_app: true,
      },
    ],
  },
  {
    file: 'ruby.txt',
    language: 'ruby',
    hint: 'ruby',
    frames: [
      { filename: 'bin/rails', function: '<main>', lineno: 4, in_app: true },
      {
        ...abs('/app/lib/tasks/retry.rb'),
        function: 'block (2 levels) in retrying',
        lineno: 8,
        in_app: true,
      },
      { filename: '<internal:kernel>', function: 'loop', lineno: 187, in_app: false },
      { ...abs('/usr/local/lib/ruby/3.3.0/benchmark.rb'), function: 'realtime', lineno: 311, in_app: false },
      {
        ...abs('/usr/local/bundle/gems/activerecord-7.1.3/lib/active_record/transactions.rb'),
        function: 'transaction',
        lineno: 359,
        in_app: false,
      },
      {
        ...abs('/app/app/controllers/orders_controller.rb'),
        module: 'OrdersController',
        function: 'block in create',
        lineno: 12,
        in_app: true,
      },
      {
        ...abs('/app/app/services/payments/charge.rb'),
        module: 'Payments::Charge',
        function: 'call',
        lineno: 42,
        in_app: true,
      },
    ],
  },
];

const validators = sentryValidators();

describe('parseStackTrace on fixture traces', () => {
  describe.each(cases)('$file', ({ file, language, hint, frames }) => {
    const text = fixture(file);
    it('detects the language and reads every frame, oldest first', () => {
      expect(parseStackTrace(text)).toEqual({ frames, language, parsed: true });
    });
    it(`gives the same result with the hint language=${hint}`, () => {
      expect(parseStackTrace(text, { language: hint })).toEqual({ frames, language, parsed: true });
    });
    it('is not misled by a wrong language hint', () => {
      for (const wrong of ['python', 'java', 'nodejs', 'go', 'dotnet', 'ruby', 'php', 'rust']) {
        expect(parseStackTrace(text, { language: wrong }).language).toBe(language);
      }
    });
    it("gives frames that Sentry's event schema accepts", () => {
      const event = {
        event_id: 'fc6d8c0c43fc4630ad850ee518f1b9d0',
        timestamp: 1742921669.17,
        platform: 'other',
        exception: { values: [{ type: 'Error', value: file, stacktrace: { frames } }] },
      };
      expect(validators.error(event)).toBe('');
    });
    it('reads the same frames from CRLF text', () => {
      expect(parseStackTrace(text.replace(/\n/g, '\r\n')).frames).toEqual(frames);
    });
  });
});
