// Property tests over random traces: every input span lands in exactly one output place, the output does
// not depend on input order, and everything produced validates against Sentry's schemas.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { mapCollector } from '../../../shared/sentry/collector/index.js';
import {
  CLASSIC_OPTIONS,
  DEFAULT_OPTIONS,
  OPTION_NAMES,
  type MappingOptions,
} from '../../../shared/sentry/options.js';
import { mapSentryOtlp } from '../../../shared/sentry/otlp-profile.js';
import { buildSentryPreview } from '../../../shared/sentry/preview.js';
import type { Span } from '../../../shared/model/span.js';
import { attrs, exceptionEvent, sentryValidators, span } from './fixtures.js';

const validate = sentryValidators();

/** A random trace: n unique span IDs; each span's parent is none, an earlier/later span, or a missing one. */
const traceArb = fc
  .integer({ min: 1, max: 40 })
  .chain((n) =>
    fc.tuple(
      fc.constant(n),
      fc.array(
        fc.record({
          parent: fc.oneof(fc.constant(-1), fc.constant(-2), fc.integer({ min: 0, max: n - 1 })),
          kind: fc.integer({ min: 0, max: 5 }),
          start: fc.integer({ min: 0, max: 1000 }),
          dur: fc.integer({ min: 0, max: 1000 }),
          code: fc.integer({ min: 0, max: 2 }),
          http: fc.boolean(),
          exc: fc.integer({ min: 0, max: 2 }),
        }),
        { minLength: n, maxLength: n },
      ),
    ),
  )
  .map(([n, specs]): Span[] =>
    specs.map((sp, i) => {
      const id = (i + 1).toString(16).padStart(16, '0');
      const parentSpanId =
        sp.parent === -1
          ? ''
          : sp.parent === -2
            ? 'f' + i.toString(16).padStart(15, '0')
            : (sp.parent + 1).toString(16).padStart(16, '0');
      return span({
        spanId: id,
        parentSpanId: parentSpanId === id ? '' : parentSpanId,
        kind: sp.kind as Span['kind'],
        name: `op ${i}${n}`,
        startTimeUnixNano: String(1_700_000_000_000_000_000n + BigInt(sp.start) * 1_000_000n),
        endTimeUnixNano: String(1_700_000_000_000_000_000n + BigInt(sp.start + sp.dur) * 1_000_000n),
        status: { code: sp.code as 0 | 1 | 2, message: sp.code === 2 ? 'failed' : '' },
        attributes: sp.http
          ? attrs({ 'http.request.method': 'GET', 'http.route': '/a/{id}', 'http.status_code': 500 })
          : [],
        events: Array.from({ length: sp.exc }, (_, e) =>
          exceptionEvent(
            e === 0
              ? { 'exception.type': 'E', 'exception.stacktrace': 'at f (/app/a.js:1:1)' }
              : { 'exception.message': 'm' },
          ),
        ),
      });
    }),
  );

const optionsArb = fc.record(
  Object.fromEntries(OPTION_NAMES.map((n) => [n, fc.boolean()])),
) as fc.Arbitrary<MappingOptions>;

describe('collector profile', () => {
  it('every input span lands in exactly one place (a transaction root, a child span, or dropped with a reason)', () => {
    fc.assert(
      fc.property(traceArb, optionsArb, (spans, options) => {
        const m = mapCollector(spans, options);
        const seen = new Map<string, number>();
        const bump = (id: string) => seen.set(id, (seen.get(id) ?? 0) + 1);
        for (const t of m.transactions) {
          bump(t.contexts.trace.span_id);
          for (const s of t.spans ?? []) bump(s.span_id);
        }
        const dropped = m.placement.filter((p) => p.where === 'dropped').length;
        if (dropped) {
          expect(dropped).toBe(spans.length);
          expect(m.transactions).toEqual([]);
        } else for (const s of spans) expect(seen.get(s.spanId)).toBe(1);
        expect([...seen.values()].reduce((a, b) => a + b, 0) + dropped).toBe(spans.length);
        // placement agrees with the payload
        m.placement.forEach((p, i) => {
          if (p.where === 'transaction')
            expect(m.transactions[p.transaction]!.contexts.trace.span_id).toBe(spans[i]!.spanId);
          if (p.where === 'span')
            expect(m.transactions[p.transaction]!.spans![p.index]!.span_id).toBe(spans[i]!.spanId);
        });
        // one error per exception event with a type or message, unless the trace is dropped or the event
        // repeats one on an inner span (dedupeExceptions)
        const expectedErrors = dropped ? 0 : spans.reduce((n, s) => n + s.events.length, 0);
        if (!options.dedupeExceptions) expect(m.mergedExceptions).toEqual([]);
        expect(m.errors.length + m.mergedExceptions.length).toBe(expectedErrors);
      }),
      { numRuns: 300 },
    );
  });

  it('a child always sits in the transaction of its nearest transaction root', () => {
    fc.assert(
      fc.property(traceArb, (spans) => {
        const m = mapCollector(spans, DEFAULT_OPTIONS);
        for (const t of m.transactions) {
          const inTx = new Set([t.contexts.trace.span_id, ...(t.spans ?? []).map((s) => s.span_id)]);
          for (const s of t.spans ?? []) expect(inTx.has(s.parent_span_id!)).toBe(true);
        }
      }),
      { numRuns: 200 },
    );
  });

  it('the output does not depend on the order spans arrived in', () => {
    fc.assert(
      fc.property(traceArb, fc.integer(), (spans, seed) => {
        const shuffled = [...spans].sort(
          (a, b) => ((a.spanId.charCodeAt(15) * seed) % 7) - ((b.spanId.charCodeAt(15) * seed) % 7),
        );
        const a = buildSentryPreview(spans, { dsn: 'https://k@o1.ingest.sentry.io/2' });
        const b = buildSentryPreview(shuffled, { dsn: 'https://k@o1.ingest.sentry.io/2' });
        expect(JSON.stringify({ ...b, placement: [] })).toBe(JSON.stringify({ ...a, placement: [] }));
      }),
      { numRuns: 100 },
    );
  });

  it('everything produced validates against the Sentry schemas, whatever the options', () => {
    fc.assert(
      fc.property(traceArb, optionsArb, (spans, options) => {
        const m = mapCollector(spans, options);
        for (const t of m.transactions) expect(validate.transaction(t)).toBe('');
        for (const e of m.errors) expect(validate.error(e)).toBe('');
      }),
      { numRuns: 150 },
    );
  });

  it('with every option off, the preview reports no difference from classic', () => {
    fc.assert(
      fc.property(traceArb, (spans) => {
        expect(buildSentryPreview(spans, { options: CLASSIC_OPTIONS }).differences).toEqual([]);
      }),
      { numRuns: 100 },
    );
  });
});

describe('sentry-otlp profile', () => {
  it('every input span lands in exactly one segment, each segment starting with its one segment span', () => {
    fc.assert(
      fc.property(traceArb, (spans) => {
        const m = mapSentryOtlp(spans);
        const ids = m.segments.flatMap((g) => g.spans.map((s) => s.span_id));
        expect(ids.sort()).toEqual(spans.map((s) => s.spanId).sort());
        for (const g of m.segments) {
          expect(g.spans[0]!.is_segment).toBe(true);
          expect(g.spans.slice(1).every((s) => !s.is_segment)).toBe(true);
        }
      }),
      { numRuns: 300 },
    );
  });
});
