// Exceptions recorded on spans (OTel's `exception` events) and their stack traces, split into lines a
// person can scan: the message first, then one frame per row with the function and the location apart.
import type { Span } from '../../../shared/model/span.js';
import { findAttribute, stringAttribute } from '../../../shared/model/attributes.js';
import { nanosToMs } from '../../../shared/model/time.js';

export interface RecordedException {
  type: string;
  message: string;
  stacktrace: string;
  escaped: boolean | undefined;
  timeMs: number;
}

export function exceptionsOf(span: Span): RecordedException[] {
  return span.events
    .filter((e) => e.name === 'exception')
    .map((e) => {
      const esc = findAttribute(e.attributes, 'exception.escaped');
      return {
        type: stringAttribute(e.attributes, 'exception.type') ?? '',
        message: stringAttribute(e.attributes, 'exception.message') ?? '',
        stacktrace: stringAttribute(e.attributes, 'exception.stacktrace') ?? '',
        escaped:
          esc && 'boolValue' in esc
            ? esc.boolValue
            : esc && 'stringValue' in esc
              ? esc.stringValue === 'true'
              : undefined,
        timeMs: nanosToMs(e.timeUnixNano),
      };
    });
}

export type StackLine =
  | { kind: 'frame'; fn: string; location: string; library: boolean }
  | { kind: 'code'; text: string }
  | { kind: 'text'; text: string };

const NODE_FRAME = /^\s*at (?:(.+?) \((.+)\)|(.+))$/;
const PY_FRAME = /^\s*File "(.+)", line (\d+), in (.+)$/;
const LIBRARY = /node_modules|site-packages|dist-packages|^node:|\(node:|<frozen |^internal\//;

/** A stack trace string (Node/V8, Python, Java-style "at" lines) → display lines. */
export function stackLines(stack: string): StackLine[] {
  const out: StackLine[] = [];
  const lines = stack.replace(/\r\n?/g, '\n').split('\n');
  for (let i = 0; i < lines.length; i++) {
    const raw = lines[i]!;
    if (raw.trim() === '') continue;
    const py = PY_FRAME.exec(raw);
    if (py) {
      const location = `${py[1]}:${py[2]}`;
      out.push({ kind: 'frame', fn: py[3]!, location, library: LIBRARY.test(py[1]!) });
      continue;
    }
    const node = NODE_FRAME.exec(raw);
    if (node) {
      const fn = node[1] ?? '<anonymous>';
      const location = node[2] ?? node[3]!;
      out.push({ kind: 'frame', fn, location, library: LIBRARY.test(location) });
      continue;
    }
    // Python prints the source line indented under its frame.
    const prev = out[out.length - 1];
    if (prev?.kind === 'frame' && /^\s{4,}\S/.test(raw)) out.push({ kind: 'code', text: raw.trim() });
    else out.push({ kind: 'text', text: raw.trimEnd() });
  }
  return out;
}
