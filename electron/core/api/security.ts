// Who may use the local API: the holder of the per-launch token, from a loopback page. This keeps a web
// page the user happens to visit from reading spans or changing anything, including through DNS
// rebinding (a hostile name that resolves to 127.0.0.1: refused by the Host check).
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import { isIP } from 'node:net';
import type { IncomingMessage } from 'node:http';

/** 32 random bytes, base64url: 43 characters, safe in a URL. */
/** What a token may be: 8 to 256 URL-safe characters (it travels in the UI URL's query string). */
export const TOKEN_RULE = '8 to 256 URL-safe characters (letters, digits, . _ ~ -)';

export function isValidToken(token: string): boolean {
  return /^[A-Za-z0-9._~-]{8,256}$/.test(token);
}

export function generateToken(): string {
  return randomBytes(32).toString('base64url');
}

/** Constant-time comparison (hashing first makes the lengths equal, so length leaks nothing either). */
export function tokensEqual(given: string, expected: string): boolean {
  const a = createHash('sha256').update(given).digest();
  const b = createHash('sha256').update(expected).digest();
  return timingSafeEqual(a, b);
}

/** The token from `Authorization: Bearer …` or `?token=`; null when neither is present. */
export function presentedToken(req: IncomingMessage, query: URLSearchParams): string | null {
  const auth = req.headers.authorization;
  if (auth) {
    const m = /^Bearer\s+(\S+)\s*$/i.exec(auth);
    if (m) return m[1]!;
  }
  return query.get('token');
}

/** Host header → hostname without port ('[::1]' stays bracketed); null when malformed. */
function hostnameOf(host: string): string | null {
  const m = /^(\[[0-9a-fA-F:.]+\]|[^:[\]]+)(?::(\d{1,5}))?$/.exec(host.trim());
  return m ? m[1]!.toLowerCase() : null;
}

/** localhost, 127.0.0.1, [::1] or any IP literal (a rebinding attack needs a name, so literals are safe). */
export function isAllowedHost(host: string | undefined): boolean {
  if (!host) return false;
  const name = hostnameOf(host);
  if (name === null) return false;
  if (name === 'localhost') return true;
  if (name.startsWith('[')) return isIP(name.slice(1, -1)) === 6;
  return isIP(name) === 4;
}

const LOOPBACK_ORIGIN = /^http:\/\/(localhost|127\.0\.0\.1|\[::1\])(:\d{1,5})?$/i;

/**
 * An absent Origin is fine (curl, same-origin GETs). A present one must be a loopback origin or this
 * very server (same origin, e.g. the UI opened at http://192.168.1.5:4320 with --host 0.0.0.0).
 */
export function isAllowedOrigin(origin: string | undefined, host: string | undefined): boolean {
  if (origin === undefined) return true;
  if (LOOPBACK_ORIGIN.test(origin)) return true;
  return host !== undefined && origin.toLowerCase() === `http://${host.toLowerCase()}`;
}
