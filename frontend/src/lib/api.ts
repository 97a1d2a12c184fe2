/**
 * Thin wrapper around fetch for the ShopMe API.
 *
 * - Always sends cookies (`credentials: 'include'`).
 * - Sends `X-Requested-With: shopme` on state-changing requests (the server's CSRF check).
 * - Parses RFC 9457 problem documents (`application/problem+json`) into an `ApiError`.
 * - Refreshes an expired session silently: on a 401 it calls `POST /api/auth/refresh`
 *   once (shared by concurrent requests) and retries; when that fails it reports the
 *   expired session to the handler set with `setSessionExpiredHandler`.
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
  /** A stable name of the error, e.g. `link-expired` or `out-of-stock`. */
  code?: string;
  errors?: ProblemFieldError[];
};

export type HttpMethod = 'GET' | 'HEAD' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

/**
 * What a 401 answer leads to:
 * - `refresh`: refresh the session once and retry; if still 401, report the expired session.
 * - `refresh-quietly`: refresh and retry, but leave a final 401 to the caller (e.g. "who am I?").
 * - `none`: the 401 is the answer (wrong password, expired refresh token...).
 */
export type UnauthorizedPolicy = 'refresh' | 'refresh-quietly' | 'none';

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
  /** Defaults to `none` for `/api/auth/…` endpoints and `refresh` for everything else. */
  onUnauthorized?: UnauthorizedPolicy;
};

/** Network failures have `status` 0. */
export class ApiError extends Error {
  readonly status: number;
  readonly problem: Problem;
  /** From the `Retry-After` header (429, 503), in whole seconds. */
  readonly retryAfterSeconds: number | undefined;

  constructor(problem: Problem, retryAfterSeconds?: number) {
    super(problem.detail ?? problem.title);
    this.name = 'ApiError';
    this.status = problem.status;
    this.problem = problem;
    this.retryAfterSeconds = retryAfterSeconds;
  }
}

export const CSRF_HEADER = 'X-Requested-With';
export const CSRF_VALUE = 'shopme';

export const REFRESH_PATH = '/api/auth/refresh';

const SAFE_METHODS: ReadonlySet<HttpMethod> = new Set(['GET', 'HEAD']);
const AUTH_PATH = /^\/api\/auth\//;

export function isApiError(error: unknown): error is ApiError {
  return error instanceof ApiError;
}

/**
 * The stable name of a failed request's problem: its `code`, else the last segment of a `type`
 * URI (`https://…/problems/link-used` → `link-used`). Undefined for other errors.
 */
export function problemCode(error: unknown): string | undefined {
  if (!isApiError(error)) return undefined;
  const { code, type } = error.problem;
  if (code) return code;
  if (!type || type === 'about:blank') return undefined;
  return type.split('/').at(-1) || undefined;
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

/**
 * What the error helpers need of an answer. A fetch `Response` fits as it is; an
 * `XMLHttpRequest` fits through `xhrAnswer` (used for uploads, which need progress events).
 */
export type ApiAnswer = {
  status: number;
  statusText: string;
  headers: { get(name: string): string | null };
};

export function xhrAnswer(xhr: XMLHttpRequest): ApiAnswer {
  return { status: xhr.status, statusText: xhr.statusText, headers: { get: (name) => xhr.getResponseHeader(name) } };
}

/** An answer's text as JSON when its content type says so, else the text itself (`undefined` when empty). */
export function parseAnswerBody(answer: ApiAnswer, text: string): unknown {
  if (answer.status === 204 || answer.status === 205 || text === '') return undefined;
  if (!isJson(answer.headers.get('Content-Type'))) return text;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return text;
  }
}

async function readBody(response: Response): Promise<unknown> {
  if (response.status === 204 || response.status === 205) return undefined;
  return parseAnswerBody(response, await response.text());
}

/** The `ApiError` for a failed answer whose body was read with `parseAnswerBody`. */
export function apiErrorFrom(answer: ApiAnswer, body: unknown): ApiError {
  return new ApiError(toProblem(answer, body), parseRetryAfter(answer.headers.get('Retry-After')));
}

function toProblem(response: ApiAnswer, body: unknown): Problem {
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

/** `Retry-After` is either delay-seconds or an HTTP date. */
export function parseRetryAfter(value: string | null, now = Date.now()): number | undefined {
  if (value === null || value.trim() === '') return undefined;
  const trimmed = value.trim();
  if (/^\d+$/.test(trimmed)) return Number(trimmed);
  const date = Date.parse(trimmed);
  if (Number.isNaN(date)) return undefined;
  return Math.max(0, Math.ceil((date - now) / 1000));
}

/** The headers every API request carries: `Accept`, and the CSRF header unless `method` is safe. */
export function apiHeaders(method: HttpMethod): Headers {
  const headers = new Headers({ Accept: 'application/json, application/problem+json' });
  if (!SAFE_METHODS.has(method)) headers.set(CSRF_HEADER, CSRF_VALUE);
  return headers;
}

function buildRequest(options: ApiFetchOptions): RequestInit {
  const { method = 'GET', body, signal } = options;
  const headers = apiHeaders(method);

  let requestBody: BodyInit | undefined;
  if (body !== undefined) {
    if (isBodyInit(body)) {
      requestBody = body;
    } else {
      requestBody = JSON.stringify(body);
      headers.set('Content-Type', 'application/json');
    }
  }
  for (const [name, value] of Object.entries(options.headers ?? {})) headers.set(name, value);

  return { method, headers, body: requestBody, credentials: 'include', signal };
}

async function send(path: string, init: RequestInit): Promise<Response> {
  try {
    return await fetch(path, init);
  } catch (error) {
    if (error instanceof DOMException && error.name === 'AbortError') throw error;
    throw new ApiError({
      type: 'about:blank',
      title: 'Network error',
      status: 0,
      detail: error instanceof Error ? error.message : String(error),
    });
  }
}

/* ---- Silent session refresh ------------------------------------------------------------ */

/** Bumped by every successful refresh: a request sent before it can simply be retried. */
let sessionGeneration = 0;
let refreshInFlight: Promise<boolean> | null = null;
let sessionExpiredHandler: (() => void) | null = null;

/** Called when a request is still unauthorized after a refresh attempt. */
export function setSessionExpiredHandler(handler: (() => void) | null): void {
  sessionExpiredHandler = handler;
}

/** Single flight: concurrent 401s share one `POST /api/auth/refresh`. Resolves whether it worked. */
export function refreshSession(): Promise<boolean> {
  refreshInFlight ??= (async () => {
    try {
      const response = await fetch(REFRESH_PATH, buildRequest({ method: 'POST' }));
      if (!response.ok) return false;
      sessionGeneration += 1;
      return true;
    } catch {
      return false;
    } finally {
      refreshInFlight = null;
    }
  })();
  return refreshInFlight;
}

export async function apiFetch<T>(path: string, options: ApiFetchOptions = {}): Promise<T> {
  const { acceptStatuses = [] } = options;
  const policy = options.onUnauthorized ?? (AUTH_PATH.test(path) ? 'none' : 'refresh');
  const init = buildRequest(options);

  const generation = sessionGeneration;
  let response = await send(path, init);
  if (response.status === 401 && policy !== 'none') {
    const refreshed = generation !== sessionGeneration || (await refreshSession());
    if (refreshed) response = await send(path, init);
    if (response.status === 401 && policy === 'refresh') sessionExpiredHandler?.();
  }

  const payload = await readBody(response);
  const isProblemDocument = /^application\/problem\+json\b/i.test(response.headers.get('Content-Type') ?? '');
  if (response.ok || (acceptStatuses.includes(response.status) && !isProblemDocument)) return payload as T;
  throw apiErrorFrom(response, payload);
}
