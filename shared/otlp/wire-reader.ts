// A minimal protobuf wire-format reader over a Uint8Array: varints, fixed-width numbers, length-delimited
// bounds and skipping. It knows nothing about OTLP; protobuf-common.ts and the signal decoders walk the messages with it.
import { OtlpDecodeError } from './errors.js';

export const WIRE_VARINT = 0;
export const WIRE_I64 = 1;
export const WIRE_LEN = 2;
const WIRE_SGROUP = 3;
const WIRE_EGROUP = 4;
export const WIRE_I32 = 5;

export class WireReader {
  buf: Uint8Array;
  pos: number;
  /** The low and high 32-bit words of the last 64-bit value read (varint64 / fixed64). */
  lo = 0;
  hi = 0;
  /** A DataView over the same bytes as buf (offset 0 = buf[0]). */
  readonly view: DataView;

  constructor(buf: Uint8Array) {
    this.buf = buf;
    this.pos = 0;
    this.view = new DataView(buf.buffer, buf.byteOffset, buf.byteLength);
  }

  /** A varint truncated to its low 32 bits, unsigned (uint32, enums, lengths, tags). */
  uint32(limit: number): number {
    const buf = this.buf;
    let pos = this.pos;
    if (pos < limit) {
      const b = buf[pos]!;
      if (b < 0x80) {
        this.pos = pos + 1;
        return b;
      }
    }
    let result = 0;
    let shift = 0;
    for (let i = 0; i < 10; i++) {
      if (pos >= limit) throw new OtlpDecodeError('truncated varint');
      const b = buf[pos++]!;
      if (shift < 32) result |= (b & 0x7f) << shift;
      shift += 7;
      if (b < 0x80) {
        this.pos = pos;
        return result >>> 0;
      }
    }
    throw new OtlpDecodeError('varint longer than 10 bytes');
  }

  /** A full 64-bit varint into lo/hi. */
  varint64(limit: number): void {
    const buf = this.buf;
    let pos = this.pos;
    let lo = 0;
    let hi = 0;
    for (let i = 0; i < 10; i++) {
      if (pos >= limit) throw new OtlpDecodeError('truncated varint');
      const b = buf[pos++]!;
      const bits = b & 0x7f;
      if (i < 4) lo |= bits << (7 * i);
      else if (i === 4) {
        lo |= bits << 28;
        hi |= bits >>> 4;
      } else hi |= bits << (7 * i - 32);
      if (b < 0x80) {
        this.pos = pos;
        this.lo = lo >>> 0;
        this.hi = hi >>> 0;
        return;
      }
    }
    throw new OtlpDecodeError('varint longer than 10 bytes');
  }

  fixed32(limit: number): number {
    const pos = this.pos;
    if (pos + 4 > limit) throw new OtlpDecodeError('truncated fixed32');
    this.pos = pos + 4;
    return this.view.getUint32(pos, true);
  }

  fixed64(limit: number): void {
    const pos = this.pos;
    if (pos + 8 > limit) throw new OtlpDecodeError('truncated fixed64');
    this.pos = pos + 8;
    this.lo = this.view.getUint32(pos, true);
    this.hi = this.view.getUint32(pos + 4, true);
  }

  double(limit: number): number {
    const pos = this.pos;
    if (pos + 8 > limit) throw new OtlpDecodeError('truncated double');
    this.pos = pos + 8;
    return this.view.getFloat64(pos, true);
  }

  /** Reads a length prefix and returns the end offset of the payload that starts at this.pos. */
  lenEnd(limit: number): number {
    const len = this.uint32(limit);
    const end = this.pos + len;
    if (end > limit) throw new OtlpDecodeError(`length ${len} runs past the end of its message`);
    return end;
  }

  /** Skips one field of an unknown number (proto3 parsers must ignore them). */
  skip(wireType: number, limit: number): void {
    switch (wireType) {
      case WIRE_VARINT:
        this.varint64(limit);
        return;
      case WIRE_I64:
        if (this.pos + 8 > limit) throw new OtlpDecodeError('truncated fixed64');
        this.pos += 8;
        return;
      case WIRE_LEN:
        this.pos = this.lenEnd(limit);
        return;
      case WIRE_I32:
        if (this.pos + 4 > limit) throw new OtlpDecodeError('truncated fixed32');
        this.pos += 4;
        return;
      case WIRE_SGROUP:
      case WIRE_EGROUP:
        // Groups do not exist in proto3 and OTLP never sends them; refusing is simpler and safer than
        // recursing through them.
        throw new OtlpDecodeError('unexpected group (wire type 3/4), not valid in OTLP');
      default:
        throw new OtlpDecodeError(`invalid wire type ${wireType}`);
    }
  }
}
