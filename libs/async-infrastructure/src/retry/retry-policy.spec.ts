import { backoffDelayMs, parseRetryAfterMs, RETRY_AFTER_MAX_MS, RetryPolicy } from './retry-policy';

const options = {
  maxAttempts: 3,
  baseDelayMs: 100,
  maxDelayMs: 5000,
  budgetRatio: 0,
  budgetFloor: 2,
};

describe('RetryPolicy', () => {
  describe('backoffDelayMs (full jitter)', () => {
    it('grows exponentially up to the cap', () => {
      const top = (): number => 0.999999;
      expect([1, 2, 3, 4].map((n) => backoffDelayMs(n, options, top))).toEqual([99, 199, 399, 799]);
      expect(backoffDelayMs(10, options, top)).toBe(4999);
      expect(backoffDelayMs(1000, options, top)).toBe(4999);
    });

    it('spreads uniformly from zero', () => {
      expect(backoffDelayMs(3, options, () => 0)).toBe(0);
      expect(backoffDelayMs(3, options, () => 0.5)).toBe(200);
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

  describe('decide', () => {
    const policy = (): RetryPolicy => new RetryPolicy(options, { random: () => 0.5, now: () => 0 });

    it('never retries a permanent failure', () => {
      expect(policy().decide({ transient: false, attempts: 1 })).toEqual({
        retry: false,
        reason: 'permanent',
      });
    });

    it('stops after maxAttempts (or the per-call override)', () => {
      const p = policy();
      expect(p.decide({ transient: true, attempts: 3 })).toEqual({
        retry: false,
        reason: 'attempts-exhausted',
      });
      expect(p.decide({ transient: true, attempts: 1, maxAttempts: 1 }).retry).toBe(false);
      expect(p.decide({ transient: true, attempts: 2 })).toEqual({ retry: true, delayMs: 100 });
    });

    it('charges backoff retries to the budget, not waits a host asked for', () => {
      const p = policy();
      expect(p.decide({ transient: true, attempts: 1 }).retry).toBe(true);
      expect(p.decide({ transient: true, attempts: 1 }).retry).toBe(true);
      expect(p.decide({ transient: true, attempts: 1 })).toEqual({
        retry: false,
        reason: 'budget-exhausted',
      });
      expect(p.decide({ transient: true, attempts: 1, retryAfterMs: 10 })).toEqual({
        retry: true,
        delayMs: 50,
      });
    });

    it('waits what Retry-After asks, above maxDelayMs, up to one cap', () => {
      const p = policy();
      expect(p.delayMs(1, 1000)).toBe(1000);
      expect(p.delayMs(1, 30_000)).toBe(30_000);
      expect(p.delayMs(1, RETRY_AFTER_MAX_MS)).toBe(RETRY_AFTER_MAX_MS);
      expect(p.delayMs(1, 3_600_000)).toBe(RETRY_AFTER_MAX_MS);
      // A shorter ask than the backoff still gets the backoff.
      expect(p.delayMs(3, 0)).toBe(200);
    });
  });
});
