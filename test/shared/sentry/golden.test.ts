// Golden files: one per representative trace, under test/golden/sentry/. Compared on every run;
// regenerated only with UPDATE_GOLDEN=1 (review the diff before committing it).
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildSentryPreview } from '../../../shared/sentry/preview.js';
import { CLASSIC_OPTIONS } from '../../../shared/sentry/options.js';
import { parseEnvelope } from '../../../shared/sentry/envelope-parse.js';
import { REPO_ROOT, sentryValidators } from './fixtures.js';
import { expectGolden, goldenOf } from './golden-format.js';
import { SCENARIOS } from './scenarios.js';

const DIR = resolve(REPO_ROOT, 'test/golden/sentry');
const DSN = 'https://0123456789abcdef0123456789abcdef@o123.ingest.sentry.io/4505';
const validate = sentryValidators();

describe.each(SCENARIOS)('$name', ({ name, spans, environment }) => {
  const input = spans();
  const req = { dsn: DSN, ...(environment ? { environment } : {}) };
  const p = buildSentryPreview(input, req);
  const classic = buildSentryPreview(input, { ...req, options: CLASSIC_OPTIONS });
  const otlp = buildSentryPreview(input, { ...req, profile: 'sentry-otlp' });

  it('matches its golden file', () => {
    expectGolden(resolve(DIR, `${name}.json`), goldenOf(p, classic, otlp));
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
