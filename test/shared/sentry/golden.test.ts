// Golden files: one per representative trace, under test/golden/sentry/. Compared on every run;
// regenerated only with UPDATE_GOLDEN=1 (review the diff before committing it).
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildSentryPreview, type SentryPreview } from '../../../shared/sentry/preview.js';
import { CLASSIC_OPTIONS } from '../../../shared/sentry/options.js';
import { parseEnvelope } from '../../../shared/sentry/envelope-parse.js';
import { REPO_ROOT, sentryValidators } from './fixtures.js';
import { SCENARIOS } from './scenarios.js';

const DIR = resolve(REPO_ROOT, 'test/golden/sentry');
const UPDATE = process.env.UPDATE_GOLDEN === '1';
const DSN = 'https://0123456789abcdef0123456789abcdef@o123.ingest.sentry.io/4505';
const validate = sentryValidators();

/** Large traces are summarised: counts, the first and last spans, and the lints. */
function summariseSpans<T>(list: T[] | undefined): unknown {
  if (!list || list.length <= 20) return list;
  return { count: list.length, first: list.slice(0, 3), last: list.slice(-3) };
}

function goldenOf(p: SentryPreview, classic: SentryPreview, otlp: SentryPreview) {
  const large = p.placement.length > 100;
  return {
    collector: {
      options: p.options,
      transactions: p.transactions.map((t) => ({ ...t, spans: summariseSpans(t.spans) })),
      errors: p.errors,
      lints: p.lints,
      differences: large
        ? { count: p.differences.length, options: [...new Set(p.differences.map((d) => d.option))].sort() }
        : p.differences,
      envelopes: p.envelopes.map((e) => (large ? { ...e, text: `${e.text.length} characters` } : e)),
      provenanceEntries: Object.keys(p.provenance).length,
      provenanceSample: Object.fromEntries(Object.entries(p.provenance).slice(0, large ? 20 : 1000)),
    },
    classic: {
      transactions: classic.transactions.map((t) => ({ ...t, spans: summariseSpans(t.spans) })),
      errors: classic.errors,
    },
    sentryOtlp: {
      segments: otlp.segments.map((g) => ({ ...g, spans: summariseSpans(g.spans) })),
      lints: large
        ? { count: otlp.lints.length, codes: [...new Set(otlp.lints.map((l) => l.code))].sort() }
        : otlp.lints,
    },
  };
}

describe.each(SCENARIOS)('$name', ({ name, spans, environment }) => {
  const input = spans();
  const req = { dsn: DSN, ...(environment ? { environment } : {}) };
  const p = buildSentryPreview(input, req);
  const classic = buildSentryPreview(input, { ...req, options: CLASSIC_OPTIONS });
  const otlp = buildSentryPreview(input, { ...req, profile: 'sentry-otlp' });

  it('matches its golden file', () => {
    const file = resolve(DIR, `${name}.json`);
    const text = JSON.stringify(goldenOf(p, classic, otlp), null, 2) + '\n';
    if (UPDATE) {
      mkdirSync(DIR, { recursive: true });
      writeFileSync(file, text);
    } else {
      if (!existsSync(file))
        throw new Error(`golden file ${file} is missing: run UPDATE_GOLDEN=1 npx vitest run ${name}`);
      expect(text).toBe(readFileSync(file, 'utf8'));
    }
  });

  it('every event validates against the Sentry schemas (improved and classic)', () => {
    for (const pr of [p, classic]) {
      for (const t of pr.transactions) expect(validate.transaction(t)).toBe('');
      for (const e of pr.errors) expect(validate.error(e)).toBe('');
    }
  });

  it('envelopes parse cleanly and carry exactly the previewed events', () => {
    expect(p.envelopes).toHaveLength(p.transactions.length + p.errors.length);
    for (const e of p.envelopes) {
      const parsed = parseEnvelope(e.text);
      expect(parsed.problems).toEqual([]);
      const [kind, n] = e.pointer.split('/').slice(1);
      const event = kind === 'transactions' ? p.transactions[Number(n)] : p.errors[Number(n)];
      expect(parsed.items[0]!.json).toEqual(event);
      expect(parsed.headers).toMatchObject({ event_id: event!.event_id, dsn: DSN });
    }
  });

  it('is deterministic: the same trace, in any order, previews byte for byte the same', () => {
    const again = buildSentryPreview([...input].reverse(), req);
    expect(JSON.stringify({ ...again, placement: [] })).toBe(JSON.stringify({ ...p, placement: [] }));
  });
});
