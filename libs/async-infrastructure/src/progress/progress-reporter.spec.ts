import { lastValueFrom, toArray } from 'rxjs';
import { ProgressPlan } from './progress-plan';
import { ProgressRenderer, type ProgressRenderState } from './progress-renderer';
import { ProgressReporter } from './progress-reporter';
import type { ProgressSnapshot } from './progress.types';

const plan = ProgressPlan.fromRanges([
  { name: 'analyze', start: 0, end: 10 },
  { name: 'fetch', start: 10, end: 90 },
  { name: 'save', start: 90, end: 100 },
]);

function makeReporter(opts: { plan?: ProgressPlan; renderer?: ProgressRenderer } = {}): {
  reporter: ProgressReporter;
  updates: ProgressSnapshot[];
  clock: { now: number };
} {
  const updates: ProgressSnapshot[] = [];
  const clock = { now: Date.UTC(2026, 0, 2, 3, 4, 5) };
  const reporter = new ProgressReporter({
    ...opts,
    onUpdate: (s) => updates.push(s),
    now: () => clock.now,
  });
  return { reporter, updates, clock };
}

describe('ProgressReporter', () => {
  it('has no snapshot before the first report', () => {
    expect(new ProgressReporter().snapshot()).toBeNull();
  });

  it('moves through the steps of its plan', () => {
    const { reporter, updates } = makeReporter({ plan });

    reporter.startStep('analyze');
    reporter.startStep('fetch', { items_total: 4000, context: { symbol: 'AAPL' } });

    expect(updates.map((u) => u.seq)).toEqual([1, 2]);
    expect(updates[1]).toMatchObject({
      percentage: 10,
      step_name: 'fetch',
      steps_completed: 1,
      steps_total: 3,
      items_processed: 0,
      items_total: 4000,
      current_item: null,
      context: { symbol: 'AAPL' },
      updated_at: '2026-01-02T03:04:05.000Z',
    });
  });

  it('interpolates items within the step range', () => {
    const { reporter } = makeReporter({ plan });
    reporter.startStep('fetch', { items_total: 4000 });

    reporter.update({ items_processed: 1000, current_item: 'segment 2' });

    expect(reporter.snapshot()).toMatchObject({
      percentage: 30,
      items_processed: 1000,
      current_item: 'segment 2',
    });
  });

  it('prefers an explicit fraction and clamps it', () => {
    const { reporter } = makeReporter({ plan });
    reporter.startStep('fetch');

    reporter.update({ fraction: 0.5 });
    expect(reporter.snapshot()?.percentage).toBe(50);
    reporter.update({ fraction: 7 });
    expect(reporter.snapshot()?.percentage).toBe(90);
  });

  it('never lets the percentage decrease', () => {
    const { reporter } = makeReporter({ plan });
    reporter.startStep('fetch', { items_total: 100 });
    reporter.update({ items_processed: 80 });

    reporter.update({ items_processed: 20 });
    expect(reporter.snapshot()?.percentage).toBe(74);
    reporter.startStep('analyze');
    expect(reporter.snapshot()?.percentage).toBe(74);
    reporter.update({ fraction: -1 });
    expect(reporter.snapshot()?.percentage).toBe(74);
  });

  it('resets items on a new step and merges context shallowly', () => {
    const { reporter } = makeReporter({ plan });
    reporter.startStep('fetch', { items_total: 10, context: { symbol: 'AAPL', mode: 'tail' } });
    reporter.update({ items_processed: 5, current_item: 'x', context: { segment: 1 } });

    reporter.startStep('save', { context: { mode: 'full' } });

    expect(reporter.snapshot()).toMatchObject({
      items_processed: null,
      items_total: null,
      current_item: null,
      context: { symbol: 'AAPL', mode: 'full', segment: 1 },
    });
  });

  it('throws for a step the plan does not have', () => {
    const { reporter } = makeReporter({ plan });
    expect(() => reporter.startStep('train')).toThrow(/Unknown progress step "train"/);
  });

  it('uses a single implicit step `run` without a plan', () => {
    const { reporter } = makeReporter();

    reporter.update({ items_processed: 25, items_total: 100 });

    expect(reporter.snapshot()).toMatchObject({
      step_name: 'run',
      steps_completed: 0,
      steps_total: 1,
      percentage: 25,
    });
  });

  it('accepts a plan only before the first report', () => {
    const { reporter } = makeReporter();
    reporter.setPlan(plan);
    reporter.startStep('save');

    expect(reporter.snapshot()?.steps_total).toBe(3);
    expect(() => reporter.setPlan(plan)).toThrow(/before the first progress report/);
  });

  it('completes at 100 % with every step done, once', () => {
    const { reporter, updates } = makeReporter({ plan });
    reporter.startStep('fetch');

    reporter.complete({ message: 'done', context: { bars: 10 } });
    reporter.complete();
    reporter.update({ fraction: 0.1 });

    expect(updates).toHaveLength(2);
    expect(reporter.snapshot()).toMatchObject({
      percentage: 100,
      steps_completed: 3,
      steps_total: 3,
      eta_seconds: 0,
      context: { bars: 10 },
    });
    expect(reporter.snapshot()?.message).toContain('done');
  });

  it('renders the message with the renderer, passing the detail', () => {
    class EchoRenderer extends ProgressRenderer {
      readonly seen: ProgressRenderState[] = [];
      override render(state: ProgressRenderState): string {
        this.seen.push(state);
        return `${state.step_name}:${state.percentage}:${state.detail ?? '-'}`;
      }
    }
    const renderer = new EchoRenderer();
    const { reporter } = makeReporter({ plan, renderer });

    reporter.startStep('fetch', { message: 'connecting' });
    expect(reporter.snapshot()?.message).toBe('fetch:10:connecting');
    reporter.update({ fraction: 0.5 });
    expect(reporter.snapshot()?.message).toBe('fetch:50:connecting');
    reporter.startStep('save');
    expect(reporter.snapshot()?.message).toBe('save:90:-');
    expect(renderer.seen[0]).not.toHaveProperty('seq');
  });

  it('renders with the default renderer', () => {
    const { reporter } = makeReporter({ plan });
    reporter.startStep('fetch', { items_total: 4000 });
    reporter.update({ items_processed: 1200, current_item: 'segment 2' });

    expect(reporter.snapshot()?.message).toBe('Step 2/3: fetch (1,200/4,000 items) segment 2');
  });

  it('estimates the ETA from the clock', () => {
    const { reporter, clock } = makeReporter();
    reporter.update({ fraction: 0 });
    clock.now += 2000;
    reporter.update({ fraction: 0.2 });

    expect(reporter.snapshot()?.eta_seconds).toBe(8);
  });

  it('estimates per step: a slow first step does not skew the ETA of the next one', () => {
    const { reporter, clock } = makeReporter({
      plan: ProgressPlan.fromRanges([
        { name: 'load', start: 0, end: 10 },
        { name: 'train', start: 10, end: 100 },
      ]),
    });
    reporter.startStep('load');
    clock.now += 20_000;
    reporter.update({ fraction: 1 }); // 10 points in 20 s
    reporter.startStep('train');
    expect(reporter.snapshot()?.eta_seconds).toBeNull();
    clock.now += 5000;
    reporter.update({ fraction: 10 / 90 }); // 20 %: 10 points in 5 s, 80 left

    expect(reporter.snapshot()?.eta_seconds).toBe(40);
  });

  it('emits every snapshot on progress$ and completes on close', async () => {
    const { reporter } = makeReporter({ plan });
    const all = lastValueFrom(reporter.progress$.pipe(toArray()));

    reporter.startStep('analyze');
    reporter.update({ fraction: 1 });
    reporter.complete();
    reporter.close();
    reporter.update({ fraction: 1 });

    expect((await all).map((s) => [s.seq, s.percentage])).toEqual([
      [1, 0],
      [2, 10],
      [3, 100],
    ]);
  });

  it('gives a late subscriber the latest snapshot first', async () => {
    const { reporter } = makeReporter({ plan });
    reporter.startStep('analyze');
    reporter.startStep('fetch');

    const all = lastValueFrom(reporter.progress$.pipe(toArray()));
    reporter.close();

    expect((await all).map((s) => s.seq)).toEqual([2]);
  });

  it('hands out snapshots that later reports do not mutate', () => {
    const { reporter, updates } = makeReporter({ plan });
    reporter.startStep('fetch', { context: { a: 1 } });
    reporter.update({ context: { b: 2 } });

    expect(updates[0]?.context).toEqual({ a: 1 });
  });
});
