// Lints where the classic mapping and what a Sentry SDK user sees part ways: one exception counted several
// times, an HTTP error reported as `ok`, a lone database query becoming a transaction, a transaction named by
// its SQL text. Each states only what the sources in docs/sentry-mapping.md ("Lints") support.
import type { Span } from '../../model/span.js';
import { noParent } from '../order.js';
import type { Lint } from '../lints.js';
import type { TransactionEvent } from '../payload.js';
import type { ExceptionRef, MergedException } from './duplicate-exceptions.js';
import { inferHttpStatus } from './http-status.js';
import { looksLikeSql } from './sql-text.js';

interface InferenceLintInput {
  spans: readonly Span[];
  /** Input span indices in output order (start time, then span ID). */
  order: readonly number[];
  transactions: readonly TransactionEvent[];
  /** By input span index: the transaction it is the root of, if any. */
  rootOf: ReadonlyMap<number, number>;
  /** Input indices of the error events' sources, in error order. */
  errorSources: readonly ExceptionRef[];
  /** Exception records that repeat another one on an inner span. */
  duplicates: readonly MergedException[];
  /** Whether those records were merged (dedupeExceptions on) or each made an event (off). */
  merged: boolean;
  /** Whether httpStatusInference is on (then an UNSET HTTP error already maps as Sentry's SDK does). */
  httpStatusInference: boolean;
}

function short(s: string, n = 60): string {
  const one = s.replace(/\s+/g, ' ').trim();
  return one.length > n ? one.slice(0, n - 1) + '…' : one;
}

function duplicateExceptionLints(input: InferenceLintInput): Lint[] {
  const { spans, duplicates, merged, errorSources } = input;
  if (!duplicates.length) return [];
  const groups = new Map<string, { into: ExceptionRef; spans: number[] }>();
  for (const d of duplicates) {
    const k = `${d.into.spanIndex}:${d.into.eventIndex}`;
    let g = groups.get(k);
    if (!g) groups.set(k, (g = { into: d.into, spans: [] }));
    if (d.spanIndex !== d.into.spanIndex && !g.spans.includes(d.spanIndex)) g.spans.push(d.spanIndex);
  }
  const out: Lint[] = [];
  for (const [k, g] of groups) {
    const kept = spans[g.into.spanIndex]!;
    const records = duplicates.filter((d) => `${d.into.spanIndex}:${d.into.eventIndex}` === k).length + 1;
    const ev = kept.events[g.into.eventIndex]!;
    const type = ev.attributes.find((a) => a.key === 'exception.type')?.value;
    const msg = ev.attributes.find((a) => a.key === 'exception.message')?.value;
    const what = [
      type && 'stringValue' in type ? type.stringValue : '',
      msg && 'stringValue' in msg ? msg.stringValue : '',
    ]
      .filter(Boolean)
      .join(': ');
    const others = g.spans.map((i) => `"${spans[i]!.name}"`).join(', ');
    const where = others ? `on "${kept.name}" and on ${others}` : `${records} times on "${kept.name}"`;
    const n = errorSources.findIndex(
      (s) => s.spanIndex === g.into.spanIndex && s.eventIndex === g.into.eventIndex,
    );
    out.push(
      merged
        ? {
            code: 'duplicate-exception',
            severity: 'info',
            spanId: kept.spanId,
            ...(n >= 0 ? { pointer: `/errors/${n}` } : {}),
            message: `exception "${short(what)}" was recorded ${where} (same type, message and stack): ${records} records merged into one error event on the innermost span, as a Sentry SDK reports one thrown error once`,
            fix: 'Nothing to do; turn off dedupeExceptions to see the classic exporter’s one event per record.',
          }
        : {
            code: 'duplicate-exception',
            severity: 'warning',
            spanId: kept.spanId,
            ...(n >= 0 ? { pointer: `/errors/${n}` } : {}),
            message: `exception "${short(what)}" was recorded ${where} (same type, message and stack): the classic exporter sends ${records} error events, so Sentry counts ${records} events of one issue for one failure`,
            fix: 'Turn on dedupeExceptions, or record the exception only where it is handled (framework instrumentations record it on every layer).',
          },
    );
  }
  return out;
}

function httpStatusLints(input: InferenceLintInput): Lint[] {
  if (input.httpStatusInference) return [];
  const out: Lint[] = [];
  for (const i of input.order) {
    const s = input.spans[i]!;
    const inferred = inferHttpStatus(s);
    if (!inferred) continue;
    out.push({
      code: 'http-error-status-unset',
      severity: 'warning',
      spanId: s.spanId,
      message: `span "${s.name}" has ${inferred.key} ${inferred.code} but status UNSET: the classic exporter sends status "ok", where Sentry's own OpenTelemetry integration infers "${inferred.status}"; Sentry's failure rate and the trace view count it as a success`,
      fix: 'Turn on httpStatusInference, or set the span status to ERROR for responses you count as failures.',
    });
  }
  return out;
}

function isDbOrCache(span: Span): boolean {
  for (const a of span.attributes) {
    if (a.key === 'db.system' || a.key === 'db.system.name') return true;
    if (a.key === 'sentry.op' && 'stringValue' in a.value && /^(db|cache)(\.|$)/.test(a.value.stringValue))
      return true;
  }
  return false;
}

/** A parentless DB/cache span that became a transaction; a transaction named by raw SQL. */
function transactionShapeLints(input: InferenceLintInput): Lint[] {
  const out: Lint[] = [];
  for (const i of input.order) {
    const t = input.rootOf.get(i);
    if (t === undefined) continue;
    const s = input.spans[i]!;
    const tx = input.transactions[t]!;
    const name = tx.transaction ?? '';
    const sql = looksLikeSql(name);
    if (noParent(s.parentSpanId) && isDbOrCache(s)) {
      out.push({
        code: 'parentless-db-transaction',
        severity: 'warning',
        spanId: s.spanId,
        pointer: `/transactions/${t}`,
        message: `database span "${short(s.name)}" has no parent, so it becomes a transaction of its own${sql ? ' named by its SQL text' : ` named "${short(name)}"`}: each such query is a separate transaction in Sentry (counted against the quota, listed among your endpoints)`,
        fix: 'Run startup and migration queries inside a span of their own (e.g. tracer.startActiveSpan("migrate", …)), or do not trace them.',
      });
      continue;
    }
    if (sql)
      out.push({
        code: 'sql-transaction-name',
        severity: 'warning',
        spanId: s.spanId,
        pointer: `/transactions/${t}/transaction`,
        message: `transaction name "${short(name)}" is a raw SQL statement: every distinct statement (and literal value) becomes its own transaction in Sentry, and values in it are sent as the name`,
        fix: 'Give the root span a stable name (the operation it performs), and keep SQL in db.query.text / db.statement.',
      });
  }
  return out;
}

export function inferenceLints(input: InferenceLintInput): Lint[] {
  return [...duplicateExceptionLints(input), ...httpStatusLints(input), ...transactionShapeLints(input)];
}
