// Provenance covers every field the mapper produces: each leaf of the payloads has an entry, at its own
// pointer or at an ancestor's (e.g. contexts/otel/resource covers every resource attribute under it).
import { describe, expect, it } from 'vitest';
import { buildSentryPreview, type SentryPreview } from '../../../shared/sentry/preview.js';
import { CLASSIC_OPTIONS } from '../../../shared/sentry/options.js';
import { pointer, pointerToken } from '../../../shared/sentry/json-pointer.js';
import { SCENARIOS } from './scenarios.js';

function leaves(v: unknown, at: string, out: string[]) {
  if (v !== null && typeof v === 'object' && Object.keys(v).length > 0) {
    for (const [k, x] of Object.entries(v)) leaves(x, `${at}/${pointerToken(k)}`, out);
  } else out.push(at);
}

function uncovered(p: SentryPreview): string[] {
  const all: string[] = [];
  p.transactions.forEach((t, i) => leaves(t, `/transactions/${i}`, all));
  p.errors.forEach((e, i) => leaves(e, `/errors/${i}`, all));
  p.segments.forEach((g, i) => leaves(g, `/segments/${i}`, all));
  return all.filter((ptr) => {
    for (let q = ptr; q.lastIndexOf('/') > 0; q = q.slice(0, q.lastIndexOf('/')))
      if (p.provenance[q]) return false;
    return true;
  });
}

describe.each(SCENARIOS.filter((s) => !s.name.startsWith('large')))('$name', ({ spans }) => {
  it.each([
    ['collector, improved', {}],
    ['collector, classic', { options: CLASSIC_OPTIONS }],
    ['sentry-otlp', { profile: 'sentry-otlp' as const }],
  ])('%s: every produced field has provenance', (_n, req) => {
    expect(uncovered(buildSentryPreview(spans(), req))).toEqual([]);
  });
});

it('entries name a source, and an option only where an improvement made the value', () => {
  const p = buildSentryPreview(SCENARIOS[1]!.spans(), {});
  const sources = new Set(Object.values(p.provenance).map((x) => x.source));
  for (const s of sources)
    expect(['attribute', 'resource', 'span', 'scope', 'event', 'rule', 'default', 'setting']).toContain(s);
  expect(p.provenance['/transactions/0/transaction']).toMatchObject({
    key: 'http.route',
    option: 'httpRouteNames',
  });
  expect(p.provenance['/transactions/0/tags/service.name']).toEqual({
    source: 'resource',
    key: 'service.name',
  });
  const classic = buildSentryPreview(SCENARIOS[1]!.spans(), { options: CLASSIC_OPTIONS });
  expect(Object.values(classic.provenance).some((x) => x.option)).toBe(false);
});

it('pointers escape "/" and "~" (RFC 6901)', () => {
  expect(pointer('tags', 'a/b~c')).toBe('/tags/a~1b~0c');
});
