import type { ProgressStepDefinition } from '@ktrdr/async-infrastructure';
import type { LoadMode, Timeframe } from '@ktrdr/market-data';

/** The operation type under which data loads run in the registry. */
export const DATA_LOAD_OPERATION = 'data_load';

/**
 * The params of a `data_load` job, already validated and normalised by the DataManager.
 * Serialisable (a queued executor would send it through Redis): dates are epoch ms.
 */
export interface DataLoadParams {
  symbol: string;
  timeframe: Timeframe;
  mode: LoadMode;
  /** Requested start (epoch ms), null when the client gave none. */
  start_ms: number | null;
  /** Requested end (epoch ms), null = now at run time. */
  end_ms: number | null;
  /** Clamp or drop invalid bars after the load and save the repaired series. */
  repair: boolean;
}

/** The seven steps of a load and their percentage ranges (data.md, "Flow and progress"). */
export const DATA_LOAD_STEPS: readonly ProgressStepDefinition[] = [
  { name: 'validate_symbol', start: 0, end: 3 },
  { name: 'read_cache', start: 3, end: 6 },
  { name: 'find_gaps', start: 6, end: 8 },
  { name: 'plan_segments', start: 8, end: 10 },
  { name: 'fetch_segments', start: 10, end: 90 },
  { name: 'merge_save', start: 90, end: 97 },
  { name: 'validate_bars', start: 97, end: 100 },
];
