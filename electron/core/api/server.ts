// The local API server: /api/v1 routes (token, Host and Origin checked; JSON errors; no CORS headers) and
// the built UI at / (no token: the files hold no data). Security headers go on every response.
import type { IncomingMessage, RequestListener, ServerResponse } from 'node:http';
import { API_PREFIX, type ErrorResponse } from '../../../shared/api/contract.js';
import { QueryError } from '../store/query-error.js';
import { drainRefusedRequest } from '../http/drain-request.js';
import type { ApiContext } from './context.js';
import { HttpError, PreparedJson, Router, type ApiRoute, type HttpMethod } from './router.js';
import { isAllowedHost, isAllowedOrigin, presentedToken, tokensEqual } from './security.js';
import { serveStatic } from './static-files.js';

export const CONTENT_SECURITY_POLICY =
  "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; " +
  "connect-src 'self'; frame-ancestors 'none'; base-uri 'none'; object-src 'none'";

/** Largest JSON body a route will read. */
const MAX_JSON_BODY = 1024 * 1024;

interface ApiHandlerOptions {
  token: string;
  context: ApiContext;
  routes: readonly ApiRoute[];
  /** Folder of the built UI; null serves no UI. */
  staticDir: string | null;
}

function sendJson(
  res: ServerResponse,
  status: number,
  body: unknown,
  headers: Record<string, string> = {},
): void {
  const text = body instanceof PreparedJson ? body.bytes : JSON.stringify(body);
  res.writeHead(status, {
    'Content-Type': 'application/json; charset=utf-8',
    'Content-Length': String(typeof text === 'string' ? Buffer.byteLength(text) : text.byteLength),
    'Cache-Control': 'no-store',
    ...headers,
  });
  res.end(text);
}

function sendError(
  res: ServerResponse,
  status: number,
  error: string,
  headers?: Record<string, string>,
): void {
  sendJson(res, status, { error } satisfies ErrorResponse, headers);
}

/**
 * The body as JSON. Over MAX_JSON_BODY it is refused with a 413 without keeping what arrives; the request
 * is not destroyed here, so the error path can answer before the connection ends (drainRefusedRequest).
 */
function readBody(req: IncomingMessage): Promise<unknown> {
  const tooLarge = () => new HttpError(413, `request body over ${MAX_JSON_BODY} bytes`);
  const declared = Number(req.headers['content-length']);
  if (Number.isFinite(declared) && declared > MAX_JSON_BODY) return Promise.reject(tooLarge());
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    let done = false;
    const onData = (c: Buffer) => {
      size += c.length;
      if (size <= MAX_JSON_BODY) return void chunks.push(c);
      done = true;
      req.off('data', onData);
      reject(tooLarge());
    };
    req.on('data', onData);
    req.on('error', (e) => {
      done = true;
      reject(e);
    });
    req.on('end', () => {
      if (done) return;
      const text = Buffer.concat(chunks).toString('utf8');
      if (text.trim() === '') return resolve(undefined);
      try {
        resolve(JSON.parse(text));
      } catch {
        reject(new HttpError(400, 'request body is not valid JSON'));
      }
    });
  });
}

export function createApiHandler(options: ApiHandlerOptions): RequestListener {
  const router = new Router(options.routes);
  const { token, context, staticDir } = options;

  async function handleApi(req: IncomingMessage, res: ServerResponse, url: URL): Promise<void> {
    const path = url.pathname.slice(API_PREFIX.length) || '/';
    const given = presentedToken(req, url.searchParams);
    if (given === null || !tokensEqual(given, token))
      return sendError(res, 401, 'missing or wrong token: send Authorization: Bearer TOKEN or ?token=TOKEN', {
        'WWW-Authenticate': 'Bearer',
      });
    const m = router.match(req.method ?? '', path);
    if (m.kind === 'not-found') return sendError(res, 404, `no API route ${path}`);
    if (m.kind === 'method-not-allowed')
      return sendError(res, 405, `${req.method} is not allowed on ${path}`, { Allow: m.allow.join(', ') });
    const reply = await m.route.handler(
      {
        method: req.method as HttpMethod,
        path,
        params: m.params,
        query: url.searchParams,
        req,
        res,
        readJson: () => readBody(req),
      },
      context,
    );
    if (reply === 'streamed') return;
    sendJson(res, reply.status, reply.body, reply.headers);
  }

  return (req, res) => {
    res.setHeader('Content-Security-Policy', CONTENT_SECURITY_POLICY);
    res.setHeader('X-Content-Type-Options', 'nosniff');
    res.setHeader('Referrer-Policy', 'no-referrer');
    res.setHeader('X-Frame-Options', 'DENY');
    const host = req.headers.host;
    if (!isAllowedHost(host))
      return sendError(
        res,
        403,
        `Host '${host ?? ''}' refused: use localhost, 127.0.0.1, [::1] or an IP address`,
      );
    const origin = req.headers.origin;
    if (!isAllowedOrigin(origin, host))
      return sendError(res, 403, `Origin '${origin}' refused: not a loopback origin`);
    let url: URL;
    try {
      // Prefixing (rather than resolving against a base) keeps a path like //x from being read as a host.
      url = new URL(`http://localhost${req.url?.startsWith('/') ? req.url : '/'}`);
    } catch {
      return sendError(res, 400, 'malformed request URL');
    }
    const isApi = url.pathname === API_PREFIX || url.pathname.startsWith(`${API_PREFIX}/`);
    const work = isApi
      ? handleApi(req, res, url)
      : url.pathname.startsWith('/api/')
        ? Promise.resolve(
            sendError(res, 404, `no API route ${url.pathname} (the API is under ${API_PREFIX})`),
          )
        : staticDir === null
          ? Promise.resolve(sendError(res, 404, 'this server has no UI; the API is under /api/v1'))
          : serveStatic(staticDir, url.pathname, req, res);
    work.catch((err: unknown) => {
      if (res.headersSent) {
        res.destroy();
        return;
      }
      // A body read only in part (over the limit, or a route that failed first) must not stall the
      // connection: drain a small rest, or close after the answer.
      drainRefusedRequest(req, res);
      if (err instanceof HttpError) return sendError(res, err.status, err.message);
      if (err instanceof QueryError)
        return sendError(res, 400, `bad parameter '${err.param}': ${err.message}`);
      sendError(res, 500, `internal error: ${err instanceof Error ? err.message : String(err)}`);
    });
  };
}
