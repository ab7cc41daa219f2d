// The one way the portal calls the API: JSON in and out, the CSRF header on unsafe methods (the
// server sets the readable hoso_csrf cookie next to the HttpOnly session cookie), and every error as
// an ApiError carrying the API's {error: {code, message, details}}. A 401 on a signed-in call tells
// the session to go back to sign-in (the session expired or was ended elsewhere).

export interface ErrorDetail {
  field?: string;
  reason: string;
}

export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly details: ErrorDetail[] = [],
    readonly requestId?: string,
  ) {
    super(message);
  }
}

type Query = Record<string, string | number | boolean | undefined | null>;

const unauthorizedListeners = new Set<() => void>();
/** Called on a 401 from any call but sign-in's own. */
export function onUnauthorized(fn: () => void): () => void {
  unauthorizedListeners.add(fn);
  return () => unauthorizedListeners.delete(fn);
}

function csrfToken(): string | undefined {
  const m = document.cookie.match(/(?:^|;\s*)hoso_csrf=([^;]*)/);
  return m?.[1] ? decodeURIComponent(m[1]) : undefined;
}

export function withQuery(path: string, query?: Query): string {
  if (!query) return path;
  const params = new URLSearchParams();
  for (const [k, v] of Object.entries(query)) {
    if (v !== undefined && v !== null && v !== '') params.set(k, String(v));
  }
  const s = params.toString();
  return s ? `${path}?${s}` : path;
}

declare global {
  interface Window {
    /** GETs started by index.html before the scripts loaded (signed-in reloads only). */
    __hosoBoot?: Record<string, Promise<Response> | undefined>;
  }
}

/** The answer index.html already asked for, once; later calls ask again. */
function takeBoot(url: string): Promise<Response> | undefined {
  const boot = window.__hosoBoot;
  const early = boot?.[url];
  if (boot && early) delete boot[url];
  return early;
}

async function errorOf(res: Response): Promise<ApiError> {
  try {
    const body = (await res.json()) as { error?: { code: string; message: string; details?: ErrorDetail[] } };
    if (body.error) {
      const requestId = res.headers.get('x-request-id') ?? undefined;
      return new ApiError(res.status, body.error.code, body.error.message, body.error.details, requestId);
    }
  } catch {
    // not JSON: fall through
  }
  return new ApiError(res.status, 'HTTP_' + res.status, res.statusText);
}

export async function request<T>(
  method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE',
  path: string,
  opts: { query?: Query; body?: unknown; signal?: AbortSignal; isSignIn?: boolean } = {},
): Promise<T> {
  const headers: Record<string, string> = { accept: 'application/json' };
  if (opts.body !== undefined) headers['content-type'] = 'application/json';
  const csrf = csrfToken();
  if (method !== 'GET' && csrf) headers['x-csrf-token'] = csrf;
  let res: Response;
  const url = withQuery(path, opts.query);
  try {
    const early = method === 'GET' ? takeBoot(url) : undefined;
    res = await (early ??
      fetch(url, {
        method,
        headers,
        credentials: 'same-origin',
        body: opts.body === undefined ? undefined : JSON.stringify(opts.body),
        signal: opts.signal,
      }));
  } catch (e) {
    if (e instanceof DOMException && e.name === 'AbortError') throw e;
    throw new ApiError(0, 'NETWORK', '');
  }
  if (!res.ok) {
    const err = await errorOf(res);
    if (res.status === 401 && !opts.isSignIn) unauthorizedListeners.forEach((fn) => fn());
    throw err;
  }
  return (await res.json()) as T;
}

export const get = <T>(path: string, query?: Query, signal?: AbortSignal) =>
  request<T>('GET', path, { query, signal });
export const post = <T>(path: string, body?: unknown) => request<T>('POST', path, { body });
