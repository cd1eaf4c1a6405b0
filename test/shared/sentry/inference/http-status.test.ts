// Sentry's HTTP status inference (sentry-javascript mapStatus + getSpanStatusFromHttpCode), table-driven.
import { describe, expect, it } from 'vitest';
import {
  httpStatusCode,
  inferHttpStatus,
  sentryStatusFromHttpCode,
} from '../../../../shared/sentry/inference/http-status.js';
import type { KeyValue } from '../../../../shared/model/span.js';
import { attr, span } from '../fixtures.js';

describe('sentryStatusFromHttpCode', () => {
  it.each([
    [100, 'ok'],
    [200, 'ok'],
    [302, 'ok'],
    [399, 'ok'],
    [400, 'invalid_argument'],
    [401, 'unauthenticated'],
    [403, 'permission_denied'],
    [404, 'not_found'],
    [409, 'already_exists'],
    [413, 'failed_precondition'],
    [418, 'invalid_argument'],
    [429, 'resource_exhausted'],
    [499, 'cancelled'],
    [500, 'internal_error'],
    [501, 'unimplemented'],
    [502, 'internal_error'],
    [503, 'unavailable'],
    [504, 'deadline_exceeded'],
    [0, 'internal_error'],
    [600, 'internal_error'],
  ] as const)('%i → %s', (code, status) => {
    expect(sentryStatusFromHttpCode(code)).toBe(status);
  });
});

describe('inferHttpStatus', () => {
  const cases: [string, Partial<Parameters<typeof span>[0]>, string | undefined][] = [
    ['SERVER 404 UNSET', { kind: 2, attributes: [attr('http.response.status_code', 404)] }, 'not_found'],
    ['CLIENT 503 UNSET', { kind: 3, attributes: [attr('http.status_code', 503)] }, 'unavailable'],
    ['string code', { kind: 2, attributes: [attr('http.status_code', '429')] }, 'resource_exhausted'],
    ['SERVER 200', { kind: 2, attributes: [attr('http.response.status_code', 200)] }, undefined],
    ['INTERNAL 404', { kind: 1, attributes: [attr('http.response.status_code', 404)] }, undefined],
    [
      'status ERROR is left to the status table',
      { kind: 2, status: { code: 2, message: '' }, attributes: [attr('http.response.status_code', 404)] },
      undefined,
    ],
    [
      'status OK wins (Sentry gives OK priority)',
      { kind: 2, status: { code: 1, message: '' }, attributes: [attr('http.response.status_code', 500)] },
      undefined,
    ],
    ['no code', { kind: 2, attributes: [] }, undefined],
    ['non-numeric code', { kind: 2, attributes: [attr('http.status_code', 'abc')] }, undefined],
  ];
  it.each(cases)('%s', (_, p, expected) => {
    expect(inferHttpStatus(span({ spanId: 'aaaaaaaaaaaaaaaa', ...p }))?.status).toBe(expected);
  });

  it('the current key wins over the old one', () => {
    const attributes: KeyValue[] = [attr('http.status_code', 200), attr('http.response.status_code', 404)];
    expect(httpStatusCode(span({ spanId: 'aaaaaaaaaaaaaaaa', attributes }))).toEqual({
      code: 404,
      key: 'http.response.status_code',
    });
  });
});
