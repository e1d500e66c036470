import type { ErrorBody, ErrorCode } from '@confide/api';
import type { z } from 'zod';

/** An error answer of the API, or a network failure (`code: 'network'`). */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: ErrorCode | 'network',
    message: string,
    readonly details?: unknown,
  ) {
    super(message);
    this.name = 'ApiError';
  }
}

let csrfToken: string | null = null;
let lastActivityAt = Date.now();
let lastOwnInputAt = 0;
const unauthenticatedListeners = new Set<() => void>();

/** Remembers the CSRF token given at sign-in and by GET /api/me; every change request sends it. */
export function setCsrfToken(token: string | null): void {
  csrfToken = token;
}

/** The CSRF token for requests made outside `api` (XMLHttpRequest uploads). */
export function getCsrfToken(): string | null {
  return csrfToken;
}

const ACTIVITY_KEY = 'confide.lastActivityAt';
/**
 * A request sent this soon after the person's own input (a click, a key, a scroll) is theirs;
 * any later one — a refetch after a live event, on focus, a poll — is background (R29).
 */
export const OWN_ACTION_WINDOW_MS = 10_000;
/** Requests nobody asked for carry this header, so the server does not slide the idle timeout. */
export const BACKGROUND_HEADER = 'X-Confide-Background';

/**
 * When the server last saw one of the person's own actions: only those slide the session's idle
 * timeout. Shared between tabs through localStorage (a timestamp only) so one busy tab keeps the others.
 */
export function getLastActivityAt(): number {
  const shared = Number(window.localStorage?.getItem(ACTIVITY_KEY) ?? 0);
  return Math.max(lastActivityAt, Number.isFinite(shared) ? shared : 0);
}

/** Marks that the server saw an own action now (also called for requests made outside `api`). */
export function noteActivity(): void {
  lastActivityAt = Date.now();
  try {
    window.localStorage?.setItem(ACTIVITY_KEY, String(lastActivityAt));
  } catch {
    // Storage may be unavailable (private mode); this tab's own clock still works.
  }
}

/** Sets when the server last saw an own action, as it reports it (GET /api/me's idleSecondsLeft). */
export function setServerActivityAt(at: number): void {
  lastActivityAt = at;
}

/** When the person last clicked, typed, scrolled or touched this page. */
export function getLastOwnInputAt(): number {
  return lastOwnInputAt;
}

/** True when a request sent now follows the person's own input, so it is their action. */
export function isOwnActionNow(): boolean {
  return Date.now() - lastOwnInputAt <= OWN_ACTION_WINDOW_MS;
}

// Only input counts as the person's own doing: pointer and mouse movement alone do not (R29).
if (typeof window !== 'undefined') {
  for (const type of ['pointerdown', 'keydown', 'wheel', 'touchstart'] as const) {
    window.addEventListener(
      type,
      () => {
        lastOwnInputAt = Date.now();
      },
      { capture: true, passive: true },
    );
  }
}

/** Called when the server says the session is gone (401 unauthenticated) on any call. */
export function onUnauthenticated(listener: () => void): () => void {
  unauthenticatedListeners.add(listener);
  return () => unauthenticatedListeners.delete(listener);
}

/** Turns a failed response into an ApiError, reading `{error:{code,message}}` when present. */
export async function toApiError(response: Response): Promise<ApiError> {
  let body: Partial<ErrorBody> | null = null;
  try {
    body = (await response.json()) as Partial<ErrorBody>;
  } catch {
    body = null;
  }
  const code = body?.error?.code ?? (response.status === 404 ? 'not_found' : 'internal');
  const message = body?.error?.message ?? `The server answered ${response.status}.`;
  return new ApiError(response.status, code, message, body?.error?.details);
}

type Method = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

/** The answer of a call that answers nothing the app reads (204, 202, or a body it ignores). */
type Nothing = z.ZodType<void>;

async function request<S extends z.ZodType>(
  method: Method,
  path: string,
  schema: S | undefined,
  body?: unknown,
): Promise<z.output<S>> {
  const headers: Record<string, string> = { Accept: 'application/json' };
  if (body !== undefined && !(body instanceof FormData)) headers['Content-Type'] = 'application/json';
  if (method !== 'GET' && csrfToken) headers['X-CSRF-Token'] = csrfToken;
  const isOwnAction = isOwnActionNow();
  if (!isOwnAction) headers[BACKGROUND_HEADER] = '1';
  let response: Response;
  try {
    response = await fetch(path, {
      method,
      headers,
      credentials: 'same-origin',
      body: body === undefined ? undefined : body instanceof FormData ? body : JSON.stringify(body),
    });
  } catch {
    throw new ApiError(0, 'network', 'Confide could not be reached. Check your connection and try again.');
  }
  if (!response.ok) {
    const error = await toApiError(response);
    if (error.code === 'unauthenticated') unauthenticatedListeners.forEach((listener) => listener());
    throw error;
  }
  if (isOwnAction) noteActivity();
  if (!schema) return undefined as z.output<S>;
  // The answer is read through its contract schema (packages/api), never cast: an answer of
  // another shape is an error here, not a page that breaks somewhere later.
  const parsed = schema.safeParse(await response.json());
  if (!parsed.success) {
    throw new ApiError(response.status, 'internal', 'The server answered in a form this page does not understand.');
  }
  return parsed.data;
}

/**
 * Calls to the Confide API. Each call that reads its answer names the answer's schema from
 * @confide/api, which checks it and gives its type; the others answer nothing.
 */
export const api = {
  get: <S extends z.ZodType>(path: string, schema: S) => request('GET', path, schema),
  post: <S extends z.ZodType = Nothing>(path: string, body?: unknown, schema?: S) =>
    request('POST', path, schema, body ?? {}),
  put: <S extends z.ZodType = Nothing>(path: string, body?: unknown, schema?: S) =>
    request('PUT', path, schema, body ?? {}),
  patch: <S extends z.ZodType = Nothing>(path: string, body?: unknown, schema?: S) =>
    request('PATCH', path, schema, body ?? {}),
  delete: <S extends z.ZodType = Nothing>(path: string, schema?: S) => request('DELETE', path, schema),
};

/** Builds a query string from defined values only. */
export function qs(params: Record<string, string | number | undefined | null>): string {
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(params)) {
    if (value !== undefined && value !== null && value !== '') search.set(key, String(value));
  }
  const text = search.toString();
  return text ? `?${text}` : '';
}

/** A sentence for any error, for alerts and toasts. */
export function errorMessage(error: unknown): string {
  if (error instanceof ApiError) return error.message;
  if (error instanceof Error) return error.message;
  return 'Something went wrong.';
}
