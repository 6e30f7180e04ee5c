import { median, printTable, round, summarize, type LatencySummary } from './bench-stats';

/** One cancel: from sending DELETE to receiving the `cancelled` event, and the DELETE alone. */
export interface CancelSample {
  cancelMs: number;
  deleteMs: number;
}

/** The SUMMARY JSON fields every cancel benchmark ends with, in this order. */
export interface CancelSummary {
  cancel_ms: LatencySummary;
  delete_round_trip_ms: LatencySummary;
  baseline_get_ms: LatencySummary;
  /** The median of the rounds' cancel p99s, with the GET one beside it when asked. */
  median_round_p99_ms: number | { cancel: number; get: number };
  /** Cancel over the baseline GET, at p50 and p99. */
  ratio: { p50: number; p99: number };
  target_p99_ms: number;
  pass: boolean;
}

/**
 * The samples of a cancel benchmark, round by round, beside its baseline
 * (`GET /operations/:id` round trips), and the report the cancel benchmarks share.
 */
export class CancelRounds<S extends CancelSample> {
  readonly samples: S[] = [];
  private readonly getMs: number[] = [];
  private readonly cancelP99s: number[] = [];
  private readonly getP99s: number[] = [];

  /** Records one round; returns its cancel and GET summaries. */
  add(
    samples: readonly S[],
    getMs: readonly number[],
  ): { cancel: LatencySummary; get: LatencySummary } {
    this.samples.push(...samples);
    this.getMs.push(...getMs);
    const cancel = summarize(samples.map((s) => s.cancelMs));
    const get = summarize(getMs);
    this.cancelP99s.push(cancel.p99);
    this.getP99s.push(get.p99);
    return { cancel, get };
  }

  /**
   * Prints the cancel / DELETE / GET table and the target line, with the median of the rounds'
   * p99s of the cancel (and of the GET with `withRoundGet`); returns the SUMMARY JSON fields.
   */
  report(targetP99Ms: number, withRoundGet: boolean): CancelSummary {
    const cancel = summarize(this.samples.map((s) => s.cancelMs));
    const deleteRoundTrip = summarize(this.samples.map((s) => s.deleteMs));
    const get = summarize(this.getMs);
    console.log('');
    printTable(
      ['measure (ms)', 'n', 'p50', 'p99', 'max'],
      [
        ['DELETE sent → cancelled event', cancel.count, cancel.p50, cancel.p99, cancel.max],
        [
          '  of which DELETE round trip',
          deleteRoundTrip.count,
          deleteRoundTrip.p50,
          deleteRoundTrip.p99,
          deleteRoundTrip.max,
        ],
        ['baseline GET /operations/:id', get.count, get.p50, get.p99, get.max],
      ],
    );
    const ratio = { p50: round(cancel.p50 / get.p50), p99: round(cancel.p99 / get.p99) };
    const pass = cancel.p99 <= targetP99Ms;
    const roundCancel = median(this.cancelP99s);
    const roundGet = median(this.getP99s);
    console.log(
      `\ntarget: cancel p99 ≤ ${targetP99Ms} ms → ${cancel.p99} ms ${pass ? 'PASS' : 'MISS'}; ` +
        `ratio cancel/GET: p50 ${ratio.p50}×, p99 ${ratio.p99}× (median of round p99s: ` +
        (withRoundGet ? `cancel ${roundCancel} ms, GET ${roundGet} ms)` : `${roundCancel} ms)`),
    );
    return {
      cancel_ms: cancel,
      delete_round_trip_ms: deleteRoundTrip,
      baseline_get_ms: get,
      median_round_p99_ms: withRoundGet ? { cancel: roundCancel, get: roundGet } : roundCancel,
      ratio,
      target_p99_ms: targetP99Ms,
      pass,
    };
  }
}
