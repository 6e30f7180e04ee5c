import type { OperationRecord } from './api.types';
import { formatFinalLine, formatOperationTable, summarizeResult } from './operation-format';
import { formatDuration, formatEta } from './time-format';

const base: OperationRecord = {
  operation_id: 'op_dummy_20240101_000000_0000abcd',
  operation_type: 'dummy',
  status: 'completed',
  created_at: '2024-01-01T00:00:00.000Z',
  started_at: '2024-01-01T00:00:01.000Z',
  completed_at: '2024-01-01T00:00:03.500Z',
  updated_at: '2024-01-01T00:00:03.500Z',
  metadata: {},
  progress: null,
  result: null,
  error: null,
  cancellation: null,
  retry_of: null,
};

describe('operation formatting', () => {
  it('final line: status, duration and result or error', () => {
    expect(formatFinalLine({ ...base, result: { steps_completed: 5, elapsed_ms: 2500 } })).toBe(
      'op_dummy_20240101_000000_0000abcd completed in 2.5s: steps_completed=5, elapsed_ms=2500',
    );
    expect(
      formatFinalLine({
        ...base,
        status: 'failed',
        error: { code: 'DUMMY_FAILURE', message: 'boom' },
      }),
    ).toBe('op_dummy_20240101_000000_0000abcd failed after 2.5s: DUMMY_FAILURE: boom');
    expect(
      formatFinalLine({
        ...base,
        status: 'cancelled',
        result: { steps_completed: 2 },
        cancellation: { requested_at: base.updated_at, reason: 'enough' },
      }),
    ).toBe('op_dummy_20240101_000000_0000abcd cancelled after 2.5s (enough): steps_completed=2');
  });

  it('summarizes nested results briefly and caps the length', () => {
    const big = { text: 'y'.repeat(80) };
    expect(summarizeResult({ bars: 10, segments: [1, 2], stats: { a: 1 }, big, ok: true })).toBe(
      'bars=10, segments=[2 item(s)], stats={"a":1}, big={…}, ok=true',
    );
    expect(summarizeResult('x'.repeat(500))).toHaveLength(200);
    expect(summarizeResult(null)).toBe('');
  });

  it('table: long messages are cut to the width', () => {
    const long = { ...base, progress: null, error: { code: 'E', message: 'm'.repeat(300) } };
    const table = formatOperationTable({ items: [long], total: 1, active_count: 0 }, 100);
    const row = table.split('\n')[1]!;
    expect(row.length).toBeLessThanOrEqual(100);
    expect(row.endsWith('m…')).toBe(true);
  });

  it('durations and ETAs', () => {
    expect(formatDuration(850)).toBe('850ms');
    expect(formatDuration(4200)).toBe('4.2s');
    expect(formatDuration(185_000)).toBe('3m 05s');
    expect(formatDuration(3_720_000)).toBe('1h 02m');
    expect(formatEta(null)).toBe('--');
    expect(formatEta(0.2)).toBe('1s');
  });
});
