// One thrown exception recorded on several spans of one trace. Framework instrumentations record an error on
// every layer it passes through (Express: the request handler, then each router around it), each time with
// the same type, message and stack. The classic exporter makes one error event per record, so Sentry counts
// one failure several times. A Sentry SDK captures it once, on the span active where it was thrown: the
// innermost one. This finds, for each such record, the record it repeats.
import type { Span } from '../../model/span.js';
import { goStr } from '../descriptors.js';
import { noParent, sortedOrder } from '../order.js';

export interface ExceptionRef {
  spanIndex: number;
  eventIndex: number;
}

export interface MergedException extends ExceptionRef {
  /** The record kept: on the innermost span that carries the same exception. */
  into: ExceptionRef;
}

/** The identity of an exception record: type, message and stack text, all equal. */
function exceptionKey(span: Span, eventIndex: number): string | undefined {
  const ev = span.events[eventIndex]!;
  if (ev.name !== 'exception') return undefined;
  const type = goStr(ev.attributes, 'exception.type');
  const message = goStr(ev.attributes, 'exception.message');
  // Records with neither make no error event (the classic rule): nothing to merge.
  if (!type && !message) return undefined;
  return `${type}\u0000${message}\u0000${goStr(ev.attributes, 'exception.stacktrace')}`;
}

/**
 * Every exception record that repeats one on a descendant span (or earlier on the same span), with the
 * record it repeats. Only ancestors are merged: two siblings with equal exceptions are two failures (a retry,
 * two requests) and stay two events. Deeper spans claim first, so each ancestor's record goes to the
 * innermost span (the earliest by start time when several are equally deep).
 */
export function findDuplicateExceptions(spans: readonly Span[]): MergedException[] {
  const byId = new Map<string, number>();
  spans.forEach((s, i) => {
    if (!byId.has(s.spanId)) byId.set(s.spanId, i);
  });
  const keys: (Map<string, number> | undefined)[] = new Array(spans.length);
  const merged = new Map<string, MergedException>();
  const refKey = (spanIndex: number, eventIndex: number) => `${spanIndex}:${eventIndex}`;
  let any = false;
  spans.forEach((s, i) => {
    for (let e = 0; e < s.events.length; e++) {
      const k = exceptionKey(s, e);
      if (k === undefined) continue;
      any = true;
      const m = (keys[i] ??= new Map());
      const first = m.get(k);
      // The same exception recorded twice on one span: the later record repeats the first.
      if (first === undefined) m.set(k, e);
      else
        merged.set(refKey(i, e), { spanIndex: i, eventIndex: e, into: { spanIndex: i, eventIndex: first } });
    }
  });
  if (!any) return [];

  const parentOf = (i: number): number | undefined => {
    const p = spans[i]!.parentSpanId;
    return noParent(p) ? undefined : byId.get(p);
  };
  const depth = new Int32Array(spans.length).fill(-1);
  const depthOf = (i: number): number => {
    // Iterative, bounded by the span count so a parent cycle cannot loop forever.
    const chain: number[] = [];
    let cur: number | undefined = i;
    while (cur !== undefined && depth[cur] === -1 && chain.length <= spans.length) {
      chain.push(cur);
      depth[cur] = -2; // on the chain
      cur = parentOf(cur);
    }
    let d = cur === undefined || depth[cur]! < 0 ? 0 : depth[cur]! + 1;
    for (let n = chain.length - 1; n >= 0; n--) depth[chain[n]!] = d++;
    return depth[i]!;
  };
  const order = sortedOrder(spans);
  const position = new Int32Array(spans.length);
  order.forEach((i, p) => (position[i] = p));
  const withExceptions = order.filter((i) => keys[i]);
  withExceptions.sort((a, b) => depthOf(b) - depthOf(a) || position[a]! - position[b]!);

  for (const i of withExceptions) {
    for (const [k, e] of keys[i]!) {
      if (merged.has(refKey(i, e))) continue;
      const seen = new Set<number>([i]);
      for (let a = parentOf(i); a !== undefined && !seen.has(a); a = parentOf(a)) {
        seen.add(a);
        const ae = keys[a]?.get(k);
        if (ae !== undefined && !merged.has(refKey(a, ae)))
          merged.set(refKey(a, ae), { spanIndex: a, eventIndex: ae, into: { spanIndex: i, eventIndex: e } });
      }
    }
  }
  // A record merged into one that was itself merged (same-span repeats) points at the final record.
  const out = [...merged.values()];
  for (const m of out) {
    let into = m.into;
    for (let hop = 0; hop < out.length; hop++) {
      const next = merged.get(refKey(into.spanIndex, into.eventIndex));
      if (!next) break;
      into = next.into;
    }
    m.into = into;
  }
  out.sort((a, b) => position[a.spanIndex]! - position[b.spanIndex]! || a.eventIndex - b.eventIndex);
  return out;
}
