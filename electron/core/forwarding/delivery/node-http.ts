// The default transport: node:http(s) with keep-alive agents. Measured ~3–4× more requests per second than
// the global fetch (undici) for small envelope POSTs (bench/forward.bench.ts), which matters because Sentry
// takes one transaction per envelope. A `fetchImpl` given to the service replaces it (tests, proxies).
import { Agent as HttpAgent, request as httpRequest, type IncomingMessage } from 'node:http';
import { Agent as HttpsAgent, request as httpsRequest } from 'node:https';
import type { DeliveryClock } from './clock.js';
import type { AttemptResult } from './outcome.js';
import { networkResult, type PostRequest } from './transport.js';

/** Only this much of a response body is kept: an excerpt is all anyone needs. */
const MAX_RESPONSE_BYTES = 8192;

export class NodeHttpTransport {
  private readonly http = new HttpAgent({ keepAlive: true });
  private readonly https = new HttpsAgent({ keepAlive: true });

  constructor(private readonly clock: DeliveryClock) {}

  post(req: PostRequest, headers: Record<string, string>): Promise<AttemptResult> {
    return new Promise((resolve) => {
      let url: URL;
      try {
        url = new URL(req.url);
      } catch {
        resolve({ kind: 'network', message: `invalid URL` });
        return;
      }
      const secure = url.protocol === 'https:';
      let settled = false;
      const finish = (r: AttemptResult) => {
        if (settled) return;
        settled = true;
        this.clock.clearTimeout(timer);
        req.signal?.removeEventListener('abort', onAbort);
        resolve(r);
      };
      const outgoing = (secure ? httpsRequest : httpRequest)(
        url,
        {
          method: 'POST',
          agent: secure ? this.https : this.http,
          headers: { ...headers, 'content-length': String(req.body.byteLength) },
        },
        (res) => readResponse(res, finish),
      );
      const timer = this.clock.setTimeout(() => {
        finish({ kind: 'timeout', timeoutMs: req.timeoutMs });
        outgoing.destroy();
      }, req.timeoutMs);
      const onAbort = () => {
        finish({ kind: 'network', message: 'aborted' });
        outgoing.destroy();
      };
      req.signal?.addEventListener('abort', onAbort);
      outgoing.on('error', (e) => finish(networkResult(e)));
      outgoing.end(req.body);
    });
  }

  close(): void {
    this.http.destroy();
    this.https.destroy();
  }
}

function readResponse(res: IncomingMessage, finish: (r: AttemptResult) => void): void {
  const chunks: Buffer[] = [];
  let size = 0;
  res.on('data', (c: Buffer) => {
    if (size < MAX_RESPONSE_BYTES) chunks.push(c);
    size += c.length;
  });
  res.on('error', (e) => finish(networkResult(e)));
  res.on('end', () => {
    const headers: Record<string, string> = {};
    for (const [k, v] of Object.entries(res.headers))
      if (v !== undefined) headers[k.toLowerCase()] = Array.isArray(v) ? v.join(', ') : v;
    finish({
      kind: 'response',
      status: res.statusCode ?? 0,
      headers,
      body: Buffer.concat(chunks).toString('utf8').slice(0, MAX_RESPONSE_BYTES),
    });
  });
}
