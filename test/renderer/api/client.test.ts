import { describe, expect, it } from 'vitest';
import { ApiError, createApiClient } from '../../../renderer/src/api/client.js';

function fakeFetch(status = 200, body: unknown = {}) {
  const calls: { url: string; init: RequestInit | undefined }[] = [];
  const fn = async (url: string, init?: RequestInit) => {
    calls.push({ url, init });
    return new Response(typeof body === 'string' ? body : JSON.stringify(body), { status });
  };
  return { calls, fn };
}

describe('api client', () => {
  it('sends the bearer token to same-origin URLs with the filter as query parameters', async () => {
    const f = fakeFetch(200, { traces: [], total: 0, nextCursor: null });
    const api = createApiClient('tok', f.fn);
    await api.listTraces({ service: 'api', errorsOnly: true, limit: 200 });
    expect(f.calls[0]!.url).toBe('/api/v1/traces?service=api&errorsOnly=true&limit=200');
    expect((f.calls[0]!.init!.headers as Record<string, string>).Authorization).toBe('Bearer tok');
  });
  it.each([
    [
      'setPinned true',
      (a: ReturnType<typeof createApiClient>) => a.setPinned('ab', true),
      'PUT',
      '/api/v1/traces/ab/pin',
    ],
    [
      'setPinned false',
      (a: ReturnType<typeof createApiClient>) => a.setPinned('ab', false),
      'DELETE',
      '/api/v1/traces/ab/pin',
    ],
    ['clear', (a: ReturnType<typeof createApiClient>) => a.clear(), 'DELETE', '/api/v1/traces'],
    ['demo', (a: ReturnType<typeof createApiClient>) => a.sendDemo(), 'POST', '/api/v1/demo'],
    [
      'spans',
      (a: ReturnType<typeof createApiClient>) => a.listSpans({ traceId: 'x' }),
      'GET',
      '/api/v1/spans?traceId=x',
    ],
  ])('%s → %s %s', async (_n, call, method, url) => {
    const f = fakeFetch();
    await call(createApiClient('t', f.fn));
    expect(f.calls[0]!.init!.method).toBe(method);
    expect(f.calls[0]!.url).toBe(url);
  });
  it('turns an error response into an ApiError carrying the server message', async () => {
    const api = createApiClient('t', fakeFetch(400, { error: "bad parameter 'limit'" }).fn);
    const err = await api.stats().catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ApiError);
    expect((err as ApiError).status).toBe(400);
    expect((err as ApiError).message).toContain("bad parameter 'limit'");
  });
  it('reports a non-JSON error body as text', async () => {
    const err = await createApiClient('t', fakeFetch(502, 'Bad Gateway').fn)
      .receivers()
      .catch((e: unknown) => e);
    expect((err as Error).message).toContain('502 Bad Gateway');
  });
});

describe('api client: forwarding', () => {
  type Api = ReturnType<typeof createApiClient>;
  it.each<[string, (a: Api) => Promise<unknown>, string, string, unknown]>([
    ['forwarding', (a) => a.forwarding(), 'GET', '/api/v1/forwarding', undefined],
    [
      'putTarget',
      (a) => a.putTarget('dev 1', { kind: 'otlp-http', url: 'http://x/v1/traces' }),
      'PUT',
      '/api/v1/forwarding/targets/dev%201',
      { kind: 'otlp-http', url: 'http://x/v1/traces' },
    ],
    ['deleteTarget', (a) => a.deleteTarget('dev'), 'DELETE', '/api/v1/forwarding/targets/dev', undefined],
    ['testTarget', (a) => a.testTarget('dev'), 'POST', '/api/v1/forwarding/targets/dev/test', {}],
    [
      'putSampling',
      (a) => a.putSampling({ enabled: true }),
      'PUT',
      '/api/v1/forwarding/sampling',
      { enabled: true },
    ],
    [
      'forward',
      (a) => a.forward({ traceIds: ['a'], targetIds: ['dev'] }),
      'POST',
      '/api/v1/forward',
      { traceIds: ['a'], targetIds: ['dev'] },
    ],
    [
      'simulate',
      (a) => a.simulateSampling('?limit=5'),
      'GET',
      '/api/v1/sampling/simulate?limit=5',
      undefined,
    ],
  ])('%s → %s %s with its JSON body', async (_n, call, method, url, body) => {
    const f = fakeFetch();
    await call(createApiClient('t', f.fn));
    const init = f.calls[0]!.init!;
    expect(init.method).toBe(method);
    expect(f.calls[0]!.url).toBe(url);
    if (body === undefined) expect(init.body).toBeUndefined();
    else {
      expect(JSON.parse(init.body as string)).toEqual(body);
      expect((init.headers as Record<string, string>)['Content-Type']).toBe('application/json');
    }
  });
});
