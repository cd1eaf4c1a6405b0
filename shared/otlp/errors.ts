// The one error both OTLP decoders throw for input they cannot read. Receivers turn it into
// INVALID_ARGUMENT (gRPC) or 400 + google.rpc.Status (HTTP); anything else escaping a decoder is a bug.
import type { RejectReason } from '../model/span.js';

/** The reasons a decoder rejects a span for (the store adds its own). */
export type DecoderRejectReason = Extract<
  RejectReason,
  'invalid_trace_id' | 'invalid_span_id' | 'invalid_parent_span_id'
>;

export class OtlpDecodeError extends Error {
  /** What is wrong, without the location. */
  readonly reason: string;
  /** Where: a protobuf field path (resource_spans[0].scope_spans[1].spans[2].trace_id) or a JSON path. */
  readonly path: string;

  constructor(reason: string, path = '') {
    super(path ? `${reason} at ${path}` : reason);
    this.name = 'OtlpDecodeError';
    this.reason = reason;
    this.path = path;
  }
}

/** Re-throws `e` with `segment` prepended to its path (errors are located as they unwind, at no cost otherwise). */
export function rethrowAt(e: unknown, segment: string): never {
  if (e instanceof OtlpDecodeError) {
    const sep = e.path === '' || e.path.startsWith('[') ? '' : '.';
    throw new OtlpDecodeError(e.reason, segment + sep + e.path);
  }
  throw e;
}

/** Nesting limit for AnyValue arrays and kvlists: deeper payloads are refused, not recursed into. */
export const MAX_ANY_VALUE_DEPTH = 32;

/** At most this many per-span rejection messages are kept per request (the response must stay small). */
export const MAX_ERROR_MESSAGES = 20;
