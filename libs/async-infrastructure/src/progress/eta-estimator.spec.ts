import { EtaEstimator } from './eta-estimator';

describe('EtaEstimator', () => {
  it('stays null until enough time has passed', () => {
    const eta = new EtaEstimator();
    eta.observe(0, 0);
    eta.observe(20, 200);

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

  it('measures each step on its own: a slow first step, then a steady long one', () => {
    const eta = new EtaEstimator();
    // Step 1: 0 → 10 % at 0.5 point/s (20 s), reported every 500 ms.
    for (let t = 0; t <= 20_000; t += 500) eta.observe(t / 2000, t, 'load');
    // Step 2: 10 → 100 % at 2 points/s; 20 % is reached 5 s in, 40 s really left.
    for (let t = 20_000; t <= 25_000; t += 500)
      eta.observe(10 + ((t - 20_000) / 1000) * 2, t, 'train');

    const estimate = eta.estimateSeconds();
    expect(estimate).not.toBeNull();
    expect(Math.abs(estimate! - 40) / 40).toBeLessThanOrEqual(0.15);
  });

  it('is null at the start of a new step until it has enough samples', () => {
    const eta = new EtaEstimator();
    for (let t = 0; t <= 5000; t += 500) eta.observe(t / 1000, t, 'load');
    expect(eta.estimateSeconds()).not.toBeNull();

    eta.observe(5, 5200, 'train');
    eta.observe(7, 5400, 'train');
    expect(eta.estimateSeconds()).toBeNull(); // 200 ms into the step
    eta.observe(9, 5600, 'train');
    expect(eta.estimateSeconds()).toBe(9.1); // 4 points in 400 ms, 91 left
  });

  it('keeps memory flat at a high report rate', () => {
    const eta = new EtaEstimator();
    for (let i = 0; i < 100_000; i += 1) eta.observe(i / 1000, i / 10);

    expect((eta as unknown as { samples: unknown[] }).samples.length).toBeLessThanOrEqual(101);
    expect(eta.estimateSeconds()).not.toBeNull();
  });

  it('honours custom thresholds', () => {
    const eta = new EtaEstimator({ minElapsedMs: 100, minPercentage: 0.1 });
    eta.observe(0, 0);
    eta.observe(0.2, 100);

    expect(eta.estimateSeconds()).toBe(49.9); // 99.8 points left at 0.2 per 100 ms
  });
});
