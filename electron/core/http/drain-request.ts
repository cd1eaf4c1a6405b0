// Ending a refused request cleanly. When we answer before reading the whole body (a decode error, an
// over-limit body, a wrong route), the unread rest must not be left sitting on the connection: a paused
// body stalls the client's next request on that keep-alive connection until the idle timeout (~66 s), and
// destroying the socket before answering turns the answer into a connection reset.
// - A body that declares a length up to DRAIN_LIMIT_BYTES is read to its end and thrown away, so the
//   connection stays usable.
// - Anything else (over the limit, or chunked with no length) is answered with `Connection: close`: Node
//   sends the answer, then closes. The rest is discarded meanwhile, so the answer never waits for it.
import type { IncomingMessage, ServerResponse } from 'node:http';

/** The most we read (and discard) of a refused body to keep its connection open. */
const DRAIN_LIMIT_BYTES = 4 * 1024 * 1024;

/**
 * Call before writing the refusal. Safe to call more than once, and on a request already read in full.
 * Returns true when the connection will be closed after the answer.
 */
export function drainRefusedRequest(
  req: IncomingMessage,
  res: ServerResponse,
  limit = DRAIN_LIMIT_BYTES,
): boolean {
  if (req.complete) return false;
  const declared = Number(req.headers['content-length']);
  const keepOpen = req.headers['content-length'] !== undefined && declared >= 0 && declared <= limit;
  if (!keepOpen && !res.headersSent) res.setHeader('Connection', 'close');
  // A body reader may have paused the stream (back-pressure) and stopped listening: flowing mode with no
  // 'data' listener discards what arrives.
  req.removeAllListeners('data');
  req.resume();
  return !keepOpen;
}
