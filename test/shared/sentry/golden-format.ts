// What a golden file holds for one trace: the improved and classic collector output and the sentry-otlp
// segments, large traces summarised. Shared by the scenario goldens and the real-instrumentation goldens.
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { expect } from 'vitest';
import type { SentryPreview } from '../../../shared/sentry/preview.js';

const UPDATE = process.env.UPDATE_GOLDEN === '1';

/** Compare with the golden file (pretty JSON), or write it with UPDATE_GOLDEN=1. */
export function expectGolden(file: string, value: unknown): void {
  const text = JSON.stringify(value, null, 2) + '\n';
  if (UPDATE) {
    mkdirSync(dirname(file), { recursive: true });
    writeFileSync(file, text);
    return;
  }
  if (!existsSync(file))
    throw new Error(`golden file ${file} is missing: run with UPDATE_GOLDEN=1 and review it`);
  expect(text).toBe(readFileSync(file, 'utf8'));
}

/** Large traces are summarised: counts, the first and last spans, and the lints. */
function summariseSpans<T>(list: T[] | undefined): unknown {
  if (!list || list.length <= 20) return list;
  return { count: list.length, first: list.slice(0, 3), last: list.slice(-3) };
}

export function goldenOf(p: SentryPreview, classic: SentryPreview, otlp: SentryPreview) {
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
