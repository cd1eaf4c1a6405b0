// A small route table for the local API. Each feature exports an ApiRoute[] from its own file and
// routes.ts lists them, so adding a feature's routes is one line there.
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { ApiContext } from './context.js';

export type HttpMethod = 'GET' | 'POST' | 'PUT' | 'DELETE';

interface ApiRequest {
  method: HttpMethod;
  /** Path below /api/v1, e.g. /traces/abc/pin */
  path: string;
  /** Decoded `:name` segments of the route's path. */
  params: Record<string, string>;
  query: URLSearchParams;
  req: IncomingMessage;
  res: ServerResponse;
  /** The request body parsed as JSON (undefined for an empty body); throws HttpError 400/413. */
  readJson(): Promise<unknown>;
}

/** A JSON reply, or 'streamed' when the handler wrote the response itself (SSE). */
type ApiReply = { status: number; body: unknown; headers?: Record<string, string> } | 'streamed';

type ApiHandler = (request: ApiRequest, ctx: ApiContext) => ApiReply | Promise<ApiReply>;

export interface ApiRoute {
  method: HttpMethod;
  /** Below /api/v1, with `:name` placeholders for one path segment each: '/traces/:traceId/pin'. */
  path: string;
  handler: ApiHandler;
}

/** Thrown by handlers for a client error; the server answers { error: message } with this status. */
export class HttpError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
    this.name = 'HttpError';
  }
}

/** A JSON body already serialised (e.g. by a worker): sent as is instead of through JSON.stringify. */
export class PreparedJson {
  constructor(readonly bytes: Uint8Array) {}
}

export function json(body: unknown, status = 200): ApiReply {
  return { status, body };
}

interface CompiledRoute {
  route: ApiRoute;
  segments: string[];
}

type RouteMatch =
  | { kind: 'found'; route: ApiRoute; params: Record<string, string> }
  | { kind: 'method-not-allowed'; allow: string[] }
  | { kind: 'not-found' };

export class Router {
  private readonly compiled: CompiledRoute[];

  constructor(routes: readonly ApiRoute[]) {
    this.compiled = routes.map((route) => ({ route, segments: route.path.split('/').filter(Boolean) }));
  }

  match(method: string, path: string): RouteMatch {
    const parts = path.split('/').filter(Boolean);
    const allow: string[] = [];
    for (const { route, segments } of this.compiled) {
      const params = matchSegments(segments, parts);
      if (params === null) continue;
      if (route.method === method) return { kind: 'found', route, params };
      allow.push(route.method);
    }
    return allow.length ? { kind: 'method-not-allowed', allow } : { kind: 'not-found' };
  }
}

function matchSegments(pattern: string[], parts: string[]): Record<string, string> | null {
  if (pattern.length !== parts.length) return null;
  const params: Record<string, string> = {};
  for (let i = 0; i < pattern.length; i++) {
    const p = pattern[i]!;
    const v = parts[i]!;
    if (p.startsWith(':')) {
      try {
        params[p.slice(1)] = decodeURIComponent(v);
      } catch {
        return null;
      }
    } else if (p !== v) return null;
  }
  return params;
}
