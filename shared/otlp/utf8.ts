// UTF-8 → string for protobuf string fields. Invalid UTF-8 is a decode error (proto3 requires valid
// UTF-8 in strings), never silently replaced with U+FFFD.
import { OtlpDecodeError } from './errors.js';

const fatal = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });
const asciiCodes: number[][] = [];

/** Short ASCII strings are built from char codes (cheaper than a TextDecoder call); the rest go to TextDecoder. */
export function decodeUtf8(buf: Uint8Array, start: number, end: number): string {
  const len = end - start;
  if (len <= 64) {
    let codes = asciiCodes[len];
    if (!codes) {
      codes = new Array<number>(len).fill(0);
      asciiCodes[len] = codes;
    }
    let ascii = true;
    for (let i = 0; i < len; i++) {
      const b = buf[start + i]!;
      if (b >= 0x80) {
        ascii = false;
        break;
      }
      codes[i] = b;
    }
    if (ascii) return String.fromCharCode.apply(null, codes);
  }
  try {
    return fatal.decode(buf.subarray(start, end));
  } catch {
    throw new OtlpDecodeError('string is not valid UTF-8');
  }
}
