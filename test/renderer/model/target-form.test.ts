import { describe, expect, it } from 'vitest';
import type { ForwardTargetView } from '../../../shared/api/contract.js';
import {
  emptyForm,
  formErrors,
  formFromTarget,
  formToInput,
  hasErrors,
  newTargetId,
  type TargetForm,
} from '../../../renderer/src/model/target-form.js';

const DSN = 'https://abc123@o1.ingest.sentry.io/42';
const form = (p: Partial<TargetForm>): TargetForm => ({ ...emptyForm(p.kind), ...p });

describe('target form', () => {
  it.each<[string, Partial<TargetForm>, string, string]>([
    ['missing DSN', { dsn: '' }, 'dsn', 'DSN: Paste'],
    ['bad project ID', { dsn: 'https://abc@h/x' }, 'dsn', 'project ID:'],
    ['bad scheme', { dsn: 'ftp://abc@h/1' }, 'dsn', 'scheme:'],
    ['otlp without url', { kind: 'otlp-http', url: '' }, 'url', 'url: the OTLP/HTTP'],
    ['otlp ftp url', { kind: 'otlp-http', url: 'ftp://x/v1/traces' }, 'url', 'must start with http'],
    [
      'bad header name',
      { kind: 'otlp-http', url: 'http://x/v1/traces', headers: [{ name: 'a b', value: '1' }] },
      'headers',
      'not a valid header name',
    ],
    [
      'reserved header',
      { kind: 'otlp-http', url: 'http://x/v1/traces', headers: [{ name: 'Content-Type', value: 'x' }] },
      'headers',
      'set by the forwarder',
    ],
    [
      'duplicate header',
      {
        kind: 'otlp-http',
        url: 'http://x/v1/traces',
        headers: [
          { name: 'k', value: '1' },
          { name: 'K', value: '2' },
        ],
      },
      'headers',
      'given twice',
    ],
    [
      'rule without key',
      { dsn: DSN, resourceRules: [{ key: ' ', action: 'upsert', value: 'x' }] },
      'resourceRules',
      'key is empty',
    ],
    [
      'upsert without value',
      { dsn: DSN, resourceRules: [{ key: 'k', action: 'upsert', value: '' }] },
      'resourceRules',
      'needs a value',
    ],
    ['long release', { dsn: DSN, release: 'r'.repeat(201) }, 'release', 'at most 200'],
  ])('%s → error on %s', (_name, patch, field, text) => {
    const e = formErrors(form(patch));
    expect(Object.keys(e)).toEqual([field]);
    expect(e[field as keyof typeof e]).toContain(text);
  });

  it('a good Sentry form has no errors and becomes a PUT body with only its kind’s fields', () => {
    const f = form({
      name: ' Dev project ',
      dsn: ` ${DSN} `,
      url: 'ignored',
      headers: [{ name: 'x', value: 'y' }],
      options: { spanData: false },
      environment: 'dev',
      release: '',
      resourceRules: [
        { key: 'deployment.environment', action: 'upsert', value: 'dev' },
        { key: 'host.name', action: 'delete', value: 'stale' },
      ],
    });
    expect(hasErrors(formErrors(f))).toBe(false);
    expect(formToInput(f)).toEqual({
      kind: 'sentry-envelope',
      enabled: true,
      name: 'Dev project',
      dsn: DSN,
      options: { spanData: false },
      environment: 'dev',
      resourceRules: [
        { key: 'deployment.environment', action: 'upsert', value: 'dev' },
        { key: 'host.name', action: 'delete' },
      ],
    });
  });

  it('OTLP targets send url and headers, and no Sentry fields', () => {
    const f = form({
      kind: 'otlp-http',
      url: 'http://jaeger:4318/v1/traces',
      headers: [
        { name: 'Authorization', value: 'Bearer t' },
        { name: '', value: '' },
      ],
      environment: 'dev',
      options: { spanData: false },
    });
    expect(formErrors(f)).toEqual({});
    expect(formToInput(f)).toEqual({
      kind: 'otlp-http',
      enabled: true,
      url: 'http://jaeger:4318/v1/traces',
      headers: { Authorization: 'Bearer t' },
      resourceRules: [],
    });
  });

  it('round-trips a saved target: the masked DSN is sent back unchanged (keep the key)', () => {
    const view: ForwardTargetView = {
      id: 'dev',
      name: 'Dev',
      kind: 'sentry-envelope',
      enabled: false,
      dsn: 'https://****@o1.ingest.sentry.io/42',
      environment: 'staging',
      resourceRules: [{ key: 'a', action: 'insert', value: 'b' }],
      endpoint: 'https://o1.ingest.sentry.io/api/42/envelope/',
    };
    const f = formFromTarget(view);
    expect(f.savedDsn).toBe(view.dsn);
    expect(formErrors(f)).toEqual({});
    expect(formToInput(f)).toMatchObject({ dsn: view.dsn, enabled: false, environment: 'staging' });
  });

  it.each([
    ['Dev project', [], 'dev-project'],
    ['Dev project', ['dev-project'], 'dev-project-2'],
    ['Dev project', ['dev-project', 'dev-project-2'], 'dev-project-3'],
    ['', [], 'sentry'],
    ['***', ['sentry'], 'sentry-2'],
  ])('id from name %j with %j taken → %s', (name, taken, want) => {
    expect(newTargetId(name, 'sentry-envelope', taken)).toBe(want);
  });
  it('otlp ids default to otlp', () => {
    expect(newTargetId('', 'otlp-http', [])).toBe('otlp');
  });
});
