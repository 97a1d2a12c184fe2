import { callsTo, mockFetch, problem } from '@/test/fetchMock';
import { ApiError, apiFetch, parseRetryAfter, problemCode, setSessionExpiredHandler } from './api';

function headersOf(fetchMock: ReturnType<typeof mockFetch>, call = 0): Headers {
  const init = fetchMock.mock.calls[call]?.[1];
  return new Headers(init?.headers);
}

describe('apiFetch', () => {
  it('sends cookies and no CSRF header on GET', async () => {
    const fetchMock = mockFetch({ '/api/thing': { body: { id: 1 } } });

    await expect(apiFetch('/api/thing')).resolves.toEqual({ id: 1 });

    expect(fetchMock.mock.calls[0]?.[1]).toMatchObject({ method: 'GET', credentials: 'include' });
    expect(headersOf(fetchMock).has('X-Requested-With')).toBe(false);
  });

  it.each(['POST', 'PUT', 'PATCH', 'DELETE'] as const)('sends X-Requested-With: shopme and JSON on %s', async (method) => {
    const fetchMock = mockFetch({ '/api/thing': { status: 204 } });

    await expect(apiFetch('/api/thing', { method, body: { name: 'x' } })).resolves.toBeUndefined();

    const headers = headersOf(fetchMock);
    expect(headers.get('X-Requested-With')).toBe('shopme');
    expect(headers.get('Content-Type')).toBe('application/json');
    expect(fetchMock.mock.calls[0]?.[1]).toMatchObject({ method, body: '{"name":"x"}', credentials: 'include' });
  });

  it('parses problem documents into an ApiError', async () => {
    mockFetch({
      '/api/thing': {
        status: 422,
        contentType: 'application/problem+json',
        body: {
          type: 'https://shopme.example/problems/validation',
          title: 'Validation failed',
          status: 422,
          detail: 'Some fields are invalid.',
          instance: '/api/thing',
          requestId: 'r-1',
          errors: [{ field: 'name', message: 'is required' }],
        },
      },
    });

    const error = await apiFetch('/api/thing', { method: 'POST', body: {} }).catch((caught: unknown) => caught);

    expect(error).toBeInstanceOf(ApiError);
    const { status, problem, message } = error as ApiError;
    expect(status).toBe(422);
    expect(message).toBe('Some fields are invalid.');
    expect(problem.errors).toEqual([{ field: 'name', message: 'is required' }]);
    expect(problem.requestId).toBe('r-1');
  });

  it('builds a problem for non-problem error responses', async () => {
    mockFetch({ '/api/thing': { status: 502, body: 'Bad gateway', contentType: 'text/plain', headers: { 'X-Request-Id': 'gw-7' } } });

    const error = (await apiFetch('/api/thing').catch((caught: unknown) => caught)) as ApiError;

    expect(error.status).toBe(502);
    expect(error.problem).toMatchObject({ type: 'about:blank', status: 502, requestId: 'gw-7' });
  });

  it('returns accepted non-2xx payloads but still throws problem documents for them', async () => {
    mockFetch({ '/readyz': { status: 503, body: { status: 'not_ready' } } });
    await expect(apiFetch('/readyz', { acceptStatuses: [503] })).resolves.toEqual({ status: 'not_ready' });

    mockFetch({ '/readyz': { status: 503, contentType: 'application/problem+json', body: { title: 'Unavailable', status: 503 } } });
    await expect(apiFetch('/readyz', { acceptStatuses: [503] })).rejects.toMatchObject({ status: 503 });
  });

  it('reports network failures with status 0', async () => {
    mockFetch({ '/api/thing': new TypeError('Failed to fetch') });

    await expect(apiFetch('/api/thing')).rejects.toMatchObject({ status: 0, problem: { title: 'Network error' } });
  });
});

describe('problemCode', () => {
  function failure(problem: Partial<ApiError['problem']>): ApiError {
    return new ApiError({ type: 'about:blank', title: 'Conflict', status: 409, ...problem });
  }

  it('reads the code, else the last segment of the type', () => {
    expect(problemCode(failure({ code: 'out-of-stock', type: 'https://shopme.dev/problems/conflict' }))).toBe('out-of-stock');
    expect(problemCode(failure({ type: 'https://shopme.dev/problems/link-used' }))).toBe('link-used');
    expect(problemCode(failure({}))).toBeUndefined();
    expect(problemCode(new Error('boom'))).toBeUndefined();
  });
});

describe('Retry-After', () => {
  it('reads delay-seconds and HTTP dates', () => {
    const now = Date.parse('2026-12-01T10:00:00Z');
    expect(parseRetryAfter('42', now)).toBe(42);
    expect(parseRetryAfter('Tue, 01 Dec 2026 10:01:30 GMT', now)).toBe(90);
    expect(parseRetryAfter('soon', now)).toBeUndefined();
    expect(parseRetryAfter(null, now)).toBeUndefined();
  });

  it('is exposed on the error of a 429', async () => {
    mockFetch({ '/api/auth/login': { ...problem(429, 'Too Many Requests'), headers: { 'Retry-After': '17' } } });

    await expect(apiFetch('/api/auth/login', { method: 'POST', body: {} })).rejects.toMatchObject({
      status: 429,
      retryAfterSeconds: 17,
    });
  });
});

describe('silent session refresh', () => {
  afterEach(() => setSessionExpiredHandler(null));

  it('refreshes the session once on a 401 and retries the request', async () => {
    let calls = 0;
    const fetchMock = mockFetch({
      '/api/workspaces': () => (++calls === 1 ? problem(401, 'Unauthorized') : { body: { items: [] } }),
      'POST /api/auth/refresh': { body: {} },
    });

    await expect(apiFetch('/api/workspaces')).resolves.toEqual({ items: [] });

    expect(callsTo(fetchMock, '/api/workspaces')).toHaveLength(2);
    const refresh = callsTo(fetchMock, '/api/auth/refresh');
    expect(refresh).toHaveLength(1);
    expect(refresh[0]?.[1]).toMatchObject({ method: 'POST', credentials: 'include' });
    expect(new Headers(refresh[0]?.[1]?.headers).get('X-Requested-With')).toBe('shopme');
  });

  it('shares one refresh between concurrent 401s', async () => {
    let refreshed = false;
    let releaseRefresh: () => void = () => {};
    const refreshDone = new Promise<void>((resolve) => {
      releaseRefresh = resolve;
    });
    const fetchMock = vi.fn(async (input: RequestInfo | URL) => {
      const path = String(input);
      if (path === '/api/auth/refresh') {
        await refreshDone;
        refreshed = true;
        return new Response('{}', { status: 200, headers: { 'Content-Type': 'application/json' } });
      }
      if (!refreshed) {
        return new Response(JSON.stringify({ title: 'Unauthorized', status: 401 }), {
          status: 401,
          headers: { 'Content-Type': 'application/problem+json' },
        });
      }
      return new Response(JSON.stringify({ path }), { status: 200, headers: { 'Content-Type': 'application/json' } });
    });
    vi.stubGlobal('fetch', fetchMock);

    const requests = Promise.all([apiFetch('/api/a'), apiFetch('/api/b'), apiFetch('/api/c')]);
    await vi.waitFor(() => expect(fetchMock.mock.calls.filter(([url]) => url === '/api/auth/refresh')).toHaveLength(1));
    releaseRefresh();

    await expect(requests).resolves.toEqual([{ path: '/api/a' }, { path: '/api/b' }, { path: '/api/c' }]);
    expect(fetchMock.mock.calls.filter(([url]) => url === '/api/auth/refresh')).toHaveLength(1);
  });

  it('reports an expired session and throws the 401 when the refresh fails', async () => {
    const handler = vi.fn();
    setSessionExpiredHandler(handler);
    const fetchMock = mockFetch({
      '/api/workspaces': problem(401, 'Unauthorized'),
      'POST /api/auth/refresh': problem(401, 'Unauthorized'),
    });

    await expect(apiFetch('/api/workspaces')).rejects.toMatchObject({ status: 401 });

    expect(handler).toHaveBeenCalledTimes(1);
    expect(callsTo(fetchMock, '/api/workspaces')).toHaveLength(1);
  });

  it('leaves 401s of the auth endpoints alone (wrong password is not an expired session)', async () => {
    const handler = vi.fn();
    setSessionExpiredHandler(handler);
    const fetchMock = mockFetch({ '/api/auth/login': problem(401, 'Unauthorized') });

    await expect(apiFetch('/api/auth/login', { method: 'POST', body: {} })).rejects.toMatchObject({ status: 401 });

    expect(callsTo(fetchMock, '/api/auth/refresh')).toHaveLength(0);
    expect(handler).not.toHaveBeenCalled();
  });

  it('refreshes quietly when asked: the final 401 goes to the caller only', async () => {
    const handler = vi.fn();
    setSessionExpiredHandler(handler);
    const fetchMock = mockFetch({
      '/api/auth/me': problem(401, 'Unauthorized'),
      'POST /api/auth/refresh': problem(401, 'Unauthorized'),
    });

    await expect(apiFetch('/api/auth/me', { onUnauthorized: 'refresh-quietly' })).rejects.toMatchObject({
      status: 401,
    });

    expect(callsTo(fetchMock, '/api/auth/refresh')).toHaveLength(1);
    expect(handler).not.toHaveBeenCalled();
  });
});
