import { describe, expect, it } from 'vitest';
import {
  applyResourceRules,
  applyResourceRulesToAttributes,
} from '../../../shared/forwarding/resource-rules.js';
import type { ResourceRule } from '../../../shared/forwarding/target-types.js';
import { attrs, resource, span } from '../sentry/fixtures.js';

const base = attrs({ 'service.name': 'api', 'host.name': 'h1' });
const plain = (kvs: readonly { key: string; value: unknown }[]) =>
  Object.fromEntries(kvs.map((kv) => [kv.key, (kv.value as { stringValue?: string }).stringValue]));

describe('applyResourceRulesToAttributes (the collector resource processor actions)', () => {
  const cases: [string, ResourceRule[], Record<string, string | undefined>][] = [
    [
      'upsert replaces',
      [{ key: 'service.name', action: 'upsert', value: 'api-service' }],
      { 'service.name': 'api-service', 'host.name': 'h1' },
    ],
    [
      'upsert adds',
      [{ key: 'team', action: 'upsert', value: 'core' }],
      { 'service.name': 'api', 'host.name': 'h1', team: 'core' },
    ],
    [
      'insert keeps an existing value',
      [{ key: 'service.name', action: 'insert', value: 'x' }],
      { 'service.name': 'api', 'host.name': 'h1' },
    ],
    [
      'insert adds a missing one',
      [{ key: 'env', action: 'insert', value: 'dev' }],
      { 'service.name': 'api', 'host.name': 'h1', env: 'dev' },
    ],
    [
      'update changes an existing value',
      [{ key: 'host.name', action: 'update', value: 'h2' }],
      { 'service.name': 'api', 'host.name': 'h2' },
    ],
    [
      'update ignores a missing one',
      [{ key: 'env', action: 'update', value: 'dev' }],
      { 'service.name': 'api', 'host.name': 'h1' },
    ],
    ['delete removes', [{ key: 'host.name', action: 'delete' }], { 'service.name': 'api' }],
    [
      'rules apply in order',
      [
        { key: 'a', action: 'insert', value: '1' },
        { key: 'a', action: 'update', value: '2' },
      ],
      { 'service.name': 'api', 'host.name': 'h1', a: '2' },
    ],
  ];
  it.each(cases)('%s', (_n, rules, expected) => {
    expect(plain(applyResourceRulesToAttributes(base, rules))).toEqual(expected);
  });
});

describe('applyResourceRules', () => {
  it('never changes the store’s spans and keeps shared resources shared', () => {
    const r = resource({ 'service.name': 'api' });
    const spans = [
      span({ spanId: '1111111111111111', resource: r }),
      span({ spanId: '2222222222222222', resource: r }),
    ];
    const out = applyResourceRules(spans, [{ key: 'service.name', action: 'upsert', value: 'x' }]);
    expect(plain(spans[0]!.resource.attributes)).toEqual({ 'service.name': 'api' });
    expect(plain(out[0]!.resource.attributes)).toEqual({ 'service.name': 'x' });
    expect(out[0]!.resource).toBe(out[1]!.resource);
    expect(applyResourceRules(spans, [])).toBe(spans);
  });
});
