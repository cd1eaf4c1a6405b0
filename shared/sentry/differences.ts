// Differences from classic: the preview's payload compared with what the classic exporter sends for the
// same trace (all options off), field by field, each attributed to the option that caused it.
import type { CollectorMapping } from './collector/index.js';
import type { OptionName } from './options.js';
import { pointerToken } from './json-pointer.js';
import type { Provenance } from './provenance.js';

export interface Difference {
  /** Pointer into this preview's payload (or where the field would be, when only classic has it). */
  pointer: string;
  kind: 'added' | 'removed' | 'changed';
  /** What classic sends there (absent when it sends nothing). */
  classic?: unknown;
  /** What we send there (absent when we send nothing). */
  value?: unknown;
  /** The option responsible, when known. */
  option?: OptionName;
}

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function diff(a: unknown, b: unknown, at: string, out: Difference[]) {
  if (a === b) return;
  if (Array.isArray(a) && Array.isArray(b)) {
    const n = Math.max(a.length, b.length);
    for (let i = 0; i < n; i++) {
      const p = `${at}/${i}`;
      if (i >= a.length) out.push({ pointer: p, kind: 'added', value: b[i] });
      else if (i >= b.length) out.push({ pointer: p, kind: 'removed', classic: a[i] });
      else diff(a[i], b[i], p, out);
    }
    return;
  }
  if (isObject(a) && isObject(b)) {
    for (const k of Object.keys(b)) {
      const p = `${at}/${pointerToken(k)}`;
      if (!(k in a)) out.push({ pointer: p, kind: 'added', value: b[k] });
      else diff(a[k], b[k], p, out);
    }
    for (const k of Object.keys(a))
      if (!(k in b)) out.push({ pointer: `${at}/${pointerToken(k)}`, kind: 'removed', classic: a[k] });
    return;
  }
  out.push({ pointer: at, kind: 'changed', classic: a, value: b });
}

/** The option recorded for `pointer` or its nearest ancestor in the provenance map. */
function optionAt(pointer: string, provenance: Record<string, Provenance> | null): OptionName | undefined {
  if (!provenance) return undefined;
  let p = pointer;
  for (;;) {
    const o = provenance[p]?.option;
    if (o) return o;
    const cut = p.lastIndexOf('/');
    if (cut <= 0) return undefined;
    p = p.slice(0, cut);
  }
}

/** Guess the option for a difference whose field has no provenance (removed fields, reshaped values). */
function optionByShape(pointer: string): OptionName | undefined {
  if (
    /^\/errors\/\d+\/(message|exception|timestamp|transaction|extra|platform|environment|release|contexts\/trace\/description)/.test(
      pointer,
    )
  )
    return 'exceptionDetails';
  if (/\/tags\//.test(pointer)) return 'tagLimits';
  if (/\/data(\/|$)/.test(pointer)) return 'spanData';
  if (/\/transaction_info/.test(pointer)) return 'httpRouteNames';
  if (/\/(release|environment|server_name|platform|contexts\/otel)/.test(pointer)) return 'resourceContext';
  return undefined;
}

export function classicDifferences(classic: CollectorMapping, current: CollectorMapping): Difference[] {
  const out: Difference[] = [];
  const byRoot = (m: CollectorMapping) =>
    new Map(m.transactions.map((t, i) => [t.contexts.trace.span_id, i]));
  const classicTx = byRoot(classic);
  const currentTx = byRoot(current);
  current.transactions.forEach((tx, i) => {
    const c = classicTx.get(tx.contexts.trace.span_id);
    if (c === undefined) out.push({ pointer: `/transactions/${i}`, kind: 'added', value: tx.transaction });
    else diff(classic.transactions[c], tx, `/transactions/${i}`, out);
  });
  classic.transactions.forEach((tx) => {
    if (!currentTx.has(tx.contexts.trace.span_id))
      out.push({ pointer: '/transactions/-', kind: 'removed', classic: tx.transaction });
  });
  const errKey = (m: CollectorMapping, i: number) =>
    `${m.errorSources[i]!.spanIndex}:${m.errorSources[i]!.eventIndex}`;
  const classicErr = new Map(classic.errors.map((_, i) => [errKey(classic, i), i]));
  const currentErrKeys = new Set(current.errors.map((_, i) => errKey(current, i)));
  current.errors.forEach((ev, i) => {
    const c = classicErr.get(errKey(current, i));
    if (c === undefined) out.push({ pointer: `/errors/${i}`, kind: 'added', value: ev.event_id });
    else diff(classic.errors[c], ev, `/errors/${i}`, out);
  });
  const mergedKeys = new Set(current.mergedExceptions.map((m) => `${m.spanIndex}:${m.eventIndex}`));
  classic.errors.forEach((ev, i) => {
    const k = errKey(classic, i);
    if (!currentErrKeys.has(k))
      out.push({
        pointer: '/errors/-',
        kind: 'removed',
        classic: ev.event_id,
        // A record merged into the same exception on an inner span.
        ...(mergedKeys.has(k) ? { option: 'dedupeExceptions' as const } : {}),
      });
  });
  const rootless = classic.rootCount === 0;
  for (const d of out) {
    if (rootless && /^\/(transactions|errors)\/\d+$/.test(d.pointer) && d.kind === 'added') {
      d.option = 'keepRootlessTraces';
      continue;
    }
    const o = optionAt(d.pointer, current.provenance) ?? optionByShape(d.pointer);
    if (o) d.option = o;
    else if (/^\/transactions\/\d+$/.test(d.pointer) || d.pointer === '/transactions/-')
      d.option = 'groupOrphans';
  }
  return out;
}
