import { currentKey, keyRefused } from './api-key';

/** Every REST route is under it. */
export const API_BASE = '/api/v1';

/** What went wrong, as a value: the API's `{ statusCode, code, message }`, or `NETWORK`. */
export interface ApiError {
  /** HTTP status; 0 when the API could not be reached. */
  status: number;
  code: string;
  message: string;
}

export type ApiResult<T> = { ok: true; value: T } | { ok: false; error: ApiError };

/** The headers every call carries: the key for this tab, when one was entered. */
export function authHeaders(): Record<string, string> {
  const key = currentKey();
  return key === null ? {} : { 'x-api-key': key };
}

/**
 * Calls the API (`path` under /api/v1) and answers a result instead of throwing. A 401 flips
 * the key prompt on (the caller retries once a key is entered: see `keyEpoch`).
 */
export async function apiRequest<T>(
  method: 'GET' | 'POST' | 'DELETE',
  path: string,
  body?: unknown,
  signal?: AbortSignal,
): Promise<ApiResult<T>> {
  let response: Response;
  try {
    response = await fetch(`${API_BASE}${path}`, {
      method,
      headers: {
        accept: 'application/json',
        ...authHeaders(),
        ...(body !== undefined && { 'content-type': 'application/json' }),
      },
      ...(body !== undefined && { body: JSON.stringify(body) }),
      ...(signal !== undefined && { signal }),
    });
  } catch (error) {
    if (signal?.aborted === true) throw error;
    return { ok: false, error: { status: 0, code: 'NETWORK', message: 'The API is unreachable' } };
  }
  const text = await response.text();
  let parsed: unknown = undefined;
  try {
    parsed = text === '' ? undefined : JSON.parse(text);
  } catch {
    parsed = text;
  }
  if (response.ok) return { ok: true, value: parsed as T };
  if (response.status === 401) keyRefused();
  return { ok: false, error: toApiError(response.status, parsed) };
}

function toApiError(status: number, body: unknown): ApiError {
  const record = typeof body === 'object' && body !== null ? (body as Record<string, unknown>) : {};
  const message = record['message'];
  return {
    status,
    code: typeof record['code'] === 'string' ? record['code'] : `HTTP_${status}`,
    message: Array.isArray(message)
      ? message.join('; ')
      : typeof message === 'string'
        ? message
        : `HTTP ${status}`,
  };
}

/** Shorthands of {@link apiRequest}. */
export const api = {
  get: <T>(path: string, signal?: AbortSignal) => apiRequest<T>('GET', path, undefined, signal),
  post: <T>(path: string, body?: unknown) => apiRequest<T>('POST', path, body ?? {}),
  delete: <T>(path: string, body?: unknown) => apiRequest<T>('DELETE', path, body),
};
