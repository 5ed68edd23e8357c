/**
 * The one way the web app talks to the server. Errors arrive as RFC 9457 problems; they become
 * an ApiError whose `detail` is what the user is shown. Cookie-authenticated writes carry the
 * session's CSRF token, which the server hands out on sign-in and on /me.
 */
import type { paths } from './generated/openapi.ts';
import type { ResponseOf } from './types.ts';

type Method = 'get' | 'post' | 'put' | 'patch' | 'delete';

export interface ProblemBody {
  type?: string;
  title?: string;
  status: number;
  code: string;
  detail: string;
  errors?: { path: string; message: string }[];
}

export class ApiError extends Error {
  readonly status: number;
  readonly code: string;
  readonly detail: string;
  readonly errors: { path: string; message: string }[];
  constructor(problem: ProblemBody) {
    super(problem.detail);
    this.name = 'ApiError';
    this.status = problem.status;
    this.code = problem.code;
    this.detail = problem.detail;
    this.errors = problem.errors ?? [];
  }
}

export const CSRF_HEADER = 'x-csrf-token';

let csrfToken: string | null = null;
const unauthenticatedListeners = new Set<() => void>();

export function setCsrfToken(token: string | null | undefined): void {
  if (token) csrfToken = token;
  else if (token === null) csrfToken = null;
}

/** The session's CSRF token, for requests built outside `request` (file uploads). */
export function currentCsrfToken(): string | null {
  return csrfToken;
}

/** Called whenever the server says the session is gone, so the app can show sign-in. */
export function onUnauthenticated(listener: () => void): () => void {
  unauthenticatedListeners.add(listener);
  return () => unauthenticatedListeners.delete(listener);
}

export interface RequestOptions {
  /** The version read, sent as If-Match so that a stale write gets 409 instead of winning. */
  ifMatch?: number;
  signal?: AbortSignal;
  /** Sign-in and /me answer 401 as a normal outcome; they must not trigger the sign-out path. */
  quiet401?: boolean;
}

/** Takes a response the boot script started for this path, once (see boot/early-fetch.ts). */
function takeEarly(path: string): Promise<Response> | undefined {
  const early = (globalThis as { __momentumEarly?: Record<string, Promise<Response>> })
    .__momentumEarly;
  const pending = early?.[path];
  if (pending) delete early[path];
  return pending;
}

export async function request<T>(
  method: 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE',
  path: string,
  body?: unknown,
  options: RequestOptions = {},
): Promise<T> {
  const headers: Record<string, string> = { accept: 'application/json' };
  if (body !== undefined) headers['content-type'] = 'application/json';
  if (method !== 'GET' && csrfToken) headers[CSRF_HEADER] = csrfToken;
  if (options.ifMatch !== undefined) headers['if-match'] = `"${options.ifMatch}"`;
  let response: Response;
  try {
    const early = method === 'GET' ? takeEarly(path) : undefined;
    response = await (early ??
      fetch(path, {
        method,
        headers,
        credentials: 'same-origin',
        body: body === undefined ? undefined : JSON.stringify(body),
        signal: options.signal,
      }));
  } catch (error) {
    if ((error as Error).name === 'AbortError') throw error;
    throw new ApiError({
      status: 0,
      code: 'network',
      detail: 'The server cannot be reached. Check your connection and try again.',
    });
  }
  const refreshed = response.headers.get(CSRF_HEADER);
  if (refreshed) csrfToken = refreshed;
  if (response.status === 204) return undefined as T;
  const text = await response.text();
  let parsed: unknown = undefined;
  if (text) {
    try {
      parsed = JSON.parse(text);
    } catch {
      parsed = undefined;
    }
  }
  if (!response.ok) {
    const p = (parsed ?? {}) as Partial<ProblemBody>;
    const error = new ApiError({
      status: response.status,
      code: p.code ?? (response.status >= 500 ? 'internal' : 'error'),
      detail:
        p.detail ??
        (response.status >= 500
          ? 'Something went wrong on the server. Try again in a moment.'
          : `The request failed (${response.status}).`),
      errors: p.errors,
    });
    if (response.status === 401 && !options.quiet401) {
      for (const listener of unauthenticatedListeners) listener();
    }
    throw error;
  }
  return parsed as T;
}

export const api = {
  get: <T>(path: string, options?: RequestOptions) => request<T>('GET', path, undefined, options),
  post: <T>(path: string, body: unknown = {}, options?: RequestOptions) =>
    request<T>('POST', path, body, options),
  patch: <T>(path: string, body: unknown, options?: RequestOptions) =>
    request<T>('PATCH', path, body, options),
  put: <T>(path: string, body: unknown, options?: RequestOptions) =>
    request<T>('PUT', path, body, options),
  delete: <T>(path: string, options?: RequestOptions) =>
    request<T>('DELETE', path, undefined, options),
};

/** Builds a query string, leaving out empty values. */
export function qs(params: Record<string, string | number | boolean | null | undefined>): string {
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(params)) {
    if (value === undefined || value === null || value === '') continue;
    search.set(key, String(value));
  }
  const s = search.toString();
  return s ? `?${s}` : '';
}

export function errorMessage(error: unknown): string {
  if (error instanceof ApiError) return error.detail;
  if (error instanceof Error) return error.message;
  return 'Something went wrong.';
}

/*
 * Reads typed by the server's OpenAPI document (generated/openapi.ts): the path must be one the
 * server serves with that method, its `{params}` and query are checked, and the answer has the
 * type the server documents. `{id}`-style segments are filled in, encoded.
 */
type Operation<P extends keyof paths, M extends Method> = NonNullable<paths[P][M]>;
/** The paths the server answers for a method. */
export type PathsFor<M extends Method> = {
  [P in keyof paths]: paths[P][M] extends { responses: unknown } ? P : never;
}[keyof paths];
type PathParams<P extends keyof paths, M extends Method> =
  Operation<P, M> extends { parameters: { path: infer X } } ? X : never;
type QueryParams<P extends keyof paths, M extends Method> =
  Operation<P, M> extends { parameters: { query?: infer Q } } ? Q : never;
type ParamsFor<P extends keyof paths, M extends Method> = ([PathParams<P, M>] extends [never]
  ? { path?: undefined }
  : { path: PathParams<P, M> }) &
  ([QueryParams<P, M>] extends [never] ? { query?: undefined } : { query?: QueryParams<P, M> });

/** The URL for a documented path: `{name}` segments filled in (encoded), then the query. */
export function urlFor<P extends keyof paths, M extends Method>(
  path: P,
  params: ParamsFor<P, M>,
): string {
  const filled = (path as string).replace(/\{(\w+)\}/g, (_, name: string) =>
    encodeURIComponent(String((params.path as Record<string, unknown>)[name])),
  );
  return filled + (params.query ? qs(params.query as Parameters<typeof qs>[0]) : '');
}

/** A GET of a documented path, answered with the body the server documents for it. */
export function getJson<P extends PathsFor<'get'>>(
  path: P,
  params: ParamsFor<P, 'get'> & { signal?: AbortSignal },
): Promise<ResponseOf<P, 'get'>> {
  return request<ResponseOf<P, 'get'>>('GET', urlFor<P, 'get'>(path, params), undefined, {
    ...(params.signal && { signal: params.signal }),
  });
}
