// Framework span ops and descriptions, as Sentry's SDKs name them (sources in docs/sentry-mapping.md).
import { expect, it } from 'vitest';
import { frameworkDescriptor } from '../../../../shared/sentry/inference/framework-ops.js';
import type { Span } from '../../../../shared/model/span.js';
import { attrs, scope, span } from '../fixtures.js';

const cases: [string, Partial<Span>, { op: string; description: string } | undefined][] = [
  [
    'express middleware',
    {
      name: 'middleware - query',
      attributes: attrs({ 'express.type': 'middleware', 'express.name': 'query' }),
    },
    { op: 'middleware.express', description: 'query' },
  ],
  [
    'express request handler',
    {
      name: 'request handler - /users/:id',
      attributes: attrs({
        'express.type': 'request_handler',
        'express.name': '/users/:id',
        'http.route': '/users/:id',
      }),
    },
    { op: 'request_handler.express', description: '/users/:id' },
  ],
  [
    'express router',
    { name: 'router - /api', attributes: attrs({ 'express.type': 'router', 'express.name': '/api' }) },
    { op: 'router.express', description: '/api' },
  ],
  [
    'fastify hook, prefix stripped',
    { name: 'x', attributes: attrs({ 'fastify.type': 'hook', 'hook.name': 'fastify -> onRequest' }) },
    { op: 'hook.fastify', description: 'onRequest' },
  ],
  [
    'koa with an empty name',
    { name: 'middleware - ', attributes: attrs({ 'koa.type': 'middleware', 'koa.name': '' }) },
    { op: 'middleware.koa', description: '< unknown >' },
  ],
  [
    'hapi route (name from the span)',
    { name: 'route - /users/{id}', attributes: attrs({ 'hapi.type': 'router' }) },
    { op: 'router.hapi', description: 'route - /users/{id}' },
  ],
  [
    'connect',
    {
      name: 'request handler - /a',
      attributes: attrs({ 'connect.type': 'request_handler', 'connect.name': '/a' }),
    },
    { op: 'request_handler.connect', description: '/a' },
  ],
  [
    'nestjs handler',
    { name: 'UsersController.find', attributes: attrs({ 'nestjs.type': 'handler' }) },
    { op: 'handler.nestjs', description: 'UsersController.find' },
  ],
  [
    'celery worker run',
    {
      name: 'run/tasks.add',
      kind: 5,
      attributes: attrs({ 'celery.action': 'run', 'celery.task_name': 'tasks.add' }),
    },
    { op: 'queue.task.celery', description: 'tasks.add' },
  ],
  [
    'celery apply_async',
    {
      name: 'apply_async/tasks.add',
      kind: 4,
      attributes: attrs({ 'celery.action': 'apply_async', 'celery.task_name': 'tasks.add' }),
    },
    { op: 'queue.submit.celery', description: 'tasks.add' },
  ],
  [
    'jinja2 render',
    { name: 'jinja2.render', attributes: attrs({ 'jinja2.template_name': 'index.html' }) },
    { op: 'template.render', description: 'index.html' },
  ],
  [
    'jinja2 compile is not a render',
    { name: 'jinja2.compile', attributes: attrs({ 'jinja2.template_name': 'x' }) },
    undefined,
  ],
  [
    'Spring view render',
    { name: 'Render users/list', scope: scope('io.opentelemetry.spring-webmvc-6.0', '2.0.0') },
    { op: 'view.render', description: 'users/list' },
  ],
  [
    'Spring controller (sentry-java: name as op)',
    { name: 'UserController.getUser', kind: 1, scope: scope('io.opentelemetry.spring-webmvc-6.0', '2.0.0') },
    { op: 'UserController.getUser', description: 'UserController.getUser' },
  ],
  ['a plain internal span', { name: 'compute', kind: 1, scope: scope('my-app', '1') }, undefined],
];

it.each(cases)('%s', (_, p, expected) => {
  const d = frameworkDescriptor(span({ spanId: 'aaaaaaaaaaaaaaaa', ...p }));
  expect(d && { op: d.op, description: d.description }).toEqual(expected);
});
