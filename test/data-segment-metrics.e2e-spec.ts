import type { OperationMetricsPage } from '@ktrdr/operations';
import type { DataLoadResult } from '@ktrdr/market-data';
import { waitForEnd } from '../src/common/testing/operations-client';
import { spawnService, tempDir, type RunningService } from './support/spawn-service';

// A load's per-segment metrics as a client reads them (GET /operations/:id/metrics), from a
// real API process on its SQLite store: each segment's `bars` is what it fetched, and they add
// up to the result's `bars_fetched` (a report had every segment at 0 beside a real total).
describe('data load segment metrics (real API process)', () => {
  let api: RunningService;
  let data: ReturnType<typeof tempDir>;

  beforeAll(async () => {
    data = tempDir('ktrdr-segment-metrics-');
    api = await spawnService('dist/src/main.js', { DATA_DIR: data.dir });
  });
  afterAll(async () => {
    await api.stop();
    data.remove();
  });

  it('records the bars of each fetched segment; their sum is the result’s bars_fetched', async () => {
    const res = await fetch(`${api.url}/api/v1/data/load`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        symbol: 'MSFT',
        timeframe: '1h',
        mode: 'full',
        start_date: '2024-01-01',
        end_date: '2024-06-01',
      }),
    });
    expect(res.status).toBe(202);
    const { operation_id } = (await res.json()) as { operation_id: string };
    const ended = await waitForEnd(api.url, operation_id);
    expect(ended.status).toBe('completed');
    const result = ended.result as DataLoadResult;

    const page = (await (
      await fetch(`${api.url}/api/v1/operations/${operation_id}/metrics`)
    ).json()) as OperationMetricsPage;
    const segments = page.items.map((item) => item.data as { status: string; bars: number });
    expect(segments).toHaveLength(result.segments_planned);
    expect(result.segments_planned).toBeGreaterThan(1);
    for (const segment of segments) {
      expect(segment.status).toBe('fetched');
      expect(segment.bars).toBeGreaterThan(0);
    }
    expect(segments.reduce((n, s) => n + s.bars, 0)).toBe(result.bars_fetched);
    expect(result.bars_fetched).toBeGreaterThan(0);
  });
});
