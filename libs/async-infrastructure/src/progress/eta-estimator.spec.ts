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

  describe('with a plan: the steps ahead as long as they took, relative to this one', () => {
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
      expect(history.runs(StepPaceHistory.keyOf(plan))[0]![1]!.ms).toBe(10_000);
    });

    it('scales the steps ahead by the current step (a bigger job, a busier machine)', () => {
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
      const runs = history.runs(StepPaceHistory.keyOf(plan));
      expect(runs).toHaveLength(1);
      expect(runs[0]!.map((step) => step?.ms)).toEqual([8000, 2000]);
    });
  });

  describe('with earlier runs of the same kind: the shape of the current step', () => {
    // A training: a short preparation, then epochs over batches; ETA read at 20 %.
    const plan = [
      { name: 'prepare', start: 0, end: 10 },
      { name: 'train', start: 10, end: 100 },
    ];
    type Sample = [percentage: number, atMs: number, step: number, items?: number];

    /** Samples of a step from `from` to `to` %, `msAt(f)` ms after `startMs` at fraction f. */
    function step(
      index: number,
      startMs: number,
      msAt: (f: number) => number,
      opts: { items?: number; endFraction?: number } = {},
    ): Sample[] {
      const { start, end } = plan[index]!;
      const out: Sample[] = [];
      for (let k = 0; k <= 100 * (opts.endFraction ?? 1); k += 1) {
        out.push([start + ((end - start) * k) / 100, startMs + msAt(k / 100), index, opts.items]);
      }
      return out;
    }

    /** A run: 2 s of preparation, then `train` from 2 s; the ETA read at 20 % and the truth. */
    function run(
      history: StepPaceHistory,
      train: (f: number) => number,
      opts: { items?: number; endFraction?: number; kind?: string } = {},
    ): { eta: number | null; left: number } {
      const eta = new EtaEstimator({ history });
      eta.usePlan(plan, opts.kind ?? 'strategy a');
      const samples = [...step(0, 0, (f) => 2000 * f), ...step(1, 2000, train, opts)];
      let read: { eta: number | null; atMs: number } | null = null;
      for (const [pct, atMs, index, items] of samples) {
        eta.observe(pct, atMs, index, items);
        if (read === null && pct >= 20) read = { eta: eta.estimateSeconds(), atMs };
      }
      eta.observe(100, samples.at(-1)![1] + 1, 1);
      return { eta: read!.eta, left: (samples.at(-1)![1] + 1 - read!.atMs) / 1000 };
    }

    // A slow first epoch (warm-up): the first tenth of the step takes 4 s, the rest 20 ms a point.
    const warmUp =
      (scale = 1) =>
      (f: number) =>
        scale * (f <= 0.1 ? 40_000 * f : 4000 + 20_000 * (f - 0.1));

    function error({ eta, left }: { eta: number | null; left: number }): number {
      return Math.abs((eta ?? Infinity) - left) / left;
    }

    it('learns a slow start of the step from the earlier runs', () => {
      const history = new StepPaceHistory();
      // The first run knows only its own rate, warm-up included: far too long.
      expect(error(run(history, warmUp(), { items: 1000 }))).toBeGreaterThan(0.5);
      expect(error(run(history, warmUp(), { items: 1000 }))).toBeLessThan(0.02);
    });

    it('takes a bigger job at its own pace, with the shape learnt from a smaller one', () => {
      const history = new StepPaceHistory();
      run(history, warmUp(), { items: 1000 });
      // Twice the batches, twice the time.
      expect(error(run(history, warmUp(2), { items: 2000 }))).toBeLessThan(0.02);
    });

    it('follows a machine now slower than in the earlier runs', () => {
      const history = new StepPaceHistory();
      run(history, warmUp(), { items: 1000 });
      // Same work, three times slower: the earlier run's durations would be far too short.
      expect(error(run(history, warmUp(3), { items: 1000 }))).toBeLessThan(0.02);
    });

    it('learns that the step usually ends early (training stopped before its last epoch)', () => {
      const history = new StepPaceHistory();
      const steady = (f: number): number => 20_000 * f;
      const first = run(history, steady, { items: 1000, endFraction: 0.6 });
      expect(error(first)).toBeGreaterThan(0.3);
      expect(error(run(history, steady, { items: 1000, endFraction: 0.6 }))).toBeLessThan(0.02);
    });

    it('estimates a step too young for a rate from the earlier runs of as much work', () => {
      const history = new StepPaceHistory();
      // The step's first tenth takes 100 ms (under minElapsedMs): no rate at 20 % yet.
      expect(run(history, (f) => 1000 * f, { items: 1000 }).eta).toBeNull();
      // Twice the items this time (and twice the time): still too young at 20 %.
      const { eta, left } = run(history, (f) => 2000 * f, { items: 2000 });
      expect(eta).not.toBeNull();
      expect(Math.abs(eta! - left)).toBeLessThanOrEqual(0.1);
    });

    it('learns only from runs of the same kind', () => {
      const history = new StepPaceHistory();
      const alone = run(new StepPaceHistory(), warmUp(), { items: 1000, kind: 'strategy b' });
      run(history, warmUp(3), { items: 1000, kind: 'strategy a' });
      expect(run(history, warmUp(), { items: 1000, kind: 'strategy b' })).toEqual(alone);
    });

    it('ignores runs in which the step was too short to measure (all cached)', () => {
      const history = new StepPaceHistory();
      const alone = run(new StepPaceHistory(), warmUp(), { items: 1000 });
      // The training step jumped to its end at once: nothing to learn about its shape.
      run(history, () => 0, { items: 1000 });
      expect(run(history, warmUp(), { items: 1000 })).toEqual(alone);
    });
  });
});
