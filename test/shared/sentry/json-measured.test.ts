import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { SLICE, stringifyMeasured } from '../../../shared/sentry/json-measured.js';

const bytesOf = (s: string) => new TextEncoder().encode(s).length;

/** What stringifyMeasured must equal: JSON.stringify and the TextEncoder byte count of its text. */
function expected(value: unknown) {
  const json = JSON.stringify(value) as string | undefined;
  return { json, bytes: json === undefined ? 0 : bytesOf(json) };
}

const span = (i: number, extra: Record<string, unknown> = {}) => ({
  span_id: i.toString(16).padStart(16, '0'),
  description: `SELECT ${i} — ünïcödé 😀`,
  tags: { '10': 'index-like key first', b: 'x', __proto__x: 'y' },
  ...extra,
});
const many = (n: number) => Array.from({ length: n }, (_, i) => span(i));

describe('stringifyMeasured', () => {
  const cases: [string, unknown][] = [
    ['a small event (no slicing)', { type: 'transaction', spans: many(3) }],
    ['exactly SLICE spans (no slicing)', { spans: many(SLICE) }],
    ['SLICE + 1 spans', { spans: many(SLICE + 1) }],
    ['many spans, members before and after', { a: 1, spans: many(3 * SLICE + 5), z: { k: [1, 2] } }],
    [
      'undefined, function and symbol members left out',
      { u: undefined, f: () => 1, s: Symbol('s'), spans: many(SLICE + 2) },
    ],
    ['holes and undefined elements become null', { spans: [...many(SLICE), undefined, , () => 1, 'x'] }],
    ['lone surrogates escaped', { spans: many(SLICE + 1).map((s) => ({ ...s, d: '\ud800 and \udfff' })) }],
    [
      'index-like and __proto__ top-level keys',
      JSON.parse(`{"b":1,"7":2,"__proto__":3,"spans":${JSON.stringify(many(SLICE + 1))}}`),
    ],
    ['empty object', {}],
    ['a string', 'text'],
    ['undefined', undefined],
    ['an array at the top', many(SLICE * 2)],
    [
      'an element with toJSON (called with its index)',
      { spans: [...many(SLICE), { toJSON: (k: string) => `at ${k}` }] },
    ],
    [
      'a member with toJSON (called with its key)',
      { spans: many(SLICE + 1), when: { toJSON: (k: string) => `key ${k}` } },
    ],
    ['a Date member', { spans: many(SLICE + 1), at: new Date(0) }],
  ];
  it.each(cases)('%s: same text as JSON.stringify, same bytes as TextEncoder', (_name, value) => {
    expect(stringifyMeasured(value)).toEqual(expected(value));
  });

  it('matches JSON.stringify on arbitrary JSON-like values with long arrays', () => {
    const leaf = fc.oneof(
      fc.string({ unit: 'grapheme' }),
      fc.string({ unit: 'binary' }),
      fc.double(),
      fc.integer(),
      fc.boolean(),
      fc.constant(null),
      fc.constant(undefined),
    );
    const element = fc.oneof(leaf, fc.dictionary(fc.string({ unit: 'binary' }), leaf, { maxKeys: 4 }));
    fc.assert(
      fc.property(
        fc.dictionary(
          fc.string({ unit: 'binary' }),
          fc.oneof(leaf, fc.array(element, { minLength: 0, maxLength: 3 * SLICE })),
          { maxKeys: 5 },
        ),
        (value) => {
          expect(stringifyMeasured(value)).toEqual(expected(value));
        },
      ),
      { numRuns: 200 },
    );
  });
});
