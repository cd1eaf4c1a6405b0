import { describe, expect, it } from 'vitest';
import { checkAccess, TOKEN_KEY, takeToken } from '../../../renderer/src/api/token.js';

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

describe('checkAccess', () => {
  const answering = (status: number) => {
    const calls: { url: string; auth: string }[] = [];
    const fetchFn = async (url: string, init: RequestInit) => {
      calls.push({ url, auth: (init.headers as Record<string, string>).Authorization! });
      return new Response('{}', { status });
    };
    return { calls, fetchFn };
  };
  it('no token: "missing", without asking the API', async () => {
    const f = answering(200);
    expect(await checkAccess('', f.fetchFn)).toBe('missing');
    expect(f.calls).toEqual([]);
  });
  it.each([
    [401, 'refused'],
    [200, 'ok'],
    [503, 'ok'],
    [403, 'ok'],
  ] as const)('API answers %i: %s (only 401 means the token is wrong)', async (status, access) => {
    const f = answering(status);
    expect(await checkAccess('tok-123', f.fetchFn)).toBe(access);
    expect(f.calls).toEqual([{ url: '/api/v1/receivers', auth: 'Bearer tok-123' }]);
  });
  it('API unreachable: "ok", left to the live connection, which retries', async () => {
    expect(await checkAccess('tok', () => Promise.reject(new TypeError('Failed to fetch')))).toBe('ok');
  });
});
