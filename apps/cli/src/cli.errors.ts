/** The API answered with an error status; `code` is the API's error code when it sent one. */
export class ApiError extends Error {
  override readonly name = 'ApiError';

  constructor(
    readonly status: number,
    readonly code: string | undefined,
    message: string,
  ) {
    super(message);
  }
}

/** The API could not be reached at all (refused, DNS, reset before any answer). */
export class ApiConnectionError extends Error {
  override readonly name = 'ApiConnectionError';

  constructor(
    readonly url: string,
    cause: unknown,
  ) {
    super(`cannot reach the API at ${url}${describeCause(cause)}`, { cause });
  }
}

/** The command line is wrong in a way commander cannot see (e.g. a bad KTRDR_API_URL). */
export class UsageError extends Error {
  override readonly name = 'UsageError';
}

/** fetch wraps the socket error: `TypeError('fetch failed', { cause: { code: 'ECONNREFUSED' } })`. */
function describeCause(cause: unknown): string {
  // Duck-typed rather than instanceof: errors may come from another realm (vm, jest).
  const inner = hasField(cause, 'cause') && cause.cause ? cause.cause : cause;
  if (hasField(inner, 'code') && typeof inner.code === 'string') return ` (${inner.code})`;
  if (hasField(inner, 'message') && typeof inner.message === 'string') return ` (${inner.message})`;
  return '';
}

function hasField<K extends string>(value: unknown, key: K): value is Record<K, unknown> {
  return typeof value === 'object' && value !== null && key in value;
}
