import { describe, expect, it } from 'vitest';
import { TOKEN_KEY, takeToken } from '../../../renderer/src/api/token.js';

function env(href: string, stored: string | null = null) {
  const store = new Map<string, string>(stored ? [[TOKEN_KEY, stored]] : []);
  const replaced: string[] = [];
  return {
    replaced,
    store,
    env: {
      href,
      storage: {
        getItem: (k: string) => store.get(k) ?? null,
        setItem: (k: string, v: string) => void store.set(k, v),
      },
      replaceUrl: (u: string) => void replaced.push(u),
    },
  };
}

describe('takeToken', () => {
  it('takes the token from the URL, keeps it in session storage and removes it from the address bar', () => {
    const e = env('http://127.0.0.1:8080/?token=s3cret&x=1#trace');
    expect(takeToken(e.env)).toBe('s3cret');
    expect(e.store.get(TOKEN_KEY)).toBe('s3cret');
    expect(e.replaced).toEqual(['/?x=1#trace']);
  });
  it('leaves a clean URL when the token was the only parameter', () => {
    const e = env('http://127.0.0.1:8080/?token=abc');
    takeToken(e.env);
    expect(e.replaced).toEqual(['/']);
  });
  it('falls back to the stored token after a reload', () => {
    const e = env('http://127.0.0.1:8080/', 'kept');
    expect(takeToken(e.env)).toBe('kept');
    expect(e.replaced).toEqual([]);
  });
  it('returns an empty token when there is none anywhere', () => {
    expect(takeToken(env('http://127.0.0.1:8080/').env)).toBe('');
  });
});
