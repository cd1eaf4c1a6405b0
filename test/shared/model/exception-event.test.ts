import { describe, expect, it } from 'vitest';
import { exceptionEscaped } from '../../../shared/model/exception-event.js';
import type { AnyValue } from '../../../shared/model/span.js';

describe('exceptionEscaped', () => {
  it.each<[AnyValue | undefined, boolean | undefined]>([
    [{ boolValue: true }, true],
    [{ boolValue: false }, false],
    [{ stringValue: 'true' }, true],
    [{ stringValue: 'false' }, false],
    [{ stringValue: 'yes' }, undefined],
    [{ intValue: '1' }, undefined],
    [undefined, undefined],
  ])('%j → %s', (value, want) => {
    const attrs = value ? [{ key: 'exception.escaped', value }] : [];
    expect(exceptionEscaped([{ key: 'exception.type', value: { stringValue: 'E' } }, ...attrs])).toBe(want);
  });
});
