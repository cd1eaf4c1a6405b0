// The API token arrives once in the page URL (?token=…, printed by the CLI or set by the Electron shell).
// It is kept in sessionStorage so a reload works, and taken out of the address bar so it does not end up
// in screenshots, history or a pasted link.

export const TOKEN_KEY = 'otel-sentry-inspector.token';

export interface TokenEnv {
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
