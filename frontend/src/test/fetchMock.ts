type MockResponse = {
  status?: number;
  body?: unknown;
  contentType?: string;
  headers?: Record<string, string>;
};

type Route = MockResponse | (() => MockResponse) | Error;

/** Stubs global fetch with canned responses keyed by path; unknown paths answer 404. */
export function mockFetch(routes: Record<string, Route>) {
  const fetchMock = vi.fn(async (input: RequestInfo | URL, _init?: RequestInit) => {
    const url = new URL(input instanceof Request ? input.url : String(input), 'http://localhost');
    const route = routes[url.pathname];
    if (route instanceof Error) throw route;
    const { status = 200, body, contentType = 'application/json', headers = {} } =
      typeof route === 'function' ? route() : (route ?? { status: 404, body: { title: 'Not Found', status: 404 }, contentType: 'application/problem+json' });
    return new Response(body === undefined ? null : JSON.stringify(body), {
      status,
      headers: { 'Content-Type': contentType, ...headers },
    });
  });
  vi.stubGlobal('fetch', fetchMock);
  return fetchMock;
}
