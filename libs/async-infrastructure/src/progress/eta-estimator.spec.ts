import { EtaEstimator } from './eta-estimator';
import { StepPaceHistory } from './step-pace-history';

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

  describe('with a plan: the steps ahead at their remembered pace', () => {
    // A data load: fetch owns 80 points, save 20 — but saving is slow (as with a 1m series).
    const plan = [
      { name: 'fetch', start: 0, end: 80 },
      { name: 'save', start: 80, end: 100 },
    ];

    /** One run: fetch at `fetchMs` per point, save at `saveMs` per point; ETA read at 20 %. */
    function run(history: StepPaceHistory, fetchMs: number, saveMs: number): number | null {
      const eta = new EtaEstimator({ history });
      eta.usePlan(plan);
      let at = 0;
      let read: number | null = null;
      for (let pct = 0; pct <= 80; pct += 1) {
        eta.observe(pct, at, 0);
        if (pct === 20) read = eta.estimateSeconds();
        at += fetchMs;
      }
      at -= fetchMs;
      for (let pct = 80; pct <= 100; pct += 1) {
        eta.observe(pct, at, 1);
        at += saveMs;
      }
      return read;
    }

    it('takes an unseen step at the current rate, then what it took before', () => {
      const history = new StepPaceHistory();
      // 60 points of fetch left at 100 ms (6 s), save 20 points at the same rate (2 s).
      expect(run(history, 100, 500)).toBe(8);
      // The run remembered save at 500 ms a point: 6 s + 10 s (the real time left is 16 s).
      expect(run(history, 100, 500)).toBe(16);
      expect(history.msPerPoint(StepPaceHistory.keyOf(plan), 1)).toBe(500);
    });

    it('scales the remembered steps by the current pace (a bigger job, a busier machine)', () => {
      const history = new StepPaceHistory();
      run(history, 100, 500);
      // Twice as slow now: 60 points at 200 ms (12 s) + save 20 × 500 ms × 2 (20 s).
      expect(run(history, 200, 1000)).toBe(32);
    });

    it('remembers each step once, however many reports follow its end', () => {
      const history = new StepPaceHistory();
      const eta = new EtaEstimator({ history });
      eta.usePlan(plan);
      eta.observe(0, 0, 0);
      eta.observe(80, 8000, 0);
      eta.observe(80, 8000, 1);
      eta.observe(100, 10_000, 1);
      eta.observe(100, 20_000, 1);
      const key = StepPaceHistory.keyOf(plan);
      expect(history.msPerPoint(key, 0)).toBe(100);
      expect(history.msPerPoint(key, 1)).toBe(100);
    });
  });
});
