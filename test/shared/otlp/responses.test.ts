import { describe, expect, it } from 'vitest';
import {
  encodeExportResponse,
  encodeRpcStatus,
  exportResponseJson,
  rpcStatusJson,
} from '../../../shared/otlp/responses.js';
import { decodeRpcStatus, decodeTraceResponse } from '../../helpers/otlp-proto.js';

describe('OTLP responses', () => {
  it('encodes full success as an empty message and {}', () => {
    expect(encodeExportResponse()).toEqual(new Uint8Array(0));
    expect(encodeExportResponse({ rejectedSpans: 0, errorMessage: '' })).toEqual(new Uint8Array(0));
    expect(exportResponseJson({ rejectedSpans: 0, errorMessage: '' })).toEqual({});
  });

  it.each([
    [3, 'span 0: trace_id is all zeros'],
    [0, 'a warning only'],
    [2 ** 40, 'ünïcödé ✓'],
  ])('encodes partial success (%d rejected) that protobufjs reads back', (rejectedSpans, errorMessage) => {
    const decoded = decodeTraceResponse(encodeExportResponse({ rejectedSpans, errorMessage }));
    expect(decoded.partialSuccess?.rejectedSpans ?? '0').toBe(String(rejectedSpans));
    expect(decoded.partialSuccess?.errorMessage).toBe(errorMessage);
    const json = exportResponseJson({ rejectedSpans, errorMessage });
    expect(json).toEqual({
      partialSuccess: rejectedSpans
        ? { rejectedSpans: String(rejectedSpans), errorMessage }
        : { errorMessage },
    });
  });

  it('cuts very long error messages', () => {
    const decoded = decodeTraceResponse(
      encodeExportResponse({ rejectedSpans: 1, errorMessage: 'x'.repeat(200_000) }),
    );
    expect(decoded.partialSuccess!.errorMessage!.length).toBeLessThan(70_000);
    expect(decoded.partialSuccess!.errorMessage).toMatch(/truncated\)$/);
  });

  it.each([
    [3, 'invalid JSON at $'],
    [8, 'too big'],
    [-1, 'negative codes are sign-extended'],
  ])('encodes google.rpc.Status code %d', (code, message) => {
    expect(decodeRpcStatus(encodeRpcStatus({ code, message }))).toEqual({ code, message });
    expect(rpcStatusJson({ code, message })).toEqual({ code, message });
  });
});
