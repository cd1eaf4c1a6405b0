// One exception recorded on several spans of one trace: merged into the innermost record, ancestors only.
import { expect, it } from 'vitest';
import { findDuplicateExceptions } from '../../../../shared/sentry/inference/duplicate-exceptions.js';
import type { Span } from '../../../../shared/model/span.js';
import { exceptionEvent, span } from '../fixtures.js';

const boom = () =>
  exceptionEvent({
    'exception.type': 'TypeError',
    'exception.message': 'boom',
    'exception.stacktrace': 'at f (a.js:1:1)',
  });
const other = () => exceptionEvent({ 'exception.type': 'RangeError', 'exception.message': 'other' });

function chain(...events: Span['events'][]): Span[] {
  // s0 > s1 > s2 …, each starting a little later.
  return events.map((ev, i) =>
    span({
      spanId: String(i + 1).padStart(16, 'a'),
      parentSpanId: i ? String(i).padStart(16, 'a') : '',
      name: `s${i}`,
      startTimeUnixNano: `17000000000000${i}0000`,
      events: ev,
    }),
  );
}

const refs = (spans: Span[]) =>
  findDuplicateExceptions(spans).map((m) => [
    spans[m.spanIndex]!.name,
    m.eventIndex,
    spans[m.into.spanIndex]!.name,
    m.into.eventIndex,
  ]);

it.each<[string, Span[], (string | number)[][]]>([
  ['no exceptions', chain([], []), []],
  ['one record', chain([], [boom()]), []],
  [
    'router > router > handler: both routers merged into the handler',
    chain([boom()], [boom()], [boom()]),
    [
      ['s0', 0, 's2', 0],
      ['s1', 0, 's2', 0],
    ],
  ],
  ['a different exception is kept', chain([other()], [boom()]), []],
  [
    'a different stack is kept',
    chain([exceptionEvent({ 'exception.type': 'TypeError', 'exception.message': 'boom' })], [boom()]),
    [],
  ],
  ['the same record twice on one span', chain([boom(), boom()]), [['s0', 1, 's0', 0]]],
  [
    'repeats on the ancestor resolve to the innermost record',
    chain([boom(), boom()], [boom()]),
    [
      ['s0', 0, 's1', 0],
      ['s0', 1, 's1', 0],
    ],
  ],
  ['records without type or message are ignored', chain([exceptionEvent({})], [exceptionEvent({})]), []],
])('%s', (_, spans, expected) => {
  expect(refs(spans)).toEqual(expected);
});

it('siblings with equal exceptions stay two events; their parent merges into the earlier one', () => {
  const [parent] = chain([boom()]);
  const a = span({
    spanId: 'bbbbbbbbbbbbbbb1',
    parentSpanId: parent!.spanId,
    name: 'a',
    startTimeUnixNano: '1700000000200000000',
    events: [boom()],
  });
  const b = span({
    spanId: 'bbbbbbbbbbbbbbb2',
    parentSpanId: parent!.spanId,
    name: 'b',
    startTimeUnixNano: '1700000000100000000',
    events: [boom()],
  });
  expect(refs([parent!, a, b])).toEqual([['s0', 0, 'b', 0]]);
});

it('a parent cycle does not loop', () => {
  const x = span({
    spanId: 'cccccccccccccccc',
    parentSpanId: 'dddddddddddddddd',
    name: 'x',
    events: [boom()],
  });
  const y = span({
    spanId: 'dddddddddddddddd',
    parentSpanId: 'cccccccccccccccc',
    name: 'y',
    events: [boom()],
  });
  expect(findDuplicateExceptions([x, y])).toHaveLength(1);
});
