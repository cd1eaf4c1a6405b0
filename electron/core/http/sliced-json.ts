// Writing a large JSON answer without holding the event loop. JSON.stringify of a stored trace is one
// synchronous call whose cost grows with the trace: 100 000 spans take seconds, one span with 200 000
// attributes over 100 ms, and no span is received meanwhile. Here the document is produced in pieces —
// large arrays element by element, everything small whole — and written in slices, yielding to the event
// loop between slices and waiting for the socket to drain. The bytes are the same JSON.stringify would give.
import type { ServerResponse } from 'node:http';

/** Arrays longer than this are written element by element; anything else in one JSON.stringify call. */
const SPLIT_ARRAY_AT = 256;
/** Text gathered before a slice is written. */
const SLICE_CHARS = 256 * 1024;
/** Time spent producing one slice before yielding, whatever its size. */
const SLICE_MS = 10;

function hasLargeArray(o: object): boolean {
  for (const v of Object.values(o)) if (Array.isArray(v) && v.length > SPLIT_ARRAY_AT) return true;
  return false;
}

/**
 * Containers this shallow are always taken apart (a trace → its spans → each span's fields), so a large
 * array a few levels down (a span's 200 000 attributes) is found without scanning the whole document.
 * Deeper, a container is written whole unless it holds a long array itself.
 */
const ALWAYS_SPLIT_DEPTH = 3;

function skipped(v: unknown): boolean {
  return v === undefined || typeof v === 'function' || typeof v === 'symbol';
}

/** JSON text of `value` in pieces whose concatenation is JSON.stringify(value) (plain data only). */
export function* jsonPieces(value: unknown, depth = 0): Generator<string> {
  if (typeof value !== 'object' || value === null) {
    yield JSON.stringify(value);
    return;
  }
  if (Array.isArray(value)) {
    if (depth >= ALWAYS_SPLIT_DEPTH && value.length <= SPLIT_ARRAY_AT) {
      yield JSON.stringify(value);
      return;
    }
    yield '[';
    for (let i = 0; i < value.length; i++) {
      if (i) yield ',';
      const v: unknown = value[i];
      // Inside arrays JSON.stringify writes null for what it cannot represent.
      if (skipped(v)) yield 'null';
      else yield* jsonPieces(v, depth + 1);
    }
    yield ']';
    return;
  }
  if (depth >= ALWAYS_SPLIT_DEPTH && !hasLargeArray(value)) {
    yield JSON.stringify(value);
    return;
  }
  yield '{';
  let first = true;
  for (const [k, v] of Object.entries(value)) {
    if (skipped(v)) continue;
    yield `${first ? '' : ','}${JSON.stringify(k)}:`;
    first = false;
    yield* jsonPieces(v, depth + 1);
  }
  yield '}';
}

const nextTurn = () => new Promise<void>((resolve) => setImmediate(resolve));

/** Resolves when the socket can take more, or is gone. */
function drained(res: ServerResponse): Promise<void> {
  return new Promise((resolve) => {
    const done = () => {
      res.off('drain', done);
      res.off('close', done);
      resolve();
    };
    res.on('drain', done);
    res.on('close', done);
  });
}

/** Sends `body` as a JSON answer in slices (chunked transfer encoding). Resolves once it is all written. */
export async function sendSlicedJson(res: ServerResponse, status: number, body: unknown): Promise<void> {
  res.writeHead(status, {
    'Content-Type': 'application/json; charset=utf-8',
    'Cache-Control': 'no-store',
  });
  let slice: string[] = [];
  let chars = 0;
  let started = performance.now();
  for (const piece of jsonPieces(body)) {
    slice.push(piece);
    chars += piece.length;
    if (chars < SLICE_CHARS && performance.now() - started < SLICE_MS) continue;
    if (res.destroyed) return;
    const ok = res.write(slice.join(''));
    slice = [];
    chars = 0;
    await (ok ? nextTurn() : drained(res));
    started = performance.now();
  }
  res.end(slice.join(''));
}
