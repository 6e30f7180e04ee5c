/** Host-service routing is enabled but its URL is missing or not http(s). */
export class InvalidVenueConfigError extends Error {
  readonly code = 'INVALID_VENUE_CONFIG' as const;

  constructor(url: string | null | undefined) {
    super(
      url
        ? `Host-service routing is enabled but its URL "${url}" is not an http(s) URL`
        : "Host-service routing is enabled but no URL is set: give the host service's http(s) URL",
    );
    this.name = 'InvalidVenueConfigError';
  }
}

/**
 * Awaited work ran past its deadline (`executeWithCancellation`'s `timeoutMs`). Not a
 * CancellationError: nobody asked for a cancel, so an operation ending on it has failed.
 */
export class OperationTimeoutError extends Error {
  readonly code = 'TIMEOUT' as const;

  constructor(readonly timeoutMs: number) {
    super(`Timed out after ${timeoutMs} ms`);
    this.name = 'OperationTimeoutError';
  }
}
