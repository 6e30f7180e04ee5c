import {
  type AttemptFailure,
  backoffDelayMs,
  decideRetry,
  isRetryableRequest,
  parseRetryAfterMs,
} from './retry-policy';

const policy = { maxAttempts: 3, baseDelayMs: 100, maxDelayMs: 5000 };
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

describe('retry policy', () => {
  describe('backoffDelayMs (full jitter)', () => {
    it('grows exponentially up to the cap', () => {
      const top = (): number => 0.999999;
      expect([1, 2, 3, 4].map((n) => backoffDelayMs(n, policy, top))).toEqual([99, 199, 399, 799]);
      expect(backoffDelayMs(10, policy, top)).toBe(4999);
      expect(backoffDelayMs(1000, policy, top)).toBe(4999);
    });

    it('spreads uniformly from zero', () => {
      expect(backoffDelayMs(3, policy, () => 0)).toBe(0);
      expect(backoffDelayMs(3, policy, () => 0.5)).toBe(200);
    });
  });

  describe('parseRetryAfterMs', () => {
    const now = Date.parse('2026-01-01T00:00:00Z');
    it('reads delay-seconds', () => {
      expect(parseRetryAfterMs('3', now)).toBe(3000);
      expect(parseRetryAfterMs(' 0 ', now)).toBe(0);
      expect(parseRetryAfterMs('1.5', now)).toBe(1500);
    });
    it('reads an HTTP-date relative to now, never negative', () => {
      expect(parseRetryAfterMs('Thu, 01 Jan 2026 00:00:07 GMT', now)).toBe(7000);
      expect(parseRetryAfterMs('Wed, 31 Dec 2025 23:59:00 GMT', now)).toBe(0);
    });
    it('ignores garbage and absence', () => {
      expect(parseRetryAfterMs('soon', now)).toBeUndefined();
      expect(parseRetryAfterMs('-5', now)).toBeUndefined();
      expect(parseRetryAfterMs(undefined, now)).toBeUndefined();
      expect(parseRetryAfterMs('', now)).toBeUndefined();
    });
  });

  describe('decideRetry', () => {
    const decide = (
      failure: AttemptFailure,
      extra: Partial<Parameters<typeof decideRetry>[0]> = {},
    ) => decideRetry({ method: 'GET', failure, attempt: 1, policy, random: () => 0.5, ...extra });

    it.each([502, 503, 504, 429])('retries status %i', (s) => {
      expect(decide(status(s))).toEqual({ retry: true, delayMs: 50 });
    });

    it('never retries a 502 carrying the host error code (the host answered, not a gateway)', () => {
      const coded: AttemptFailure = {
        kind: 'status',
        status: 502,
        body: { code: 'PROVIDER_ERROR', message: 'IB error 10187' },
        retryAfterMs: undefined,
      };
      expect(decide(coded)).toEqual({ retry: false, reason: 'permanent' });
      expect(decide({ ...coded, body: { message: 'Bad Gateway' } }).retry).toBe(true);
    });

    it.each([400, 401, 404, 409, 422, 500])('never retries status %i', (s) => {
      expect(decide(status(s))).toEqual({ retry: false, reason: 'permanent' });
    });

    it('retries transient network errors and timeouts, not unknown errors', () => {
      expect(decide(network('ECONNREFUSED')).retry).toBe(true);
      expect(decide(network('ECONNRESET')).retry).toBe(true);
      expect(decide({ kind: 'timeout', message: 't', cause: null }).retry).toBe(true);
      expect(decide(network('ERR_INVALID_URL'))).toEqual({ retry: false, reason: 'permanent' });
    });

    it('retries POST/PUT/DELETE only when idempotent', () => {
      expect(isRetryableRequest('GET')).toBe(true);
      expect(isRetryableRequest('DELETE')).toBe(false);
      expect(decide(status(503), { method: 'POST' })).toEqual({
        retry: false,
        reason: 'not-idempotent',
      });
      expect(decide(status(503), { method: 'POST', idempotent: true }).retry).toBe(true);
    });

    it('stops after maxAttempts', () => {
      expect(decide(status(503), { attempt: 3 })).toEqual({
        retry: false,
        reason: 'attempts-exhausted',
      });
    });

    it('waits what Retry-After asks, above maxDelayMs, up to 60 s', () => {
      expect(decide(status(429, 1000))).toEqual({ retry: true, delayMs: 1000 });
      expect(decide(status(503, 30_000))).toEqual({ retry: true, delayMs: 30_000 });
      expect(decide(status(429, 60_000))).toEqual({ retry: true, delayMs: 60_000 });
      expect(decide(status(429, 60_001))).toEqual({
        retry: false,
        reason: 'retry-after-too-long',
      });
    });
  });
});
