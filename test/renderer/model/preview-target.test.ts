import { describe, expect, it } from 'vitest';
import type { ForwardTargetView } from '../../../shared/api/contract.js';
import {
  previewableTargets,
  sentryPreviewQuery,
  targetOptions,
} from '../../../renderer/src/model/preview-target.js';

const view = (
  id: string,
  kind: ForwardTargetView['kind'],
  options?: ForwardTargetView['options'],
): ForwardTargetView => ({
  id,
  kind,
  enabled: true,
  resourceRules: [],
  endpoint: 'x',
  ...(options ? { options } : {}),
});

describe('preview for a target', () => {
  it('only Sentry targets can be previewed', () => {
    expect(
      previewableTargets([
        view('a', 'sentry-envelope'),
        view('b', 'otlp-http'),
        view('c', 'sentry-otlp'),
      ]).map((t) => t.id),
    ).toEqual(['a', 'c']);
    expect(previewableTargets(null)).toEqual([]);
  });
  it.each([
    [null, '?profile=collector&spanData=false'],
    [view('dev', 'sentry-envelope', { spanData: false }), '?target=dev'],
    [view('otlp 1', 'sentry-otlp'), '?target=otlp+1'],
  ])('query for %j', (target, want) => {
    expect(sentryPreviewQuery('collector', { spanData: false }, target)).toBe(want);
  });
  it('shows the target’s options over the defaults', () => {
    const o = targetOptions(view('a', 'sentry-envelope', { spanData: false }));
    expect(o.spanData).toBe(false);
    expect(o.httpRouteNames).toBe(true);
  });
});
