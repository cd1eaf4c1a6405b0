import { describe, expect, it } from 'vitest';
import { buildSentryPreview } from '../../../shared/sentry/preview.js';
import type { Lint } from '../../../shared/sentry/lints.js';
import type { Span } from '../../../shared/model/span.js';
import {
  annotatedCount,
  branchSummary,
  describeDifference,
  describeProvenance,
  differenceIndex,
  differencesByOption,
  droppedItems,
  dropMarks,
  envelopeFor,
  envelopeHeader,
  envelopeShown,
  eventSpanIds,
  lintCountsByEvent,
  errorRows,
  eventRows,
  frameLines,
  jsonEntries,
  lintBadge,
  lintGroups,
  lintsForEvent,
  openByDefault,
  previewQuery,
  provenanceAt,
  segmentViews,
  shortJson,
  spanLabel,
  transactionRows,
} from '../../../renderer/src/model/sentry-view.js';
import { pointerToken, valueAt } from '../../../shared/sentry/json-pointer.js';
import { makeSpan, sid } from '../fixtures.js';

const STACK = [
  "TypeError: Cannot read properties of undefined (reading 'email')",
  '    at serializeUser (/srv/app/src/serialize.js:14:27)',
  '    at listUsers (/srv/app/src/routes.js:42:23)',
  '    at Layer.handle (/srv/app/node_modules/express/lib/router/layer.js:95:5)',
].join('\n');

/** An HTTP SERVER root named "GET" with a route, a DB child with an exception, and an orphan. */
function spans(): Span[] {
  const root = makeSpan({ id: '1', name: 'GET', start: 0, end: 100 });
  root.kind = 2;
  root.attributes = [
    { key: 'http.request.method', value: { stringValue: 'GET' } },
    { key: 'http.route', value: { stringValue: '/users/:id' } },
    { key: 'http.response.status_code', value: { intValue: '500' } },
  ];
  const db = makeSpan({
    id: '2',
    parent: '1',
    name: 'SELECT users',
    start: 10,
    end: 50,
    error: true,
    events: [
      {
        timeUnixNano: root.startTimeUnixNano,
        name: 'exception',
        attributes: [
          { key: 'exception.type', value: { stringValue: 'TypeError' } },
          {
            key: 'exception.message',
            value: { stringValue: "Cannot read properties of undefined (reading 'email')" },
          },
          { key: 'exception.stacktrace', value: { stringValue: STACK } },
        ],
        droppedAttributesCount: 0,
      },
    ],
  });
  db.attributes = [{ key: 'db.system.name', value: { stringValue: 'postgresql' } }];
  const orphan = makeSpan({ id: '3', parent: 'ff', name: 'orphan work', start: 20, end: 30 });
  return [root, db, orphan];
}

const collector = buildSentryPreview(spans());
const otlp = buildSentryPreview(spans(), { profile: 'sentry-otlp' });

describe('previewQuery', () => {
  it.each([
    ['collector', {}, '?profile=collector'],
    ['sentry-otlp', {}, '?profile=sentry-otlp'],
    [
      'collector',
      { spanData: false, httpRouteNames: false },
      '?profile=collector&httpRouteNames=false&spanData=false',
    ],
    ['collector', { tagLimits: true }, '?profile=collector&tagLimits=true'],
  ] as const)('%s %j → %s', (profile, overrides, want) => {
    expect(previewQuery(profile, overrides)).toBe(want);
  });
});

describe('JSON pointers', () => {
  it.each([
    ['a/b', 'a~1b'],
    ['a~b', 'a~0b'],
    ['~/', '~0~1'],
    [3, '3'],
  ] as const)('token %j → %s', (t, want) => expect(pointerToken(t)).toBe(want));

  it('finds values by pointer, escaped keys included, and nothing past a scalar or inherited key', () => {
    const doc = { a: { 'x/y': [10, { '~k': 'v' }] } };
    expect(valueAt(doc, '')).toBe(doc);
    expect(valueAt(doc, '/a/x~1y/0')).toBe(10);
    expect(valueAt(doc, '/a/x~1y/1/~0k')).toBe('v');
    expect(valueAt(doc, '/a/x~1y/0/z')).toBeUndefined();
    expect(valueAt(doc, '/a/toString')).toBeUndefined();
    expect(valueAt(collector, '/transactions/0/transaction')).toBe(collector.transactions[0]!.transaction);
  });
});

describe('list rows', () => {
  it('turns the collector preview into transaction and error rows', () => {
    const tx = transactionRows(collector);
    expect(tx[0]).toMatchObject({
      kind: 'transaction',
      pointer: '/transactions/0',
      name: 'GET /users/:id',
      op: 'http.server',
      source: 'route',
      spanCount: 2,
      spanId: sid('1'),
    });
    // The orphan becomes its own transaction.
    expect(tx.map((t) => t.spanId)).toContain(sid('3'));
    const errs = errorRows(collector);
    expect(errs).toEqual([
      expect.objectContaining({
        kind: 'error',
        pointer: '/errors/0',
        type: 'TypeError',
        value: "Cannot read properties of undefined (reading 'email')",
        level: 'error',
        spanId: sid('2'),
      }),
    ]);
    expect(eventRows(collector).map((r) => r.pointer)).toEqual([...tx.map((t) => t.pointer), '/errors/0']);
  });

  it('shows classic transactions without a source', () => {
    const classic = buildSentryPreview(spans(), { options: { httpRouteNames: false } });
    expect(transactionRows(classic)[0]!.source).toBe('—');
    expect(transactionRows(classic)[0]!.name).not.toBe('GET /users/:id');
  });

  it('labels spans by name, falling back to the ID', () => {
    const names = new Map([[sid('1'), 'GET']]);
    expect(spanLabel(sid('1'), names)).toBe('GET');
    expect(spanLabel(sid('9'), names)).toBe(sid('9'));
  });

  it('lists segments with op, description, status and the derived sentry.* attributes', () => {
    const segs = segmentViews(otlp);
    expect(segs.length).toBeGreaterThanOrEqual(2);
    const root = segs.find((s) => s.segmentId === sid('1'))!;
    expect(root.spans[0]).toMatchObject({ spanId: sid('1'), isSegment: true, op: 'http.server' });
    expect(root.spans[0]!.derived.every(([k]) => k.startsWith('sentry.'))).toBe(true);
    expect(root.spans[0]!.derived.map(([k]) => k)).toContain('sentry.op');
    const db = root.spans.find((s) => s.spanId === sid('2'))!;
    expect(db.status).toBe('error');
    expect(db.pointer).toMatch(/^\/segments\/\d+\/spans\/\d+$/);
  });

  it('says what Sentry drops: span events under sentry-otlp, nothing extra under collector', () => {
    const dropped = droppedItems(otlp);
    expect(dropped.some((d) => d.spanId === sid('2') && /exception/.test(d.what))).toBe(true);
    const noRoot = buildSentryPreview([spans()[2]!], { options: { keepRootlessTraces: false } });
    expect(droppedItems(noRoot)).toEqual([
      { spanId: sid('3'), what: 'span dropped (no-transaction-root)', certainty: 'dropped' },
    ]);
  });

  it('marks the spans a lint says may be dropped, and a certain drop wins over a possible one', () => {
    const ping = { ...spans()[0]!, spanId: sid('7'), name: 'test/ping', kind: 1 as const, attributes: [] };
    const p = buildSentryPreview([ping], { profile: 'sentry-otlp' });
    const items = droppedItems(p);
    expect(items).toEqual([expect.objectContaining({ spanId: sid('7'), certainty: 'may-drop' })]);
    expect(dropMarks(items).get(sid('7'))).toBe('may-drop');
    expect(
      dropMarks([...items, { spanId: sid('7'), what: 'span dropped (x)', certainty: 'dropped' }]).get(
        sid('7'),
      ),
    ).toBe('dropped');
  });
});

describe('provenance and differences', () => {
  it('looks provenance up by exact pointer and describes it in one line', () => {
    const p = provenanceAt(collector, '/transactions/0/transaction')!;
    expect(p).toMatchObject({ source: 'attribute', key: 'http.route', option: 'httpRouteNames' });
    expect(describeProvenance(p)).toMatch(/^attribute http\.route · rule .+ · option httpRouteNames$/);
    expect(provenanceAt(collector, '/transactions/0/nope')).toBeUndefined();
    expect(provenanceAt(collector, 'constructor')).toBeUndefined();
  });

  it.each([
    [{ source: 'attribute', key: 'http.route' }, 'attribute http.route'],
    [{ source: 'span', key: 'name' }, 'span field name'],
    [{ source: 'rule', rule: 'status-table' }, 'rule status-table'],
    [{ source: 'default' }, 'default'],
    [
      { source: 'setting', key: 'environment', option: 'resourceContext' },
      'setting environment · option resourceContext',
    ],
    [{ source: 'event', key: 'exception.type' }, 'exception event exception.type'],
  ] as const)('describes %j', (prov, want) => expect(describeProvenance(prov)).toBe(want));

  it('indexes the differences from classic by pointer, with the option responsible', () => {
    const d = differenceIndex(collector).get('/transactions/0/transaction_info');
    expect(d).toMatchObject({ kind: 'added', option: 'httpRouteNames' });
    expect(describeDifference(d!)).toBe('added by httpRouteNames: classic sends nothing here');
    expect(
      describeDifference({
        pointer: '/x',
        kind: 'changed',
        classic: 'GET',
        value: 'GET /a',
        option: 'httpRouteNames',
      }),
    ).toBe('changed by httpRouteNames: classic sends "GET"');
    expect(describeDifference({ pointer: '/x', kind: 'removed', classic: 1 })).toBe(
      'removed: classic sends 1',
    );
    expect(differencesByOption(collector).get('httpRouteNames')).toBeGreaterThan(0);
    const classic = buildSentryPreview(spans(), {
      options: Object.fromEntries(Object.keys(collector.options).map((k) => [k, false])),
    });
    expect(differenceIndex(classic).size).toBe(0);
  });

  it('counts the annotated fields under one event', () => {
    const n = annotatedCount(collector, '/transactions/0');
    expect(n.provenance).toBeGreaterThan(5);
    expect(n.differences).toBe(
      collector.differences.filter((d) => d.pointer.startsWith('/transactions/0/')).length,
    );
  });

  it('shortens JSON for one-line labels', () => {
    expect(shortJson('x'.repeat(100), 10)).toBe(`"${'x'.repeat(8)}…`);
    expect(shortJson({ a: 1 })).toBe('{"a":1}');
  });
});

describe('lints', () => {
  const lint = (
    severity: Lint['severity'],
    code: Lint['code'],
    spanId: string | null = null,
    pointer?: string,
  ): Lint => ({
    code,
    severity,
    spanId,
    message: code,
    fix: 'fix it',
    ...(pointer ? { pointer } : {}),
  });

  it('groups by severity, errors first, keeping the order within a group', () => {
    const ls = [
      lint('info', 'old-semconv-op'),
      lint('warning', 'orphan-span', 'a'),
      lint('error', 'span-name-slash', 'b'),
      lint('warning', 'missing-service-name', 'c'),
    ];
    expect(lintGroups(ls).map((g) => [g.severity, g.lints.map((l) => l.spanId)])).toEqual([
      ['error', ['b']],
      ['warning', ['a', 'c']],
      ['info', [null]],
    ]);
    expect(lintGroups([])).toEqual([]);
  });

  it('lists the first few of each code and counts the rest, unless the code is expanded', () => {
    const ls = [
      ...['a', 'b', 'c', 'd'].map((s) => lint('warning', 'child-outside-parent', s)),
      lint('warning', 'orphan-span', 'e'),
      lint('info', 'old-semconv-op', 'f'),
      lint('info', 'old-semconv-op', 'g'),
    ];
    const view = (g: ReturnType<typeof lintGroups>) =>
      g.map((x) => [x.severity, x.lints.map((l) => l.spanId).join(''), x.more]);
    expect(view(lintGroups(ls, 2))).toEqual([
      ['warning', 'abe', [{ code: 'child-outside-parent', count: 2 }]],
      ['info', 'fg', []],
    ]);
    expect(view(lintGroups(ls, 1, new Set(['child-outside-parent'])))).toEqual([
      ['warning', 'abcde', []],
      ['info', 'f', [{ code: 'old-semconv-op', count: 1 }]],
    ]);
    expect(lintGroups(ls).every((g) => g.more.length === 0)).toBe(true);
  });

  it.each([
    [[], { count: 0, severity: null }],
    [[lint('info', 'old-semconv-op')], { count: 0, severity: null }],
    [[lint('warning', 'orphan-span'), lint('info', 'old-semconv-op')], { count: 1, severity: 'warning' }],
    [[lint('warning', 'orphan-span'), lint('error', 'invalid-id')], { count: 2, severity: 'error' }],
  ] as const)('badge of %j', (ls, want) => expect(lintBadge(ls)).toEqual(want));

  it('finds the lints of one event by pointer or by span', () => {
    const row = transactionRows(collector)[0]!;
    const p = {
      ...collector,
      lints: [
        lint('warning', 'tag-too-long', null, '/transactions/0/tags/x'),
        lint('warning', 'tag-too-long', null, '/transactions/10/tags/x'),
        lint('warning', 'orphan-span', sid('2')),
        lint('warning', 'orphan-span', sid('9')),
      ],
    };
    expect(lintsForEvent(p, row, new Set([sid('1'), sid('2')])).map((l) => l.pointer ?? l.spanId)).toEqual([
      '/transactions/0/tags/x',
      sid('2'),
    ]);
  });

  it('the real preview lints the orphan, naming its span', () => {
    expect(collector.lints.find((l) => l.code === 'orphan-span')?.spanId).toBe(sid('3'));
  });
});

describe('stack frames', () => {
  it('reads most recent call first with file:line:col and in_app', () => {
    const ev = collector.errors[0]!;
    const values = Array.isArray(ev.exception) ? ev.exception : ev.exception.values;
    const lines = frameLines(values[0]!.stacktrace!.frames);
    expect(lines[0]).toEqual({
      fn: 'serializeUser',
      location: '/srv/app/src/serialize.js:14:27',
      inApp: true,
    });
    expect(lines[2]).toMatchObject({ fn: 'Layer.handle', inApp: false });
  });
  it.each([
    [
      { function: 'f', filename: 'a.py', lineno: 3 },
      { fn: 'f', location: 'a.py:3', inApp: false },
    ],
    [
      { module: 'pkg.mod', colno: 4 },
      { fn: '?', location: 'pkg.mod', inApp: false },
    ],
    [
      { abs_path: '/x.go', lineno: 9, colno: 2, in_app: true },
      { fn: '?', location: '/x.go:9:2', inApp: true },
    ],
  ])('%j', (frame, want) => expect(frameLines([frame])).toEqual([want]));
});

describe('JSON tree', () => {
  it('lists children with escaped pointers, branches marked', () => {
    expect(jsonEntries({ 'a/b': 1, c: { d: 2 } }, '/x')).toEqual([
      { key: 'a/b', pointer: '/x/a~1b', value: 1, branch: false },
      { key: 'c', pointer: '/x/c', value: { d: 2 }, branch: true },
    ]);
    expect(jsonEntries([null, []], '')).toEqual([
      { key: '0', pointer: '/0', value: null, branch: false },
      { key: '1', pointer: '/1', value: [], branch: true },
    ]);
    expect(jsonEntries('s', '/s')).toEqual([]);
  });
  it.each([
    [[1], '[1 item]'],
    [[1, 2], '[2 items]'],
    [{}, '{0 keys}'],
    [{ a: 1 }, '{1 key}'],
    [{ op: 'db', description: 'SELECT 1', name: 'x' }, '{3 keys} "SELECT 1"'],
    [{ function: 'f', lineno: 1 }, '{2 keys} "f"'],
    [{ name: '' }, '{1 key}'],
  ])('summary of %j is %s', (v, want) => expect(branchSummary(v)).toBe(want));
  it.each([
    ['/transactions/0/contexts', { trace: {} }, 0, true],
    ['/transactions/0/tags', { a: '1' }, 0, false],
    ['/transactions/0/spans', [], 0, false],
    ['/segments/1/spans', [], 0, true],
    ['/errors/0/exception/values/0/stacktrace/frames', [], 4, false],
    [
      '/transactions/0/contexts/trace',
      Object.fromEntries(Array.from({ length: 9 }, (_, i) => [i, i])),
      1,
      false,
    ],
    ['/a/b/c/d/e', {}, 4, false],
  ])('%s opens by default: %s', (pointer, value, depth, want) =>
    expect(openByDefault(pointer, value, depth)).toBe(want),
  );
});

describe('envelopes', () => {
  it('finds the envelope of an event and reads its header', () => {
    const env = envelopeFor(collector, '/errors/0')!;
    expect(env.itemType).toBe('event');
    const h = envelopeHeader(env.text)!;
    expect(h.event_id).toBe(collector.errors[0]!.event_id);
    expect(typeof h.sent_at).toBe('string');
    expect(envelopeHeader('not json\n{}')).toBeNull();
    expect(envelopeHeader('[1]')).toBeNull();
    expect(envelopeFor(otlp, '/segments/0')).toBeUndefined();
  });
});

describe('lints per event', () => {
  it('knows which spans went into each event and counts the warnings about it', () => {
    const rows = eventRows(collector);
    const root = rows.find((r) => r.kind === 'transaction' && r.spanId === sid('1'))!;
    expect([...eventSpanIds(collector, root)].sort()).toEqual([sid('1'), sid('2')]);
    const err = rows.find((r) => r.kind === 'error')!;
    expect([...eventSpanIds(collector, err)]).toEqual([sid('2')]);
    const orphanTx = rows.find((r) => r.kind === 'transaction' && r.spanId === sid('3'))!;
    const counts = lintCountsByEvent(collector, rows);
    // The orphan lint (a warning) is about span 3, which is the orphan's own transaction.
    expect(counts.get(orphanTx.pointer)).toBeGreaterThanOrEqual(1);
    expect(counts.has(root.pointer)).toBe(
      collector.lints.some((l) => l.spanId === sid('1') || l.spanId === sid('2')),
    );
  });
});

describe('envelope display', () => {
  it.each([
    ['short', 10, { shown: 'short', hidden: 0 }],
    ['0123456789abc', 10, { shown: '0123456789', hidden: 3 }],
  ])('%s (max %d)', (text, max, want) => expect(envelopeShown(text, max)).toEqual(want));
});

describe('merged exceptions', () => {
  it('an error row lists the other spans whose identical exception was merged into it', () => {
    // The db span's exception, recorded again on its parent (as framework instrumentations do).
    const [root, db] = spans();
    const boom = db!.events[0]!;
    const outer = { ...root!, events: [boom] };
    const inner = db!;
    const rows = errorRows(buildSentryPreview([outer, inner]));
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ spanId: sid('2'), mergedFrom: [outer.spanId] });
    const classic = errorRows(buildSentryPreview([outer, inner], { options: { dedupeExceptions: false } }));
    expect(classic.map((r) => r.mergedFrom)).toEqual([[], []]);
  });
});
