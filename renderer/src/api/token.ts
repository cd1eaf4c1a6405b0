// The API token arrives once in the page URL (?token=…, printed by the CLI or set by the Electron shell).
// It is kept in sessionStorage so a reload works, and taken out of the address bar so it does not end up
// in screenshots, history or a pasted link.
import { routes } from '../../../shared/api/contract.js';

export const TOKEN_KEY = 'otel-sentry-inspector.token';

interface TokenEnv {
  href: string;
  storage: Pick<Storage, 'getItem' | 'setItem'>;
  replaceUrl: (url: string) => void;
}

export function takeToken(env: TokenEnv): string {
  const url = new URL(env.href);
  const fromUrl = url.searchParams.get('token');
  if (fromUrl) {
    env.storage.setItem(TOKEN_KEY, fromUrl);
    url.searchParams.delete('token');
    env.replaceUrl(url.pathname + (url.search === '?' ? '' : url.search) + url.hash);
    return fromUrl;
  }
  return env.storage.getItem(TOKEN_KEY) ?? '';
}

/** The browser's own environment. */
export function browserTokenEnv(): TokenEnv {
  return {
    href: window.location.href,
    storage: window.sessionStorage,
    replaceUrl: (u) => window.history.replaceState(window.history.state, '', u),
  };
}

/** Whether the page may use the API: no token at all, a token the API refuses, or fine. */
export type Access = 'ok' | 'missing' | 'refused';

/**
 * Asks the API once whether the token is accepted. Only a 401 means "refused": anything else (the API
 * unreachable, a 5xx) is left to the app's own connection handling, which retries.
 */
export async function checkAccess(
  token: string,
  fetchFn: (url: string, init: RequestInit) => Promise<Response> = (u, i) => fetch(u, i),
): Promise<Access> {
  if (!token) return 'missing';
  try {
    const res = await fetchFn(routes.receivers(), {
      headers: { Authorization: `Bearer ${token}`, Accept: 'application/json' },
    });
    return res.status === 401 ? 'refused' : 'ok';
  } catch {
    return 'ok';
  }
}
