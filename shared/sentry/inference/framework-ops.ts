// op and description for the framework spans of common OpenTelemetry instrumentations (middleware, routers,
// request handlers, task runs, template and view rendering), as Sentry's SDKs name the same work. The
// classic exporter gives these spans no op at all, so Sentry's performance views cannot group them.
//
// Sources (each rule's `source`, listed in docs/sentry-mapping.md):
//   Node: getsentry/sentry-javascript — the express integration (packages/core/src/integrations/express/
//     patch-layer.ts; before that packages/node/src/integrations/tracing/express.ts `requestHook`:
//     op `${express.type}.express`, name from `express.name`), and the same pattern for fastify
//     (fastify/v3/instrumentation.ts), koa, hapi, connect (vendored instrumentations), hono and nestjs.
//   Python: getsentry/sentry-python `consts.OP` (queue.task.celery, queue.submit.celery, template.render),
//     applied to the spans of opentelemetry-instrumentation-celery and -jinja2.
//   Java: getsentry/sentry-java sentry-opentelemetry-core `SpanDescriptionExtractor`: a span that is neither
//     HTTP nor DB gets its name as op and description; applied to the Java agent's controller spans.
//     Spring view rendering ("Render <view>") gets `view.render` (sentry-python OP.VIEW_RENDER).
import { stringAttribute } from '../../model/attributes.js';
import { SpanKind, type Span } from '../../model/span.js';

interface FrameworkDescriptor {
  op: string;
  description: string;
  /** Provenance: which rule, and the attribute that identified the framework. */
  rule: string;
  key: string;
}

interface FrameworkRule {
  rule: string;
  match(span: Span): FrameworkDescriptor | undefined;
}

/**
 * Node frameworks whose instrumentations mark their spans `<fw>.type` (middleware, router, request_handler,
 * …) and `<fw>.name`: Sentry's op is `<type>.<fw>` and its description the `<fw>.name` (the name without the
 * instrumentation's "middleware - " / "request handler - " prefix).
 */
function typedLayer(fw: string, nameKeys: readonly string[], clean?: (s: string) => string): FrameworkRule {
  const typeKey = `${fw}.type`;
  return {
    rule: `framework-${fw}`,
    match(span) {
      const type = stringAttribute(span.attributes, typeKey);
      if (!type) return undefined;
      let name: string | undefined;
      for (const k of nameKeys) {
        name = stringAttribute(span.attributes, k);
        if (name !== undefined) break;
      }
      const description = name === undefined ? span.name : clean ? clean(name) : name;
      return { op: `${type}.${fw}`, description, rule: `framework-${fw}`, key: typeKey };
    },
  };
}

const JAVA_CONTROLLER_SCOPES =
  /^io\.opentelemetry\.(spring-webmvc|spring-webflux|jaxrs|grails|struts|play-mvc)/;

const FRAMEWORK_RULES: readonly FrameworkRule[] = [
  typedLayer('express', ['express.name']),
  // sentry-javascript strips the "fastify -> " / "@fastify/otel -> " prefixes @fastify/otel puts in names.
  typedLayer('fastify', ['fastify.name', 'plugin.name', 'hook.name'], (s) =>
    s.replace(/^fastify -> /, '').replace(/^@fastify\/otel -> /, ''),
  ),
  // koa's instrumentation sometimes sends an empty koa.name; Sentry shows "< unknown >" then.
  typedLayer('koa', ['koa.name'], (s) => s || '< unknown >'),
  typedLayer('hapi', []),
  typedLayer('connect', ['connect.name']),
  typedLayer('hono', ['hono.name']),
  typedLayer('nestjs', []),
  {
    rule: 'framework-celery',
    match(span) {
      const action = stringAttribute(span.attributes, 'celery.action');
      const op =
        action === 'run' ? 'queue.task.celery' : action === 'apply_async' ? 'queue.submit.celery' : undefined;
      if (!op) return undefined;
      const task = stringAttribute(span.attributes, 'celery.task_name');
      return { op, description: task || span.name, rule: 'framework-celery', key: 'celery.action' };
    },
  },
  {
    rule: 'framework-jinja2',
    match(span) {
      if (span.name !== 'jinja2.render') return undefined;
      const tpl = stringAttribute(span.attributes, 'jinja2.template_name');
      return {
        op: 'template.render',
        description: tpl || span.name,
        rule: 'framework-jinja2',
        key: 'jinja2.template_name',
      };
    },
  },
  {
    rule: 'framework-spring-view',
    match(span) {
      const view = stringAttribute(span.attributes, 'spring-webmvc.view.name');
      if (
        view === undefined &&
        !(span.scope.name.startsWith('io.opentelemetry.spring-webmvc') && /^Render /.test(span.name))
      )
        return undefined;
      return {
        op: 'view.render',
        description: view || span.name.slice('Render '.length),
        rule: 'framework-spring-view',
        key: view === undefined ? 'name' : 'spring-webmvc.view.name',
      };
    },
  },
  {
    rule: 'framework-java-controller',
    match(span) {
      if (span.kind !== SpanKind.INTERNAL || !JAVA_CONTROLLER_SCOPES.test(span.scope.name)) return undefined;
      return { op: span.name, description: span.name, rule: 'framework-java-controller', key: 'scope.name' };
    },
  },
];

/** The first framework rule that recognises the span, if any. */
export function frameworkDescriptor(span: Span): FrameworkDescriptor | undefined {
  for (const r of FRAMEWORK_RULES) {
    const d = r.match(span);
    if (d) return d;
  }
  return undefined;
}
