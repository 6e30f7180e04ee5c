import { EtaEstimator } from './eta-estimator';

describe('EtaEstimator', () => {
  it('stays null until enough time has passed', () => {
    const eta = new EtaEstimator();
    eta.observe(0, 0);
    eta.observe(20, 500);

    expect(eta.estimateSeconds()).toBeNull();
  });

  it('stays null until enough progress was made', () => {
    const eta = new EtaEstimator();
    eta.observe(0, 0);
    eta.observe(0.5, 5000);

    expect(eta.estimateSeconds()).toBeNull();
  });

  it('estimates from the observed rate, rounded', () => {
    const eta = new EtaEstimator();
    eta.observe(0, 0);
    eta.observe(10, 1000);
    eta.observe(20, 2000); // 10 points per second, 80 left

    expect(eta.estimateSeconds()).toBe(8);
  });

  it('answers 0 at 100 %', () => {
    const eta = new EtaEstimator();
    eta.observe(0, 0);
    eta.observe(100, 10);

    expect(eta.estimateSeconds()).toBe(0);
  });

  it('is null, never negative or infinite, while progress stalls', () => {
    const eta = new EtaEstimator({ windowMs: 10_000 });
    eta.observe(0, 0);
    eta.observe(50, 5_000);
    eta.observe(50, 30_000);
    eta.observe(50, 40_000);

    expect(eta.estimateSeconds()).toBeNull();
  });

  it('follows a change of pace within the window', () => {
    const eta = new EtaEstimator({ windowMs: 10_000 });
    // Slow start: 1 point per second for 30 s.
    for (let t = 0; t <= 30_000; t += 500) eta.observe(t / 1000, t);
    // Then 5 points per second for 10 s: 30 → 80.
    for (let t = 30_500; t <= 40_000; t += 500) eta.observe(30 + ((t - 30_000) / 1000) * 5, t);

    // 20 points left at ~5 points per second.
    expect(eta.estimateSeconds()).toBe(4);
  });

  it('keeps memory flat at a high report rate', () => {
    const eta = new EtaEstimator();
    for (let i = 0; i < 100_000; i += 1) eta.observe(i / 1000, i / 10);

    expect((eta as unknown as { samples: unknown[] }).samples.length).toBeLessThanOrEqual(52);
    expect(eta.estimateSeconds()).not.toBeNull();
  });

  it('honours custom thresholds', () => {
    const eta = new EtaEstimator({ minElapsedMs: 100, minPercentage: 0.1 });
    eta.observe(0, 0);
    eta.observe(0.2, 100);

    expect(eta.estimateSeconds()).toBe(50);
  });
});
