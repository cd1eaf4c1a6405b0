// The Sentry tab's view-model: the preview response (GET /traces/{id}/sentry) turned into list rows,
// provenance and difference lookups by JSON pointer, grouped lints, readable stack frames and the JSON tree.
// Pure functions only; the components render what these return. (Over 400 lines: not yet split by view;
// the list rows, lints and JSON-tree sections are the seams when it grows.)
import type { SentryPreviewResponse } from '../../../shared/api/contract.js';
import { encodeSentryPreviewQuery } from '../../../shared/api/query-format.js';
import { droppedDataCertainty, type Lint, type LintSeverity } from '../../../shared/sentry/lints.js';
import type { OptionName } from '../../../shared/sentry/options.js';
import type { Difference } from '../../../shared/sentry/differences.js';
import { pointerToken } from '../../../shared/sentry/json-pointer.js';
import type { Provenance } from '../../../shared/sentry/provenance.js';
import type { SentryProfile } from '../../../shared/sentry/preview.js';
import type {
  ErrorEvent,
  ExceptionFrame,
  ExceptionValue,
  SentrySpanV2,
  SpanV2Attribute,
} from '../../../shared/sentry/payload.js';
import { plural } from './format.js';

export type Preview = SentryPreviewResponse;
export type OptionOverrides = Partial<Record<OptionName, boolean>>;

/** The query string for a preview: the profile, then each option the user changed, in the API's order. */
export function previewQuery(profile: SentryProfile, overrides: OptionOverrides): string {
  return encodeSentryPreviewQuery({ profile, options: overrides });
}

// ---------------------------------------------------------------------------------------------------------
// List rows

export interface TransactionRow {
  kind: 'transaction';
  pointer: string;
  name: string;
  op: string;
  /** transaction_info.source, or '—' when the exporter sends none (classic). */
  source: string;
  /** The root plus its child spans. */
  spanCount: number;
  status: string;
  spanId: string;
}

export interface ErrorRow {
  kind: 'error';
  pointer: string;
  type: string;
  value: string;
  level: string;
  /** The span the error is linked to (contexts.trace.span_id). */
  spanId: string;
  /** The transaction it belongs to, when the event names one. */
  transaction: string;
  /** dedupeExceptions: the other spans that recorded the same exception (merged into this event). */
  mergedFrom: string[];
}

type EventRow = TransactionRow | ErrorRow;

/** The exception values of an error event, whichever of the two shapes it uses. */
export function exceptionValues(e: ErrorEvent): ExceptionValue[] {
  return Array.isArray(e.exception) ? e.exception : e.exception.values;
}

export function transactionRows(p: Preview): TransactionRow[] {
  return p.transactions.map((t, i) => ({
    kind: 'transaction',
    pointer: `/transactions/${i}`,
    name: t.transaction ?? '',
    op: t.contexts.trace.op ?? '',
    source: t.transaction_info?.source ?? '—',
    spanCount: 1 + (t.spans?.length ?? 0),
    status: t.contexts.trace.status ?? '',
    spanId: t.contexts.trace.span_id,
  }));
}

export function errorRows(p: Preview): ErrorRow[] {
  return p.errors.map((e, i) => {
    // Sentry shows the last exception of the chain as the event's title.
    const values = exceptionValues(e);
    const main = values[values.length - 1];
    return {
      kind: 'error',
      pointer: `/errors/${i}`,
      type: main?.type ?? '',
      value: main?.value ?? e.message ?? '',
      level: e.level,
      spanId: e.contexts.trace.span_id,
      transaction: e.transaction ?? '',
      mergedFrom: [
        ...new Set((p.mergedExceptions ?? []).filter((m) => m.error === `/errors/${i}`).map((m) => m.spanId)),
      ].filter((id) => id !== e.contexts.trace.span_id),
    };
  });
}

/** Transactions first, then errors: the order of the list and of keyboard movement. */
export function eventRows(p: Preview): EventRow[] {
  return [...transactionRows(p), ...errorRows(p)];
}

/** The name of a span in the stored trace, for "linked span" labels. */
export function spanLabel(spanId: string, names: ReadonlyMap<string, string>): string {
  const n = names.get(spanId);
  return n === undefined ? spanId : n;
}

// ---------------------------------------------------------------------------------------------------------
// sentry-otlp segments

interface SegmentSpanRow {
  pointer: string;
  spanId: string;
  name: string;
  op: string;
  description: string;
  status: string;
  isSegment: boolean;
  /** The attributes Sentry derives (`sentry.*`), as display strings. */
  derived: [string, string][];
  /** How many attributes the span carries in all. */
  attributeCount: number;
}

export interface SegmentView {
  pointer: string;
  segmentId: string;
  name: string;
  spans: SegmentSpanRow[];
}

function attributeText(a: SpanV2Attribute): string {
  return typeof a.value === 'string' ? a.value : String(a.value);
}

function segmentSpanRow(s: SentrySpanV2, pointer: string): SegmentSpanRow {
  const get = (k: string) => {
    const a = s.attributes[k];
    return a ? attributeText(a) : '';
  };
  const derived = Object.entries(s.attributes)
    .filter(([k]) => k.startsWith('sentry.'))
    .map(([k, v]) => [k, attributeText(v)] as [string, string]);
  return {
    pointer,
    spanId: s.span_id,
    name: s.name,
    op: get('sentry.op'),
    description: get('sentry.description') || s.name,
    status: s.status,
    isSegment: s.is_segment,
    derived,
    attributeCount: Object.keys(s.attributes).length,
  };
}

export function segmentViews(p: Preview): SegmentView[] {
  return p.segments.map((seg, i) => ({
    pointer: `/segments/${i}`,
    segmentId: seg.segment_id,
    name: seg.name,
    spans: seg.spans.map((s, j) => segmentSpanRow(s, `/segments/${i}/spans/${j}`)),
  }));
}

export interface DroppedItem {
  /** The span concerned (null: the whole trace). */
  spanId: string | null;
  what: string;
  /** 'dropped': Sentry drops it (documented or reproduced); 'may-drop': a lint says it may be dropped. */
  certainty: 'dropped' | 'may-drop';
}

/**
 * What Sentry will not keep: spans the mapping placed nowhere and the lints about dropped data, each with
 * how sure it is ('may-drop': a lint that says the span may be dropped, e.g. a "/" in its name).
 */
export function droppedItems(p: Preview): DroppedItem[] {
  const out: DroppedItem[] = [];
  for (const pl of p.placement)
    if ('dropped' in pl)
      out.push({ spanId: pl.spanId, what: `span dropped (${pl.dropped})`, certainty: 'dropped' });
  for (const l of p.lints) {
    const certainty = droppedDataCertainty(l);
    if (certainty) out.push({ spanId: l.spanId, what: l.message, certainty });
  }
  return out;
}

/** By span ID: the strongest drop mark a span carries ('dropped' wins over 'may-drop'). */
export function dropMarks(items: readonly DroppedItem[]): Map<string, DroppedItem['certainty']> {
  const m = new Map<string, DroppedItem['certainty']>();
  for (const d of items) if (d.spanId && m.get(d.spanId) !== 'dropped') m.set(d.spanId, d.certainty);
  return m;
}

// ---------------------------------------------------------------------------------------------------------
// Provenance and differences

/** The provenance recorded for exactly this pointer. */
export function provenanceAt(p: Preview, pointer: string): Provenance | undefined {
  return Object.prototype.hasOwnProperty.call(p.provenance, pointer) ? p.provenance[pointer] : undefined;
}

const SOURCE_WORDS: Record<Provenance['source'], string> = {
  attribute: 'attribute',
  resource: 'resource',
  span: 'span field',
  scope: 'scope',
  event: 'exception event',
  rule: 'rule',
  default: 'default',
  setting: 'setting',
};

/** One short line: "attribute http.route · rule http-method-and-route · option httpRouteNames". */
export function describeProvenance(prov: Provenance): string {
  const parts = [prov.key ? `${SOURCE_WORDS[prov.source]} ${prov.key}` : SOURCE_WORDS[prov.source]];
  if (prov.rule && prov.source !== 'rule') parts.push(`rule ${prov.rule}`);
  else if (prov.rule) parts[0] = `rule ${prov.rule}`;
  if (prov.option) parts.push(`option ${prov.option}`);
  return parts.join(' · ');
}

/** Differences from the classic exporter, by pointer. */
export function differenceIndex(p: Preview): Map<string, Difference> {
  const m = new Map<string, Difference>();
  for (const d of p.differences) m.set(d.pointer, d);
  return m;
}

/** What classic sends that this preview does not (removed fields), under one event. */
export function removedUnder(p: Preview, eventPointer: string): Difference[] {
  return p.differences.filter((d) => d.kind === 'removed' && d.pointer.startsWith(`${eventPointer}/`));
}

/** One line for a difference: "added by httpRouteNames" / "changed by … (classic: "GET")". */
export function describeDifference(d: Difference): string {
  const by = d.option ? ` by ${d.option}` : '';
  if (d.kind === 'added') return `added${by}: classic sends nothing here`;
  if (d.kind === 'removed') return `removed${by}: classic sends ${shortJson(d.classic)}`;
  return `changed${by}: classic sends ${shortJson(d.classic)}`;
}

export function shortJson(v: unknown, max = 80): string {
  const s = JSON.stringify(v) ?? 'undefined';
  return s.length > max ? `${s.slice(0, max - 1)}…` : s;
}

/** How many differences each option causes (for the toggles' counts). */
export function differencesByOption(p: Preview): Map<OptionName, number> {
  const m = new Map<OptionName, number>();
  for (const d of p.differences) if (d.option) m.set(d.option, (m.get(d.option) ?? 0) + 1);
  return m;
}

// ---------------------------------------------------------------------------------------------------------
// Lints

const SEVERITY_ORDER: readonly LintSeverity[] = ['error', 'warning', 'info'];

interface LintGroup {
  severity: LintSeverity;
  /** The lints shown. */
  lints: Lint[];
  /** Lints left out per code by the cap (a code's first `perCode` are shown), in first-seen order. */
  more: { code: Lint['code']; count: number }[];
}

/**
 * Lints by severity, errors first; within a severity, the engine's order (stable). Empty groups left out.
 * With `perCode`, only that many of each code are listed unless the code is in `expanded`: a trace of
 * 2 000 spans can have a lint per span, and 2 000 identical notes help no one (and cost the tab 16 000
 * elements); the rest are counted in `more`.
 */
export function lintGroups(
  lints: readonly Lint[],
  perCode = Infinity,
  expanded: ReadonlySet<string> = new Set(),
): LintGroup[] {
  return SEVERITY_ORDER.map((severity) => {
    const seen = new Map<Lint['code'], number>();
    const shown: Lint[] = [];
    for (const l of lints) {
      if (l.severity !== severity) continue;
      const n = (seen.get(l.code) ?? 0) + 1;
      seen.set(l.code, n);
      if (n <= perCode || expanded.has(l.code)) shown.push(l);
    }
    const more = [...seen]
      .filter(([code, n]) => n > perCode && !expanded.has(code))
      .map(([code, n]) => ({ code, count: n - perCode }));
    return { severity, lints: shown, more };
  }).filter((g) => g.lints.length > 0);
}

/** The tab badge: warnings and errors (info lints do not ask for attention). */
export function lintBadge(lints: readonly Lint[]): { count: number; severity: 'error' | 'warning' | null } {
  let errors = 0;
  let warnings = 0;
  for (const l of lints) {
    if (l.severity === 'error') errors++;
    else if (l.severity === 'warning') warnings++;
  }
  return { count: errors + warnings, severity: errors ? 'error' : warnings ? 'warning' : null };
}

/** The lints about one event (by pointer prefix) or one of its spans. */
export function lintsForEvent(p: Preview, row: EventRow, spanIds: ReadonlySet<string>): Lint[] {
  return p.lints.filter(
    (l) =>
      (l.pointer !== undefined && (l.pointer === row.pointer || l.pointer.startsWith(`${row.pointer}/`))) ||
      (l.pointer === undefined && l.spanId !== null && spanIds.has(l.spanId)),
  );
}

// ---------------------------------------------------------------------------------------------------------
// Stack frames

interface FrameLine {
  fn: string;
  /** "file:line:col", as much as is known. */
  location: string;
  inApp: boolean;
  /** The source line, when the stack trace printed it (Python does). */
  code?: string;
}

/**
 * Frames as a developer reads them: most recent call first (Sentry's payload lists them oldest first, and
 * Sentry's UI shows them reversed by default too).
 */
export function frameLines(frames: readonly ExceptionFrame[]): FrameLine[] {
  const out: FrameLine[] = [];
  for (let i = frames.length - 1; i >= 0; i--) {
    const f = frames[i]!;
    let location = f.filename ?? f.abs_path ?? f.module ?? '';
    if (f.lineno !== undefined) location += `:${f.lineno}`;
    if (f.lineno !== undefined && f.colno !== undefined) location += `:${f.colno}`;
    const line: FrameLine = { fn: f.function ?? '?', location, inApp: f.in_app === true };
    if (f.context_line) line.code = f.context_line;
    out.push(line);
  }
  return out;
}

// ---------------------------------------------------------------------------------------------------------
// JSON tree

interface JsonEntry {
  key: string;
  pointer: string;
  value: unknown;
  /** Objects and arrays can be opened. */
  branch: boolean;
}

/** The children of an object or array, with their pointers; [] for scalars. */
export function jsonEntries(value: unknown, pointer: string): JsonEntry[] {
  if (Array.isArray(value))
    return value.map((v, i) => ({
      key: String(i),
      pointer: `${pointer}/${i}`,
      value: v,
      branch: isBranch(v),
    }));
  if (value !== null && typeof value === 'object')
    return Object.entries(value as Record<string, unknown>).map(([k, v]) => ({
      key: k,
      pointer: `${pointer}/${pointerToken(k)}`,
      value: v,
      branch: isBranch(v),
    }));
  return [];
}

function isBranch(v: unknown): boolean {
  return v !== null && typeof v === 'object';
}

const LABEL_KEYS = ['description', 'name', 'transaction', 'function', 'type'] as const;

/**
 * A one-line summary of a collapsed branch: `{12 keys}`, `[3 items]`; an object that names itself (a span's
 * description, a frame's function) says so, so a list of collapsed spans can be read without opening each.
 */
export function branchSummary(v: unknown): string {
  if (Array.isArray(v)) return `[${v.length} ${plural(v.length, 'item')}]`;
  const o = v as Record<string, unknown>;
  const n = Object.keys(o).length;
  const keys = `{${n} ${plural(n, 'key')}}`;
  for (const k of LABEL_KEYS) {
    const label = o[k];
    if (typeof label === 'string' && label !== '') return `${keys} ${shortJson(label, 60)}`;
  }
  return keys;
}

/**
 * Which branches open by default (depth 0 = a field of the event): small objects near the top, but not the
 * bulky ones a reader opens on purpose (span lists, tags, data, resource, frames).
 */
export function openByDefault(pointer: string, value: unknown, depth: number): boolean {
  // A segment is its spans: open the list (each span stays closed, labelled by its name).
  if (/^\/segments\/\d+\/spans$/.test(pointer)) return true;
  const last = pointer.slice(pointer.lastIndexOf('/') + 1);
  if (['spans', 'tags', 'data', 'otel', 'frames', 'sdk', 'attributes', 'extra'].includes(last)) return false;
  if (depth > 3) return false;
  const size = Array.isArray(value) ? value.length : Object.keys(value as object).length;
  return size <= 8;
}

/** Every pointer under `root` that has provenance or a difference: shown as counts in the payload header. */
export function annotatedCount(p: Preview, root: string): { provenance: number; differences: number } {
  const prefix = `${root}/`;
  let provenance = 0;
  for (const k of Object.keys(p.provenance)) if (k.startsWith(prefix)) provenance++;
  const differences = p.differences.filter((d) => d.pointer.startsWith(prefix)).length;
  return { provenance, differences };
}

/** The envelope that carries the event at `pointer`. */
export function envelopeFor(p: Preview, pointer: string) {
  return p.envelopes.find((e) => e.pointer === pointer);
}

/** The first line of an envelope: its header JSON, parsed (null when it is not JSON). */
export function envelopeHeader(text: string): Record<string, unknown> | null {
  const nl = text.indexOf('\n');
  try {
    const v = JSON.parse(nl < 0 ? text : text.slice(0, nl)) as unknown;
    return v !== null && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, unknown>) : null;
  } catch {
    return null;
  }
}

/** The input spans that went into one event: its root and children by placement; an error's linked span. */
export function eventSpanIds(p: Preview, row: EventRow): Set<string> {
  if (row.kind === 'error') return new Set([row.spanId]);
  const out = new Set<string>();
  for (const pl of p.placement)
    if ('at' in pl && (pl.at === row.pointer || pl.at.startsWith(`${row.pointer}/`))) out.add(pl.spanId);
  return out;
}

/** Lint counts per event row (pointer → count of warnings and errors), for the list's markers. */
export function lintCountsByEvent(p: Preview, rows: readonly EventRow[]): Map<string, number> {
  const m = new Map<string, number>();
  for (const row of rows) {
    const n = lintsForEvent(p, row, eventSpanIds(p, row)).filter((l) => l.severity !== 'info').length;
    if (n) m.set(row.pointer, n);
  }
  return m;
}

/** Envelopes of big transactions run to megabytes: show the head, copy the whole. */
const ENVELOPE_SHOWN_CHARS = 64 * 1024;

export function envelopeShown(text: string, max = ENVELOPE_SHOWN_CHARS): { shown: string; hidden: number } {
  return text.length <= max
    ? { shown: text, hidden: 0 }
    : { shown: text.slice(0, max), hidden: text.length - max };
}
