import { DefaultProgressRenderer, type ProgressRenderState } from './progress-renderer';

const base: ProgressRenderState = {
  percentage: 40,
  step_name: 'fetch',
  steps_completed: 2,
  steps_total: 5,
  items_processed: 1200,
  items_total: 4000,
  current_item: 'segment 2',
  eta_seconds: 45,
  context: {},
  detail: null,
};

describe('DefaultProgressRenderer', () => {
  const renderer = new DefaultProgressRenderer();

  it('renders step, items, current item and ETA', () => {
    expect(renderer.render(base)).toBe('Step 3/5: fetch (1,200/4,000 items) segment 2 · ETA 45s');
  });

  it('appends the detail', () => {
    expect(renderer.render({ ...base, detail: 'retrying after 503' })).toBe(
      'Step 3/5: fetch (1,200/4,000 items) segment 2 · ETA 45s · retrying after 503',
    );
  });

  it('leaves out what is unknown', () => {
    expect(
      renderer.render({
        ...base,
        items_processed: null,
        items_total: null,
        current_item: null,
        eta_seconds: null,
      }),
    ).toBe('Step 3/5: fetch');
  });

  it('renders items without a total', () => {
    expect(renderer.render({ ...base, items_total: null, current_item: null })).toBe(
      'Step 3/5: fetch (1,200 items) · ETA 45s',
    );
  });

  it('names the step alone in a one-step plan', () => {
    expect(
      renderer.render({ ...base, steps_total: 1, steps_completed: 0, current_item: null }),
    ).toBe('fetch (1,200/4,000 items) · ETA 45s');
  });

  it('never shows a step past the last one', () => {
    expect(
      renderer.render({ ...base, steps_completed: 5, items_processed: null, eta_seconds: 0 }),
    ).toBe('Step 5/5: fetch segment 2 · ETA 0s');
  });

  it('drops the ETA once complete', () => {
    expect(renderer.render({ ...base, percentage: 100, current_item: null, eta_seconds: 0 })).toBe(
      'Step 3/5: fetch (1,200/4,000 items)',
    );
  });

  it('formats long ETAs', () => {
    const only = { ...base, items_processed: null, current_item: null };
    expect(renderer.render({ ...only, eta_seconds: 125 })).toBe('Step 3/5: fetch · ETA 2m 05s');
    expect(renderer.render({ ...only, eta_seconds: 3720 })).toBe('Step 3/5: fetch · ETA 1h 02m');
  });

  it('falls back to the percentage', () => {
    expect(
      renderer.render({
        ...base,
        step_name: null,
        items_processed: null,
        current_item: null,
        eta_seconds: null,
        percentage: 42.7,
      }),
    ).toBe('42%');
  });
});
