/**
 * Thin wrapper around fetch for the ShopMe API.
 *
 * - Always sends cookies (`credentials: 'include'`).
 * - Sends `X-Requested-With: shopme` on state-changing requests (the server's CSRF check).
 * - Parses RFC 9457 problem documents (`application/problem+json`) into an `ApiError`.
 */

export type ProblemFieldError = {
  field: string;
  message: string;
};

export type Problem = {
  type: string;
  title: string;
  status: number;
  detail?: string;
  instance?: string;
  requestId?: string;
  errors?: ProblemFieldError[];
};

export type HttpMethod = 'GET' | 'HEAD' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

export type ApiFetchOptions = {
  method?: HttpMethod;
  /** Serialized as JSON unless it is already a BodyInit (FormData, Blob, string...). */
  body?: unknown;
  headers?: Record<string, string>;
  signal?: AbortSignal;
  /**
   * Non-2xx statuses whose body is a regular payload rather than an error
   * (e.g. `/readyz` answers 503 with a readiness report). A problem document
   * is still thrown as an `ApiError`.
   */
  acceptStatuses?: readonly number[];
};

/** Network failures have `status` 0. */
export class ApiError extends Error {
  readonly status: number;
  readonly problem: Problem;

  constructor(problem: Problem) {
    super(problem.detail ?? problem.title);
    this.name = 'ApiError';
    this.status = problem.status;
    this.problem = problem;
  }
}

export const CSRF_HEADER = 'X-Requested-With';
export const CSRF_VALUE = 'shopme';

const SAFE_METHODS: ReadonlySet<HttpMethod> = new Set(['GET', 'HEAD']);

export function isApiError(error: unknown): error is ApiError {
  return error instanceof ApiError;
}

function isBodyInit(body: unknown): body is BodyInit {
  return (
    typeof body === 'string' ||
    body instanceof FormData ||
    body instanceof Blob ||
    body instanceof URLSearchParams ||
    body instanceof ArrayBuffer
  );
}

function isProblem(value: unknown): value is Problem {
  if (typeof value !== 'object' || value === null) return false;
  const candidate = value as Record<string, unknown>;
  return typeof candidate.title === 'string' && typeof candidate.status === 'number';
}

function isJson(contentType: string | null): boolean {
  return contentType !== null && /^application\/(?:[\w.+-]+\+)?json\b/i.test(contentType);
}

async function readBody(response: Response): Promise<unknown> {
  if (response.status === 204 || response.status === 205) return undefined;
  const text = await response.text();
  if (text === '') return undefined;
  if (!isJson(response.headers.get('Content-Type'))) return text;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return text;
  }
}

function toProblem(response: Response, body: unknown): Problem {
  const requestId = response.headers.get('X-Request-Id') ?? undefined;
  if (isProblem(body)) return { ...body, type: body.type || 'about:blank', requestId: body.requestId ?? requestId };
  return {
    type: 'about:blank',
    title: response.statusText || `HTTP ${response.status}`,
    status: response.status,
    detail: typeof body === 'string' && body !== '' ? body.slice(0, 500) : undefined,
    requestId,
  };
}

export async function apiFetch<T>(path: string, options: ApiFetchOptions = {}): Promise<T> {
  const { method = 'GET', body, signal, acceptStatuses = [] } = options;
  const headers = new Headers({ Accept: 'application/json, application/problem+json' });

  let requestBody: BodyInit | undefined;
  if (body !== undefined) {
    if (isBodyInit(body)) {
      requestBody = body;
    } else {
      requestBody = JSON.stringify(body);
      headers.set('Content-Type', 'application/json');
    }
  }
  if (!SAFE_METHODS.has(method)) headers.set(CSRF_HEADER, CSRF_VALUE);
  for (const [name, value] of Object.entries(options.headers ?? {})) headers.set(name, value);

  let response: Response;
  try {
    response = await fetch(path, {
      method,
      headers,
      body: requestBody,
      credentials: 'include',
      signal,
    });
  } catch (error) {
    if (error instanceof DOMException && error.name === 'AbortError') throw error;
    throw new ApiError({
      type: 'about:blank',
      title: 'Network error',
      status: 0,
      detail: error instanceof Error ? error.message : String(error),
    });
  }

  const payload = await readBody(response);
  const isProblemDocument = /^application\/problem\+json\b/i.test(response.headers.get('Content-Type') ?? '');
  if (response.ok || (acceptStatuses.includes(response.status) && !isProblemDocument)) return payload as T;
  throw new ApiError(toProblem(response, payload));
}
