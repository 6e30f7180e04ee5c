import { IB_PACING_RULES, PacingLimiter, parsePacingSpec, type PacingKey } from './pacing-limiter';

const key = (contract: string, n: number | string): PacingKey => ({
  contract,
  fingerprint: `${contract}|${n}`,
});

describe('PacingLimiter with IB rules', () => {
  it('allows 60 requests in 10 minutes, then asks to wait until the oldest leaves the window', () => {
    const limiter = new PacingLimiter(IB_PACING_RULES);
    // 60 distinct requests over distinct contracts, 5 s apart (never 6 per contract per 2 s).
    for (let i = 0; i < 60; i += 1) {
      expect(limiter.acquire(key(`C${i}`, i), i * 5000).allowed).toBe(true);
    }
    const now = 59 * 5000 + 1000;
    const decision = limiter.check(key('NEW', 1), now);
    expect(decision).toEqual({
      allowed: false,
      retryAfterMs: 600_000 - now,
      rule: expect.objectContaining({ name: 'ib-60-per-10min' }),
    });
    // Just after the first request leaves the window, one more fits.
    expect(limiter.check(key('NEW', 1), 600_000).allowed).toBe(true);
    expect(limiter.check(key('NEW', 1), 599_999).allowed).toBe(false);
  });

  it('refuses an identical request within 15 s and says how long to wait', () => {
    const limiter = new PacingLimiter(IB_PACING_RULES);
    const same = key('AAPL', 'same');
    expect(limiter.acquire(same, 1000).allowed).toBe(true);
    const decision = limiter.check(same, 5000);
    expect(decision).toEqual({
      allowed: false,
      retryAfterMs: 11_000,
      rule: expect.objectContaining({ name: 'ib-identical-15s' }),
    });
    expect(limiter.check(key('AAPL', 'other'), 5000).allowed).toBe(true);
    expect(limiter.check(same, 16_000).allowed).toBe(true);
  });

  it('allows 6 requests per contract in 2 s, not a 7th; other contracts are unaffected', () => {
    const limiter = new PacingLimiter(IB_PACING_RULES);
    for (let i = 0; i < 6; i += 1) {
      expect(limiter.acquire(key('AAPL', i), 1000 + i * 100).allowed).toBe(true);
    }
    const decision = limiter.check(key('AAPL', 7), 1700);
    expect(decision).toEqual({
      allowed: false,
      retryAfterMs: 1300, // the first (t=1000) leaves the 2 s window at t=3000
      rule: expect.objectContaining({ name: 'ib-6-per-contract-2s' }),
    });
    expect(limiter.check(key('MSFT', 1), 1700).allowed).toBe(true);
    expect(limiter.check(key('AAPL', 7), 3000).allowed).toBe(true);
  });

  it('reports the longest wait when several rules are violated', () => {
    const limiter = new PacingLimiter(IB_PACING_RULES);
    for (let i = 0; i < 6; i += 1) limiter.record(key('AAPL', i), 0);
    const decision = limiter.check(key('AAPL', 0), 100);
    expect(decision).toMatchObject({ allowed: false, retryAfterMs: 14_900 });
    expect(decision.allowed === false && decision.rule.name).toBe('ib-identical-15s');
  });

  it('reports the remaining budget of each rule', () => {
    const limiter = new PacingLimiter(IB_PACING_RULES);
    limiter.record(key('AAPL', 1), 0);
    limiter.record(key('AAPL', 2), 10);
    limiter.record(key('MSFT', 1), 20);
    expect(limiter.status(1000)).toEqual([
      expect.objectContaining({ rule: 'ib-60-per-10min', used: 3, remaining: 57 }),
      expect.objectContaining({ rule: 'ib-identical-15s', used: 1, remaining: 0 }),
      expect.objectContaining({ rule: 'ib-6-per-contract-2s', used: 2, remaining: 4 }),
    ]);
    expect(limiter.status(20_000)[1]).toMatchObject({ used: 0, remaining: 1 });
    expect(limiter.status(20_000)[0]).toMatchObject({ used: 3, remaining: 57 });
  });
});

describe('parsePacingSpec', () => {
  it('understands none, ib and n/duration', () => {
    expect(parsePacingSpec('none')).toEqual([]);
    expect(parsePacingSpec('IB')).toBe(IB_PACING_RULES);
    expect(parsePacingSpec('5/2s')).toEqual([
      { name: '5/2s', scope: 'global', limit: 5, windowMs: 2000 },
    ]);
    expect(parsePacingSpec('60/10m')[0]).toMatchObject({ limit: 60, windowMs: 600_000 });
    expect(parsePacingSpec('3/250ms')[0]).toMatchObject({ limit: 3, windowMs: 250 });
    expect(parsePacingSpec('2/10')[0]).toMatchObject({ limit: 2, windowMs: 10_000 });
  });

  it.each(['', 'fast', '0/2s', '5/0s', '5/2d', '-1/2s', '5/'])('rejects %p', (spec) => {
    expect(() => parsePacingSpec(spec)).toThrow(/expected "none", "ib"/);
  });

  it('a parsed spec paces: 2/10s lets two through, the third waits', () => {
    const limiter = new PacingLimiter(parsePacingSpec('2/10s'));
    expect(limiter.acquire(key('A', 1), 0).allowed).toBe(true);
    expect(limiter.acquire(key('B', 1), 1000).allowed).toBe(true);
    expect(limiter.acquire(key('C', 1), 2000)).toMatchObject({
      allowed: false,
      retryAfterMs: 8000,
    });
  });
});
