import { describe, expect, it } from 'vitest';
import { exceptionsOf, stackLines } from '../../../renderer/src/model/exception.js';
import { makeSpan } from '../fixtures.js';

describe('exceptionsOf', () => {
  it('reads type, message, stack and escaped from exception events only', () => {
    const span = makeSpan({
      id: '1',
      events: [
        { name: 'log', timeUnixNano: '1', attributes: [], droppedAttributesCount: 0 },
        {
          name: 'exception',
          timeUnixNano: '2000000',
          droppedAttributesCount: 0,
          attributes: [
            { key: 'exception.type', value: { stringValue: 'TypeError' } },
            { key: 'exception.message', value: { stringValue: 'x is undefined' } },
            { key: 'exception.stacktrace', value: { stringValue: 'TypeError: x\n    at f (a.js:1:2)' } },
            { key: 'exception.escaped', value: { boolValue: true } },
          ],
        },
      ],
    });
    expect(exceptionsOf(span)).toEqual([
      {
        type: 'TypeError',
        message: 'x is undefined',
        stacktrace: 'TypeError: x\n    at f (a.js:1:2)',
        escaped: true,
        timeMs: 2,
      },
    ]);
  });
});

describe('stackLines', () => {
  // The frames come from shared/sentry/stacktrace, the parsers the Sentry mapping uses; these check the
  // display: most recent call first, source lines under their frames, library frames marked.
  it('lists a V8 stack most recent call first, marking library frames', () => {
    const stack = [
      'Error: card declined',
      '    at charge (/app/src/billing.ts:42:11)',
      '    at async handler (/app/src/routes.ts:10:3)',
      '    at Layer.handle (/app/node_modules/express/lib/router/layer.js:95:5)',
      '    at /app/src/anon.js:3:1',
      '    at process.processTicksAndRejections (node:internal/process/task_queues:95:5)',
    ].join('\n');
    expect(stackLines(stack)).toEqual([
      { kind: 'frame', fn: 'charge', location: '/app/src/billing.ts:42:11', library: false },
      { kind: 'frame', fn: 'handler', location: '/app/src/routes.ts:10:3', library: false },
      {
        kind: 'frame',
        fn: 'Layer.handle',
        location: '/app/node_modules/express/lib/router/layer.js:95:5',
        library: true,
      },
      { kind: 'frame', fn: '?', location: '/app/src/anon.js:3:1', library: false },
      {
        kind: 'frame',
        fn: 'process.processTicksAndRejections',
        location: 'node:internal/process/task_queues:95:5',
        library: true,
      },
    ]);
  });
  it('keeps Python source lines under their frames, most recent call first', () => {
    const stack = [
      'Traceback (most recent call last):',
      '  File "/app/main.py", line 12, in checkout',
      '    charge(card)',
      '  File "/usr/lib/python3/site-packages/stripe/api.py", line 5, in charge',
      '    raise CardError()',
      'stripe.CardError: declined',
    ].join('\r\n');
    expect(stackLines(stack)).toEqual([
      { kind: 'frame', fn: 'charge', location: 'stripe/api.py:5', library: true },
      { kind: 'code', text: 'raise CardError()' },
      { kind: 'frame', fn: 'checkout', location: '/app/main.py:12', library: false },
      { kind: 'code', text: 'charge(card)' },
    ]);
  });
  it('reads the languages the mapping reads (here a JVM stack), not only Node and Python', () => {
    const stack = [
      'java.lang.IllegalStateException: boom',
      '\tat com.acme.shop.Cart.checkout(Cart.java:42)',
      '\tat org.springframework.web.servlet.FrameworkServlet.service(FrameworkServlet.java:897)',
    ].join('\n');
    expect(stackLines(stack, { language: 'java' })).toEqual([
      { kind: 'frame', fn: 'checkout', location: 'Cart.java:42', library: false },
      { kind: 'frame', fn: 'service', location: 'FrameworkServlet.java:897', library: true },
    ]);
  });
  it('shows text no parser reads line by line', () => {
    expect(stackLines('something went wrong\n\n  no frames here ')).toEqual([
      { kind: 'text', text: 'something went wrong' },
      { kind: 'text', text: '  no frames here' },
    ]);
  });
});
