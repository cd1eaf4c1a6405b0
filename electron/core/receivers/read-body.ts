// Reads a request body with byte caps on the raw and the decompressed stream: a gzip bomb is stopped as
// soon as its output passes the cap, long before it could fill memory.
import type { IncomingMessage } from 'node:http';
import { createGunzip, createInflate, createInflateRaw, type Inflate } from 'node:zlib';

export class BodyTooLargeError extends Error {
  constructor(
    readonly limit: number,
    readonly what: 'body' | 'decompressed body',
  ) {
    super(`${what} exceeds the limit of ${limit} bytes`);
  }
}

export class BodyDecodeError extends Error {}

/** Content-Encoding values we decompress (lowercased). */
type BodyEncoding = 'identity' | 'gzip' | 'deflate';

export function parseContentEncoding(header: string | undefined): BodyEncoding | null {
  const v = (header ?? '').trim().toLowerCase();
  if (v === '' || v === 'identity') return 'identity';
  if (v === 'gzip' || v === 'x-gzip') return 'gzip';
  if (v === 'deflate') return 'deflate';
  return null;
}

export function readBody(req: IncomingMessage, encoding: BodyEncoding, maxBytes: number): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const declared = Number(req.headers['content-length']);
    if (Number.isFinite(declared) && declared > maxBytes) {
      reject(new BodyTooLargeError(maxBytes, 'body'));
      return;
    }
    const out: Buffer[] = [];
    let outBytes = 0;
    let rawBytes = 0;
    let done = false;
    let inflater: Inflate | ReturnType<typeof createGunzip> | undefined;

    const fail = (err: Error) => {
      if (done) return;
      done = true;
      req.off('data', onRaw);
      inflater?.destroy();
      reject(err);
    };
    const finish = () => {
      if (done) return;
      done = true;
      resolve(out.length === 1 ? out[0]! : Buffer.concat(out, outBytes));
    };
    const onOut = (chunk: Buffer) => {
      if (done) return;
      outBytes += chunk.length;
      if (outBytes > maxBytes) return fail(new BodyTooLargeError(maxBytes, 'decompressed body'));
      out.push(chunk);
    };
    const makeInflater = (first: Buffer) => {
      if (encoding === 'gzip') return createGunzip();
      // "deflate" should be zlib-wrapped (RFC 9110) but some clients send raw deflate: tell them apart by
      // the zlib header (CM = 8 and a valid check value).
      const cmf = first[0]!;
      const flg = first[1];
      const zlibWrapped = (cmf & 0x0f) === 8 && flg !== undefined && (cmf * 256 + flg) % 31 === 0;
      return zlibWrapped ? createInflate() : createInflateRaw();
    };
    const onRaw = (chunk: Buffer) => {
      if (done) return;
      rawBytes += chunk.length;
      if (rawBytes > maxBytes) return fail(new BodyTooLargeError(maxBytes, 'body'));
      if (encoding === 'identity') return onOut(chunk);
      if (!inflater) {
        inflater = makeInflater(chunk);
        inflater.on('data', onOut);
        inflater.on('error', (err) =>
          fail(new BodyDecodeError(`cannot decompress ${encoding} body: ${err.message}`)),
        );
        inflater.on('end', finish);
      }
      // Respect the inflater's back-pressure so a bomb cannot queue unbounded output.
      if (!inflater.write(chunk)) {
        req.pause();
        inflater.once('drain', () => req.resume());
      }
    };
    req.on('data', onRaw);
    req.on('end', () => {
      if (done) return;
      if (encoding === 'identity') finish();
      else if (!inflater)
        finish(); // empty compressed body: nothing to decode
      else inflater.end();
    });
    req.on('error', (err) => fail(err));
    req.on('aborted', () => fail(new Error('request aborted')));
  });
}
