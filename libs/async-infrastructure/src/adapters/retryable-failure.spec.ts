import {
  type AttemptFailure,
  isRetryableRequest,
  isTransientFailure,
  mayRetry,
  retryAfterOf,
} from './retryable-failure';

const status = (s: number, retryAfterMs?: number): AttemptFailure => ({
  kind: 'status',
  status: s,
  body: undefined,
  retryAfterMs,
});
const network = (errorCode: string): AttemptFailure => ({
  kind: 'network',
  errorCode,
  message: errorCode,
  cause: null,
});

describe('adapter retry rules', () => {
  const decide = (failure: AttemptFailure, method: 'GET' | 'POST' = 'GET', idempotent?: boolean) =>
    mayRetry(method, idempotent, failure);

  it.each([502, 503, 504, 429])('retries status %i', (s) => {
    expect(decide(status(s))).toBe(true);
  });

  it('never retries a 502 carrying the host error code (the host answered, not a gateway)', () => {
    const coded: AttemptFailure = {
      kind: 'status',
      status: 502,
      body: { code: 'PROVIDER_ERROR', message: 'IB error 10187' },
      retryAfterMs: undefined,
    };
    expect(isTransientFailure(coded)).toBe(false);
    expect(decide({ ...coded, body: { message: 'Bad Gateway' } })).toBe(true);
  });

  it.each([400, 401, 404, 409, 422, 500])('never retries status %i', (s) => {
    expect(decide(status(s))).toBe(false);
  });

  it('retries transient network errors and timeouts, not unknown errors', () => {
    expect(decide(network('ECONNREFUSED'))).toBe(true);
    expect(decide(network('ECONNRESET'))).toBe(true);
    expect(decide({ kind: 'timeout', message: 't', cause: null })).toBe(true);
    expect(decide(network('ERR_INVALID_URL'))).toBe(false);
  });

  it('retries POST/PUT/DELETE only when idempotent', () => {
    expect(isRetryableRequest('GET')).toBe(true);
    expect(isRetryableRequest('DELETE')).toBe(false);
    expect(decide(status(503), 'POST')).toBe(false);
    expect(decide(status(503), 'POST', true)).toBe(true);
  });

  it("reads the answer's Retry-After", () => {
    expect(retryAfterOf(status(429, 1000))).toBe(1000);
    expect(retryAfterOf(status(503))).toBeUndefined();
    expect(retryAfterOf(network('ECONNRESET'))).toBeUndefined();
  });
});
