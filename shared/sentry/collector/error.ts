// The error event of one exception span event (sentryexporter.md §4.2: sentryEventFromError), and with
// `exceptionDetails` what Sentry's own SDKs send: the exception time, mechanism, parsed stack frames,
// platform, environment and release.
import type { SpanEvent } from '../../model/span.js';
import { stringAttribute } from '../../model/attributes.js';
import { exceptionEscaped } from '../../model/exception-event.js';
import { eventIdFor } from '../event-id.js';
import { rfc3339Nano } from '../go-format.js';
import type { MappingOptions } from '../options.js';
import type { ErrorEvent, ExceptionValue, TransactionEvent } from '../payload.js';
import type { Provenance } from '../provenance.js';
import { platformFromLanguage } from '../resource-context.js';
import { parseStackTrace } from '../stacktrace/index.js';
import { goStr } from '../descriptors.js';
import { copyProv, resolveContext, traceContext } from './event-context.js';
import { CLASSIC_SDK, type Converted, type MappingSettings } from './types.js';

/** Markers of chained exceptions in Python, JVM, .NET and JS stack text. */
const CHAINED_CAUSE =
  /^(?:Caused by: |During handling of the above exception|The above exception was the direct cause)|--- End of inner exception stack trace ---|\[cause\]:/m;

function errorEventId(traceId: string, spanId: string, eventIndex: number): string {
  return eventIdFor('error', traceId, spanId, String(eventIndex));
}

export function buildError(
  c: Converted,
  ev: SpanEvent,
  eventIndex: number,
  type: string,
  message: string,
  tx: TransactionEvent | undefined,
  options: MappingOptions,
  settings: MappingSettings,
  n: number,
  prov: Record<string, Provenance> | null,
): ErrorEvent {
  const s = c.out;
  const base = `/errors/${n}`;
  const err = { event_id: errorEventId(s.trace_id, s.span_id, eventIndex), level: 'error' } as ErrorEvent;
  const value: ExceptionValue = {};
  if (type) value.type = type;
  if (message) value.value = message;
  const details = options.exceptionDetails;
  if (!details) {
    // sentry_exporter.go sentryEventFromError: span end time, span description, bare exception list.
    err.timestamp = s.timestamp;
    // Event.Transaction is `omitempty`: nothing for a span with an empty name.
    if (s.description) err.transaction = s.description;
    if (message) err.message = message;
    err.exception = [value];
    err.contexts = { trace: traceContext(c, false) };
    err.tags = s.tags!;
    err.sdk = CLASSIC_SDK;
    if (prov) {
      prov[`${base}/timestamp`] = {
        source: 'span',
        key: 'endTimeUnixNano',
        note: 'the span end, not the exception time',
      };
      if (err.transaction)
        prov[`${base}/transaction`] = { ...c.prov!.get('/description')!, note: "the span's description" };
      if (message) prov[`${base}/message`] = { source: 'event', key: 'exception.message' };
    }
  } else {
    const { rc, environment, release } = resolveContext(c.span, options, settings);
    const platform =
      rc.platform ??
      (() => {
        const lang = stringAttribute(c.span.resource.attributes, 'telemetry.sdk.language');
        return lang ? { value: platformFromLanguage(lang)!, key: 'telemetry.sdk.language' } : undefined;
      })();
    if (platform) err.platform = platform.value;
    err.timestamp = rfc3339Nano(ev.timeUnixNano);
    const name = tx ? tx.transaction : s.description;
    if (name) err.transaction = name;
    const escaped = exceptionEscaped(ev.attributes);
    value.mechanism = { type: 'generic' };
    if (escaped !== undefined) value.mechanism.handled = !escaped;
    const stackText = goStr(ev.attributes, 'exception.stacktrace');
    if (stackText) {
      const parsed = parseStackTrace(stackText, {
        ...(platform
          ? {
              language:
                stringAttribute(c.span.resource.attributes, 'telemetry.sdk.language') ?? platform.value,
            }
          : {}),
        ...(type ? { exceptionType: type } : {}),
      });
      if (parsed.parsed && parsed.frames.length) value.stacktrace = { frames: parsed.frames };
      // Frames carry only the outermost exception: keep the raw text whenever something would be lost
      // (nothing parsed, frames capped, or a chained cause the frames cannot show).
      if (!parsed.parsed || !parsed.frames.length || parsed.framesOmitted || CHAINED_CAUSE.test(stackText))
        err.extra = { 'exception.stacktrace': stackText };
      if (prov) {
        if (value.stacktrace)
          prov[`${base}/exception/values/0/stacktrace`] = {
            source: 'event',
            key: 'exception.stacktrace',
            rule: `stacktrace-${parsed.language ?? 'unknown'}`,
            option: 'exceptionDetails',
          };
        if (err.extra)
          prov[`${base}/extra/exception.stacktrace`] = {
            source: 'event',
            key: 'exception.stacktrace',
            option: 'exceptionDetails',
            note: !parsed.parsed
              ? 'raw text kept: no frame could be parsed'
              : parsed.framesOmitted
                ? 'raw text kept: frames were omitted'
                : 'raw text kept: it has a chained cause',
          };
      }
    }
    err.exception = { values: [value] };
    const trace = traceContext(c, false);
    delete trace.description;
    err.contexts = { trace };
    err.tags = s.tags!;
    err.sdk = CLASSIC_SDK;
    if (environment) err.environment = environment.value;
    if (release) err.release = release.value;
    if (rc.serverName) err.server_name = rc.serverName.value;
    if (prov) {
      prov[`${base}/timestamp`] = { source: 'event', key: 'timeUnixNano', option: 'exceptionDetails' };
      if (err.transaction)
        prov[`${base}/transaction`] = tx
          ? { source: 'rule', rule: 'containing-transaction-name', option: 'exceptionDetails' }
          : { ...c.prov!.get('/description')! };
      prov[`${base}/exception/values/0/mechanism`] = {
        source: escaped !== undefined ? 'event' : 'default',
        ...(escaped !== undefined ? { key: 'exception.escaped' } : {}),
        option: 'exceptionDetails',
      };
      if (platform)
        prov[`${base}/platform`] = {
          source: 'resource',
          key: platform.key,
          rule: 'platform-from-language',
          option: 'exceptionDetails',
        };
      if (environment) prov[`${base}/environment`] = { ...environment.prov, option: 'exceptionDetails' };
      if (release) prov[`${base}/release`] = { ...release.prov, option: 'exceptionDetails' };
      if (rc.serverName)
        prov[`${base}/server_name`] = {
          source: 'resource',
          key: rc.serverName.key,
          option: 'resourceContext',
        };
    }
  }
  err.user = {};
  if (prov) {
    prov[`${base}/event_id`] = {
      source: 'rule',
      rule: 'derived-event-id',
      note: 'derived from trace ID, span ID and event index',
    };
    prov[`${base}/level`] = { source: 'default' };
    prov[`${base}/user`] = { source: 'default', note: 'sentry-go always serialises an empty user' };
    prov[`${base}/sdk`] = { source: 'default' };
    if (type)
      prov[`${base}/exception${details ? '/values' : ''}/0/type`] = {
        source: 'event',
        key: 'exception.type',
      };
    if (message)
      prov[`${base}/exception${details ? '/values' : ''}/0/value`] = {
        source: 'event',
        key: 'exception.message',
      };
    copyProv(c.prov, prov, (rel) => {
      if (rel.startsWith('/tags/')) return base + rel;
      if (
        ['/trace_id', '/span_id', '/parent_span_id', '/op', '/status'].includes(rel) ||
        (!details && rel === '/description')
      )
        return `${base}/contexts/trace${rel}`;
      return undefined;
    });
  }
  return err;
}
