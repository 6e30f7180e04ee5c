import { RetryBudget } from './retry-budget';

describe('RetryBudget', () => {
  let now = 0;
  const clock = (): number => now;
  beforeEach(() => (now = 0));

  it('allows the floor, then a ratio of requests', () => {
    const budget = new RetryBudget({ ratio: 0.2, floor: 2, now: clock });
    expect(budget.tryAcquire()).toBe(true);
    expect(budget.tryAcquire()).toBe(true);
    expect(budget.tryAcquire()).toBe(false);
    for (let i = 0; i < 4; i += 1) budget.recordRequest();
    expect(budget.tryAcquire()).toBe(false); // 0.8 tokens
    budget.recordRequest();
    expect(budget.tryAcquire()).toBe(true); // 1.0 token
    expect(budget.tryAcquire()).toBe(false);
  });

  it('keeps retries under ratio × requests + floor when every call fails', () => {
    const budget = new RetryBudget({ ratio: 0.2, floor: 10, now: clock });
    let retries = 0;
    for (let i = 0; i < 1000; i += 1) {
      budget.recordRequest();
      // each failing call would like 2 retries
      if (budget.tryAcquire()) retries += 1;
      if (budget.tryAcquire()) retries += 1;
    }
    expect(retries).toBeLessThanOrEqual(0.2 * 1000 + 10);
    expect(retries).toBeGreaterThanOrEqual(0.2 * 1000);
  });

  it('replenishes the floor over its window, never above capacity', () => {
    const budget = new RetryBudget({ ratio: 0.2, floor: 10, floorWindowMs: 10_000, now: clock });
    for (let i = 0; i < 10; i += 1) expect(budget.tryAcquire()).toBe(true);
    expect(budget.tryAcquire()).toBe(false);
    now += 1000;
    expect(budget.available()).toBeCloseTo(1);
    expect(budget.tryAcquire()).toBe(true);
    now += 60_000;
    expect(budget.available()).toBe(10);
  });
});
