import { mockFetch } from '@/test/fetchMock';
import { ApiError, apiFetch } from './api';

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
