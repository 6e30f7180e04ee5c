import type { ProgressRenderState } from '@ktrdr/async-infrastructure';
import { DataProgressRenderer } from './data-progress.renderer';

function state(overrides: Partial<ProgressRenderState>): ProgressRenderState {
  return {
    percentage: 0,
    step_name: null,
    steps_completed: 0,
    steps_total: 7,
    items_processed: null,
    items_total: null,
    current_item: null,
    eta_seconds: null,
    context: { symbol: 'AAPL', timeframe: '1h', mode: 'backfill' },
    detail: null,
    ...overrides,
  };
}

describe('DataProgressRenderer', () => {
  const renderer = new DataProgressRenderer();

  it('renders the fetch step with segment, dates, bars and ETA as in data.md', () => {
    const message = renderer.render(
      state({
        percentage: 50,
        step_name: 'fetch_segments',
        steps_completed: 4,
        items_processed: 2400,
        items_total: 4000,
        eta_seconds: 45,
        context: {
          symbol: 'AAPL',
          timeframe: '1h',
          mode: 'backfill',
          segment_index: 3,
          segments_total: 12,
          segment_start: '2024-01-01T00:00:00.000Z',
          segment_end: '2024-01-31T00:00:00.000Z',
          bars_fetched: 2400,
        },
      }),
    );
    expect(message).toBe(
      'Loading AAPL 1h data (backfill mode) [5/7] segment 3/12 2024-01-01→2024-01-31 (2,400/4,000 bars) ETA 45s',
    );
  });

  it('names the other steps in words and leaves out what is unknown', () => {
    expect(
      renderer.render(state({ step_name: 'read_cache', steps_completed: 1, percentage: 3 })),
    ).toBe('Loading AAPL 1h data (backfill mode) [2/7] reading cache');
    expect(
      renderer.render(state({ step_name: 'validate_symbol', context: { symbol: 'EUR.USD' } })),
    ).toBe('Loading EUR.USD data [1/7] validating symbol');
  });

  it('shows times for segments shorter than a day and long ETAs in minutes', () => {
    const message = renderer.render(
      state({
        step_name: 'fetch_segments',
        steps_completed: 4,
        items_processed: 0,
        items_total: 390,
        eta_seconds: 125,
        context: {
          symbol: 'AAPL',
          timeframe: '1m',
          mode: 'tail',
          segment_index: 1,
          segments_total: 2,
          segment_start: '2024-03-04T14:30:00.000Z',
          segment_end: '2024-03-04T21:00:00.000Z',
        },
      }),
    );
    expect(message).toContain('segment 1/2 2024-03-04 14:30→2024-03-04 21:00 (0/390 bars)');
    expect(message).toContain('ETA 2m05s');
  });

  it('caps the step counter when complete and appends a producer detail', () => {
    const message = renderer.render(
      state({
        percentage: 100,
        step_name: 'validate_bars',
        steps_completed: 7,
        eta_seconds: 0,
        detail: 'done',
      }),
    );
    expect(message).toBe('Loading AAPL 1h data (backfill mode) [7/7] validating bars · done');
  });
});
