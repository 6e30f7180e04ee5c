import { randomBytes } from 'node:crypto';
import Database from 'better-sqlite3';

const TYPES = ['data_load', 'data_load', 'data_load', 'training', 'training', 'dummy'] as const;
const SYMBOLS = ['AAPL', 'MSFT', 'EURUSD', 'GBPUSD', 'SPY', 'NVDA'];
const TIMEFRAMES = ['1m', '5m', '1h', '1d'];
/** One operation created every 37 s going back from the newest (100,000 span ~43 days). */
const SPACING_MS = 37_000;

/** Status mix of a long-lived registry: mostly completed, some failed and cancelled. */
function statusFor(i: number): 'completed' | 'failed' | 'cancelled' {
  const r = i % 25;
  if (r < 3) return 'failed';
  if (r < 5) return 'cancelled';
  return 'completed';
}

function idFor(type: string, at: Date): string {
  const iso = at.toISOString();
  const stamp = `${iso.slice(0, 10).replaceAll('-', '')}_${iso.slice(11, 19).replaceAll(':', '')}`;
  return `op_${type}_${stamp}_${randomBytes(4).toString('hex')}`;
}

/**
 * Inserts `count` finished operations into an operations database the product's migrations
 * already created (start the API on the file once first), in one better-sqlite3 transaction.
 * The rows follow the `operations` table of 001-create-operations.migration.ts, with JSON
 * columns as the product writes them (metadata, a final progress snapshot, result, error).
 */
export function seedOperations(databaseFile: string, count: number): void {
  const db = new Database(databaseFile);
  try {
    const insert = db.prepare(
      `insert into operations (operation_id, operation_type, status, created_at, started_at,
         completed_at, updated_at, metadata, progress, progress_seq, result, error_code,
         error_message, cancel_requested_at, cancel_reason)
       values (@operation_id, @operation_type, @status, @created_at, @started_at, @completed_at,
         @updated_at, @metadata, @progress, @progress_seq, @result, @error_code, @error_message,
         @cancel_requested_at, @cancel_reason)`,
    );
    const newest = Date.now() - 60_000;
    const insertAll = db.transaction(() => {
      for (let i = 0; i < count; i++) insert.run(rowFor(i, newest - i * SPACING_MS));
    });
    insertAll();
  } finally {
    db.close();
  }
}

function rowFor(i: number, createdMs: number): Record<string, string | number | null> {
  const type = TYPES[i % TYPES.length]!;
  const status = statusFor(i);
  const created = new Date(createdMs);
  const started = new Date(createdMs + 5);
  const completed = new Date(createdMs + 5 + (i % 900) * 20);
  const symbol = SYMBOLS[i % SYMBOLS.length]!;
  const timeframe = TIMEFRAMES[i % TIMEFRAMES.length]!;
  const done = status === 'completed' ? 7 : 3;
  const progress = {
    seq: 40 + (i % 50),
    percentage: status === 'completed' ? 100 : 42.5,
    message: `${symbol} ${timeframe}: step ${done}/7`,
    step_name: status === 'completed' ? 'save' : 'fetch',
    steps_completed: done,
    steps_total: 7,
    items_processed: 1200 + (i % 300),
    items_total: 4000,
    current_item: `segment ${(i % 12) + 1}`,
    eta_seconds: null,
    context: { symbol, timeframe, mode: 'tail' },
    updated_at: completed.toISOString(),
  };
  return {
    operation_id: idFor(type, created),
    operation_type: type,
    status,
    created_at: created.toISOString(),
    started_at: started.toISOString(),
    completed_at: completed.toISOString(),
    updated_at: completed.toISOString(),
    metadata: JSON.stringify({
      symbol,
      timeframe,
      mode: 'tail',
      parameters: { source: 'synthetic' },
    }),
    progress: JSON.stringify(progress),
    progress_seq: progress.seq,
    result: JSON.stringify({ bars_loaded: 1200 + (i % 300), segments: (i % 12) + 1 }),
    error_code: status === 'failed' ? 'HOST_UNAVAILABLE' : null,
    error_message: status === 'failed' ? 'The data host did not answer' : null,
    cancel_requested_at: status === 'cancelled' ? completed.toISOString() : null,
    cancel_reason: status === 'cancelled' ? 'user requested' : null,
  };
}
