/** Parameters of a `fixture_countdown` operation. */
export interface CountdownParams {
  /** Ticks to count down. */
  from: number;
  /** Milliseconds per tick (and for the arm and launch steps). */
  tick_ms: number;
}

/** Result of a countdown that launched. */
export interface CountdownResult {
  launched: true;
  ticks: number;
  /** Every operation id the ticker read from `OperationContext`: exactly this operation's. */
  observed_operation_ids: string[];
}

/** Partial result of a cancelled countdown. */
export interface CountdownPartialResult {
  remaining: number;
  observed_operation_ids: string[];
}
