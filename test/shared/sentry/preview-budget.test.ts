import { describe, expect, it } from 'vitest';
import type { KeyValue, Span } from '../../../shared/model/span.js';
import {
  cutForPreview,
  earliestSpans,
  previewCutLint,
  type PreviewBudget,
} from '../../../shared/sentry/preview-budget.js';
import { prng } from '../../helpers/otlp-payloads.js';
import { makeSpan } from '../../electron/core/store/fixtures.js';

const attrs = (n: number): KeyValue[] =>
  Array.from({ length: n }, (_, i) => ({ key: `attr.${i}`, value: { stringValue: `value-${i}` } }));

const small: PreviewBudget = { maxSpans: 50, maxBytes: 64 * 1024, maxSpanBytes: 8 * 1024 };

describe('cutForPreview', () => {
  it('keeps a trace that fits whole, in start order, with no report', () => {
    const spans = [3, 1, 2].map((i) => makeSpan({ trace: 1, span: i, startMs: i }));
    const { spans: kept, report } = cutForPreview(spans, small);
    expect(report).toBeNull();
    expect(kept.map((s) => s.name)).toEqual(['span 1', 'span 2', 'span 3']);
  });

  it.each([
    [
      'one span with 200 000 attributes',
      [makeSpan({ trace: 1, span: 1, attributes: attrs(200_000) })],
      (kept: readonly Span[]) => {
        expect(kept).toHaveLength(1);
        expect(kept[0]!.attributes.length).toBeGreaterThan(0);
        expect(kept[0]!.attributes.length).toBeLessThan(200);
        expect(kept[0]!.attributes).toEqual(attrs(kept[0]!.attributes.length));
      },
      /span [0-9a-f]{16} with \d+ of 200000 attributes/,
    ],
    [
      'a span with 50 000 events',
      [
        {
          ...makeSpan({ trace: 1, span: 1 }),
          events: Array.from({ length: 50_000 }, (_, i) => ({
            timeUnixNano: '1',
            name: `e${i}`,
            attributes: attrs(2),
            droppedAttributesCount: 0,
          })),
        },
      ],
      (kept: readonly Span[]) => expect(kept[0]!.events.length).toBeLessThan(100),
      /\d+ of 50000 events/,
    ],
    [
      '5000 spans',
      Array.from({ length: 5000 }, (_, i) => makeSpan({ trace: 1, span: i + 1, startMs: 5000 - i })),
      (kept: readonly Span[]) => {
        expect(kept).toHaveLength(50);
        // The earliest ones: spans 5000 down to 4951 started first.
        expect(kept[0]!.startTimeUnixNano < kept[49]!.startTimeUnixNano).toBe(true);
        expect(new Set(kept.map((s) => s.name))).toEqual(
          new Set(Array.from({ length: 50 }, (_, i) => `span ${5000 - i}`)),
        );
      },
      /only the first 50 of 5000 spans/,
    ],
  ])('cuts %s to the budget and says what it cut', (_name, spans, check, message) => {
    const { spans: kept, report } = cutForPreview(spans, small);
    check(kept);
    expect(report).not.toBeNull();
    const lint = previewCutLint(report!);
    expect(lint).toMatchObject({ code: 'preview-cut', severity: 'warning' });
    expect(lint.message).toMatch(message);
    expect(lint.message).toMatch(/too large to preview in full/);
  });

  it('never lets the kept spans pass the byte budget', () => {
    const spans = Array.from({ length: 40 }, (_, i) =>
      makeSpan({ trace: 1, span: i + 1, startMs: i, attributes: attrs(100) }),
    );
    const { spans: kept, report } = cutForPreview(spans, small);
    const size = JSON.stringify(kept).length;
    expect(size).toBeLessThan(small.maxBytes);
    expect(report!.spans.of).toBe(40);
  });
});

describe('earliestSpans', () => {
  it('picks the same spans as a full sort would, in order', () => {
    const rand = prng(5);
    for (let round = 0; round < 20; round++) {
      const n = 1 + Math.floor(rand() * 400);
      const spans = Array.from({ length: n }, (_, i) =>
        makeSpan({ trace: 1, span: i + 1, startMs: Math.floor(rand() * 50) }),
      );
      const k = 1 + Math.floor(rand() * n);
      const expected = spans
        .slice()
        .sort((a, b) =>
          a.startTimeUnixNano === b.startTimeUnixNano
            ? a.spanId.localeCompare(b.spanId)
            : a.startTimeUnixNano < b.startTimeUnixNano
              ? -1
              : 1,
        )
        .slice(0, k)
        .map((s) => s.startTimeUnixNano);
      expect(earliestSpans(spans, k).map((s) => s.startTimeUnixNano)).toEqual(expected);
    }
  });
});
