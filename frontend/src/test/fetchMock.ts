export type MockResponse = {
  status?: number;
  body?: unknown;
  contentType?: string;
  headers?: Record<string, string>;
};

/** What a route handler sees of the request. */
export type MockRequest = {
  method: string;
  url: URL;
  /** The parsed JSON body, if any. */
  body: unknown;
};

export type MockRoute = MockResponse | ((request: MockRequest) => MockResponse) | Error;

function parseBody(body: BodyInit | null | undefined): unknown {
  if (typeof body !== 'string') return body ?? undefined;
  try {
    return JSON.parse(body) as unknown;
  } catch {
    return body;
  }
}

/**
 * Stubs global fetch with canned responses keyed by path, or by `METHOD /path` to tell methods
 * apart (that key wins). Unknown paths answer 404.
 */
export function mockFetch(routes: Record<string, MockRoute>) {
  const fetchMock = vi.fn(async (input: RequestInfo | URL, init?: RequestInit) => {
    const url = new URL(input instanceof Request ? input.url : String(input), 'http://localhost');
    const method = (init?.method ?? 'GET').toUpperCase();
    const route = routes[`${method} ${url.pathname}`] ?? routes[url.pathname];
    if (route instanceof Error) throw route;
    const { status = 200, body, contentType = 'application/json', headers = {} } =
      typeof route === 'function'
        ? route({ method, url, body: parseBody(init?.body) })
        : (route ?? { status: 404, body: { title: 'Not Found', status: 404 }, contentType: 'application/problem+json' });
    return new Response(body === undefined ? null : JSON.stringify(body), {
      status,
      headers: { 'Content-Type': contentType, ...headers },
    });
  });
  vi.stubGlobal('fetch', fetchMock);
  return fetchMock;
}

/** A problem+json answer. */
export function problem(status: number, title: string, extra: Record<string, unknown> = {}): MockResponse {
  return { status, contentType: 'application/problem+json', body: { type: 'about:blank', title, status, ...extra } };
}

/** The requests made to `path` (optionally only with `method`). */
export function callsTo(fetchMock: ReturnType<typeof mockFetch>, path: string, method?: string) {
  return fetchMock.mock.calls.filter(([input, init]) => {
    const url = new URL(input instanceof Request ? input.url : String(input), 'http://localhost');
    return url.pathname === path && (method === undefined || (init?.method ?? 'GET') === method);
  });
}
