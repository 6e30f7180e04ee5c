import { ProgressPlan } from './progress-plan';

describe('ProgressPlan', () => {
  it('keeps explicit contiguous ranges', () => {
    const plan = ProgressPlan.fromRanges([
      { name: 'analyze', start: 0, end: 10 },
      { name: 'fetch', start: 10, end: 90 },
      { name: 'save', start: 90, end: 100 },
    ]);

    expect(plan.size).toBe(3);
    expect(plan.indexOf('fetch')).toBe(1);
    expect(plan.indexOf('missing')).toBe(-1);
    expect(plan.steps[2]).toEqual({ name: 'save', start: 90, end: 100 });
  });

  it('does not share the caller’s array or objects', () => {
    const steps = [{ name: 'only', start: 0, end: 100 }];
    const plan = ProgressPlan.fromRanges(steps);
    steps[0]!.end = 50;

    expect(plan.steps[0]?.end).toBe(100);
    expect(Object.isFrozen(plan.steps)).toBe(true);
  });

  it.each([
    [[], /at least one step/],
    [
      [
        { name: 'a', start: 0, end: 50 },
        { name: 'a', start: 50, end: 100 },
      ],
      /"a" is listed twice/,
    ],
    [[{ name: 'a', start: 10, end: 10 }], /must start before it ends/],
    [[{ name: 'a', start: 60, end: 40 }], /must start before it ends/],
    [[{ name: 'a', start: -5, end: 40 }], /outside 0–100/],
    [[{ name: 'a', start: 0, end: 140 }], /outside 0–100/],
    [
      [
        { name: 'a', start: 0, end: 40 },
        { name: 'b', start: 50, end: 100 },
      ],
      /contiguous/,
    ],
    [
      [
        { name: 'a', start: 50, end: 100 },
        { name: 'b', start: 0, end: 50 },
      ],
      /contiguous/,
    ],
    [[{ name: '', start: 0, end: 100 }], /no name/],
    [[{ name: 'a', start: Number.NaN, end: 100 }], /non-numeric/],
  ])('rejects an invalid plan %#', (steps, message) => {
    expect(() => ProgressPlan.fromRanges(steps)).toThrow(message);
  });

  it('splits a range evenly', () => {
    const plan = ProgressPlan.evenly(['a', 'b', 'c']);

    expect(plan.steps.map((s) => s.name)).toEqual(['a', 'b', 'c']);
    expect(plan.steps[0]?.start).toBe(0);
    expect(plan.steps[1]?.start).toBeCloseTo(33.333, 3);
    expect(plan.steps[2]?.end).toBe(100);
  });

  it('splits a sub-range evenly', () => {
    const plan = ProgressPlan.evenly(['a', 'b'], 20, 60);
    expect(plan.steps).toEqual([
      { name: 'a', start: 20, end: 40 },
      { name: 'b', start: 40, end: 60 },
    ]);
  });

  it('rejects an empty or duplicate list of names', () => {
    expect(() => ProgressPlan.evenly([])).toThrow(/at least one step/);
    expect(() => ProgressPlan.evenly(['x', 'x'])).toThrow(/twice/);
  });
});
