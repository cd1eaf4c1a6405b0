import { describe, expect, it } from 'vitest';
import { canonicalInteger, excerpt, isFloatText } from '../../../shared/otlp/decimal-text.js';

describe('isFloatText', () => {
  it.each([
    ['0', true],
    ['-1', true],
    ['1.', true],
    ['1.5', true],
    ['.5', true],
    ['-.5', true],
    ['2.5e3', true],
    ['2E-3', true],
    ['1e+10', true],
    ['', false],
    ['-', false],
    ['.', false],
    ['-.', false],
    ['e5', false],
    ['1e', false],
    ['1e+', false],
    ['1.2.3', false],
    ['0x10', false],
    [' 1', false],
    ['1 ', false],
    ['+1', false],
    ['Infinity', false],
    ['1_000', false],
  ])('%j → %s', (text, expected) => {
    expect(isFloatText(text)).toBe(expected);
  });

  it('scans a 1-million-digit run that fails at its end (the old pattern backtracked quadratically)', () => {
    expect(isFloatText(`${'1'.repeat(1_000_000)}x`)).toBe(false);
    expect(isFloatText(`${'1'.repeat(1_000_000)}.5e1`)).toBe(true);
  });
});

describe('canonicalInteger', () => {
  it.each([
    ['0', false, { ok: true, value: '0' }],
    ['-0', true, { ok: true, value: '0' }],
    ['000', false, { ok: true, value: '0' }],
    ['007', false, { ok: true, value: '7' }],
    ['-007', false, { ok: true, value: '-7' }],
    ['123456789012345', false, { ok: true, value: '123456789012345' }],
    ['1795625092587000001', true, { ok: true, value: '1795625092587000001' }],
    ['18446744073709551615', true, { ok: true, value: '18446744073709551615' }],
    ['18446744073709551616', true, { ok: false, problem: 'out-of-range' }],
    ['9223372036854775807', false, { ok: true, value: '9223372036854775807' }],
    ['9223372036854775808', false, { ok: false, problem: 'out-of-range' }],
    ['-9223372036854775808', false, { ok: true, value: '-9223372036854775808' }],
    ['-9223372036854775809', false, { ok: false, problem: 'out-of-range' }],
    ['0000000000000000000000000000001', true, { ok: true, value: '1' }],
    ['-1', true, { ok: false, problem: 'negative' }],
    ['', false, { ok: false, problem: 'not-decimal' }],
    ['-', false, { ok: false, problem: 'not-decimal' }],
    ['1.0', false, { ok: false, problem: 'not-decimal' }],
    ['0x10', false, { ok: false, problem: 'not-decimal' }],
    ['+1', false, { ok: false, problem: 'not-decimal' }],
    [' 1', false, { ok: false, problem: 'not-decimal' }],
  ] as const)('%j (unsigned %s) → %j', (text, unsigned, expected) => {
    expect(canonicalInteger(text, unsigned)).toEqual(expected);
  });

  it('refuses 16 million digits as out of range without building a BigInt of them', () => {
    expect(canonicalInteger('1'.repeat(16_000_000), true)).toEqual({ ok: false, problem: 'out-of-range' });
  });
});

describe('excerpt', () => {
  it('keeps short text and cuts long text, saying how long it was', () => {
    expect(excerpt('abc')).toBe('abc');
    expect(excerpt('1'.repeat(100), 5)).toBe('11111… (100 characters)');
  });
});
