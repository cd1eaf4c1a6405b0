// Exceptions recorded on spans (OTel's `exception` events) and their stack traces, split into lines a
// person can scan: one frame per row, most recent call first, with the function and the location apart.
// Stack text is parsed by the same parsers the Sentry mapping uses (shared/sentry/stacktrace: Python, JVM,
// JavaScript, Go, .NET, Ruby), so the detail pane and the Sentry preview read a trace the same way.
import type { Span } from '../../../shared/model/span.js';
import { stringAttribute } from '../../../shared/model/attributes.js';
import { exceptionEscaped } from '../../../shared/model/exception-event.js';
import { nanosToMs } from '../../../shared/model/time.js';
import { parseStackTrace, type StackTraceHint } from '../../../shared/sentry/stacktrace/index.js';
import { frameLines } from './sentry-view.js';

interface RecordedException {
  type: string;
  message: string;
  stacktrace: string;
  escaped: boolean | undefined;
  timeMs: number;
}

export function exceptionsOf(span: Span): RecordedException[] {
  return span.events
    .filter((e) => e.name === 'exception')
    .map((e) => ({
      type: stringAttribute(e.attributes, 'exception.type') ?? '',
      message: stringAttribute(e.attributes, 'exception.message') ?? '',
      stacktrace: stringAttribute(e.attributes, 'exception.stacktrace') ?? '',
      escaped: exceptionEscaped(e.attributes),
      timeMs: nanosToMs(e.timeUnixNano),
    }));
}

type StackLine =
  | { kind: 'frame'; fn: string; location: string; library: boolean }
  | { kind: 'code'; text: string }
  | { kind: 'text'; text: string };

/**
 * A stack trace string → display lines: the parsed frames, most recent call first, each followed by its
 * source line when the trace prints one; frames not marked in-app count as library frames. Text no parser
 * reads is shown line by line as it is.
 */
export function stackLines(stack: string, hint?: StackTraceHint): StackLine[] {
  const parsed = parseStackTrace(stack, hint);
  if (!parsed.parsed)
    return stack
      .replace(/\r\n?/g, '\n')
      .split('\n')
      .filter((l) => l.trim() !== '')
      .map((l) => ({ kind: 'text', text: l.trimEnd() }));
  const out: StackLine[] = [];
  for (const f of frameLines(parsed.frames)) {
    out.push({ kind: 'frame', fn: f.fn, location: f.location, library: !f.inApp });
    if (f.code) out.push({ kind: 'code', text: f.code });
  }
  return out;
}
