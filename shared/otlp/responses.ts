// What the receivers answer: ExportTraceServiceResponse (success / partial success) and google.rpc.Status
// (errors), as protobuf bytes or as the OTLP/JSON object, to match the request's encoding.

interface PartialSuccess {
  /** partial_success.rejected_spans */
  rejectedSpans: number;
  /** partial_success.error_message ('' when there is nothing to say) */
  errorMessage: string;
}

interface RpcStatus {
  /** google.rpc.Code, e.g. 3 INVALID_ARGUMENT */
  code: number;
  message: string;
}

/** The spec recommends responses ≤ 4 MiB; messages are cut far below that (with a note that they were). */
const MAX_MESSAGE_CHARS = 64 * 1024;

function clip(message: string): string {
  return message.length <= MAX_MESSAGE_CHARS
    ? message
    : message.slice(0, MAX_MESSAGE_CHARS) + ' … (truncated)';
}

const encoder = new TextEncoder();

class Writer {
  private readonly bytes: number[] = [];

  varint(v: number): this {
    // Only non-negative values below 2^53 are written here.
    while (v >= 0x80) {
      this.bytes.push((v % 0x80) | 0x80);
      v = Math.floor(v / 0x80);
    }
    this.bytes.push(v);
    return this;
  }

  /** int32 field: negatives are sign-extended to 10 bytes, as protobuf requires. */
  int32Field(field: number, v: number): this {
    if (v === 0) return this;
    this.varint(field << 3);
    if (v >= 0) return this.varint(v);
    const lo = v >>> 0;
    for (let i = 0; i < 4; i++) this.bytes.push(((lo >>> (7 * i)) & 0x7f) | 0x80);
    this.bytes.push(((lo >>> 28) & 0x0f) | 0x70 | 0x80);
    for (let i = 0; i < 4; i++) this.bytes.push(0xff);
    this.bytes.push(0x01);
    return this;
  }

  uint64Field(field: number, v: number): this {
    return v === 0 ? this : this.varint(field << 3).varint(v);
  }

  lenField(field: number, payload: Uint8Array): this {
    this.varint((field << 3) | 2).varint(payload.length);
    for (let i = 0; i < payload.length; i++) this.bytes.push(payload[i]!);
    return this;
  }

  stringField(field: number, s: string): this {
    return s === '' ? this : this.lenField(field, encoder.encode(s));
  }

  finish(): Uint8Array {
    return Uint8Array.from(this.bytes);
  }
}

function isEmpty(p: PartialSuccess | undefined): boolean {
  return !p || (p.rejectedSpans === 0 && p.errorMessage === '');
}

/** ExportTraceServiceResponse bytes: empty on full success (partial_success unset), per the spec. */
export function encodeExportResponse(p?: PartialSuccess): Uint8Array {
  if (!p || isEmpty(p)) return new Uint8Array(0);
  const inner = new Writer().uint64Field(1, p.rejectedSpans).stringField(2, clip(p.errorMessage)).finish();
  return new Writer().lenField(1, inner).finish();
}

/** ExportTraceServiceResponse as OTLP/JSON: `{}` on full success; int64 as a decimal string. */
export function exportResponseJson(p?: PartialSuccess): Record<string, unknown> {
  if (!p || isEmpty(p)) return {};
  const partialSuccess: Record<string, unknown> = {};
  if (p.rejectedSpans !== 0) partialSuccess.rejectedSpans = String(p.rejectedSpans);
  if (p.errorMessage !== '') partialSuccess.errorMessage = clip(p.errorMessage);
  return { partialSuccess };
}

/** google.rpc.Status bytes (details left empty). */
export function encodeRpcStatus(s: RpcStatus): Uint8Array {
  return new Writer().int32Field(1, s.code).stringField(2, clip(s.message)).finish();
}

/** google.rpc.Status as protojson writes it. */
export function rpcStatusJson(s: RpcStatus): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  if (s.code !== 0) out.code = s.code;
  if (s.message !== '') out.message = clip(s.message);
  return out;
}

/** google.rpc.Code values the receivers use. */
export const RpcCode = {
  INVALID_ARGUMENT: 3,
  NOT_FOUND: 5,
  PERMISSION_DENIED: 7,
  RESOURCE_EXHAUSTED: 8,
  UNIMPLEMENTED: 12,
  INTERNAL: 13,
  UNAVAILABLE: 14,
} as const;
