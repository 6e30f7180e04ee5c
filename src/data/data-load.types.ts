import type { ProgressStepDefinition } from '@ktrdr/async-infrastructure';
import type { Timeframe } from '@ktrdr/market-data';

/** The operation type under which data loads run in the registry. */
export const DATA_LOAD_OPERATION = 'data_load';

/** What a load fetches (data.md, "Load modes"). */
export const LOAD_MODES = ['local', 'tail', 'backfill', 'full'] as const;
export type LoadMode = (typeof LOAD_MODES)[number];

export function isLoadMode(value: unknown): value is LoadMode {
  return typeof value === 'string' && (LOAD_MODES as readonly string[]).includes(value);
}

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

/** One segment that could not be fetched, as named in the result's warnings. */
export interface FailedSegment {
  segment_index: number;
  start: string;
  end: string;
  code: string;
  message: string;
  attempts: number;
}

/** Issue counts of the final validation (data.md, "Validation"). */
export interface ValidationSummary {
  issues: { kind: string; severity: 'error' | 'warning'; count: number }[];
  total_errors: number;
  total_warnings: number;
  /** What a repair changed, when one was asked for and needed. */
  changes?: string[];
}

/**
 * The result of a load (data.md, "Result summary"): real numbers. On cancel the same shape
 * is the operation's partial result, with `cancelled: true`.
 */
export interface DataLoadResult {
  symbol: string;
  timeframe: Timeframe;
  mode: LoadMode;
  /** Where the bars came from: the provider's label (`synthetic`, `ib`, `csv`) or `cache`. */
  source: string;
  /** `local` = provider in this process, `host` = the data host service. */
  venue: 'local' | 'host';
  /** The range the load covered (after defaults and clamping), ISO-8601 UTC. */
  start: string | null;
  end: string;
  head_timestamp: string | null;
  /** Set when `start` was earlier than the provider's first bar and was moved to it. */
  start_clamped: { requested: string; clamped_to: string } | null;
  bars_before: number;
  bars_after: number;
  bars_fetched: number;
  /** For `local` mode: the cached bars inside [start, end]. */
  bars_in_range: number;
  gaps_found: number;
  segments_planned: number;
  segments_fetched: number;
  segments_failed: number;
  failed_segments: FailedSegment[];
  requests_made: number;
  retries: number;
  first_bar: string | null;
  last_bar: string | null;
  validation: ValidationSummary | null;
  warnings: string[];
  duration_ms: number;
  cancelled: boolean;
}
