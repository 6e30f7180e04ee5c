// The shapes of a validation, apart from the code that validates: the data API's answers
// carry them, and the dashboard reads them as types (see ../wire.ts).
import type { BarSeries } from './bar-series.types';

/** What can be wrong with bars. */
export type BarIssueKind =
  | 'non_finite_value'
  | 'non_positive_price'
  | 'negative_volume'
  | 'high_below_open_close'
  | 'low_above_open_close'
  | 'unsorted_timestamps'
  | 'duplicate_timestamps'
  | 'session_gap';

export type IssueSeverity = 'error' | 'warning';

/** Bars (or, for `session_gap`, missing sessions) affected by one kind of problem. */
export interface BarIssue {
  kind: BarIssueKind;
  severity: IssueSeverity;
  count: number;
}

/** Issue counts, and the repaired series when asked for. */
export interface BarValidationResult {
  /** Only kinds that occurred, in a fixed order. */
  issues: BarIssue[];
  total_errors: number;
  total_warnings: number;
  repaired?: BarSeries;
  changes?: string[];
}
