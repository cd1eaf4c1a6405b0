import { describe, expect, it } from 'vitest';
import { checkDsnField } from '../../../renderer/src/model/dsn-field.js';

describe('DSN field check', () => {
  it.each([
    ['sentry.example.com/42', 'protocol', 'scheme'],
    ['ftp://abc@sentry.example.com/42', 'protocol', 'scheme'],
    ['https://sentry.example.com/42', 'publicKey', 'public key'],
    ['https://ab-c@sentry.example.com/42', 'publicKey', 'public key'],
    ['https://abc@/42', 'host', 'host'],
    ['https://abc@sen try.example.com/42', 'dsn', 'DSN'],
    ['https://abc@sentry.example.com:99999/42', 'port', 'port'],
    ['https://abc@sentry.example.com', 'projectId', 'project ID'],
    ['https://abc@sentry.example.com/forty-two', 'projectId', 'project ID'],
  ])('%s → error naming the %s', (text, field, label) => {
    const c = checkDsnField(text, 'sentry-envelope', null);
    expect(c.state).toBe('error');
    if (c.state !== 'error') return;
    expect(c.field).toBe(field);
    expect(c.label).toBe(label);
    if (field !== 'dsn') expect(c.message.startsWith(`${label}: `)).toBe(true);
  });

  it('accepts a valid DSN and shows where it sends, per kind', () => {
    const dsn = 'https://abc123@o1.ingest.sentry.io/42';
    expect(checkDsnField(dsn, 'sentry-envelope', null)).toMatchObject({
      state: 'ok',
      endpoint: 'https://o1.ingest.sentry.io/api/42/envelope/',
    });
    expect(checkDsnField(` ${dsn} `, 'sentry-otlp', null)).toMatchObject({
      state: 'ok',
      endpoint: 'https://o1.ingest.sentry.io/api/42/integration/otlp/v1/traces',
    });
  });

  it('treats the saved masked DSN as "keep", and refuses editing around the mask', () => {
    const saved = 'https://****@o1.ingest.sentry.io/42';
    expect(checkDsnField(saved, 'sentry-envelope', saved).state).toBe('kept');
    const edited = checkDsnField('https://****@o1.ingest.sentry.io/43', 'sentry-envelope', saved);
    expect(edited).toMatchObject({ state: 'error', field: 'publicKey' });
    expect(edited.message).toContain('paste the whole DSN');
  });

  it('says what to paste when empty', () => {
    expect(checkDsnField('  ', 'sentry-envelope', null)).toMatchObject({ state: 'empty' });
  });
});
