/** Why an import left a row out: `no_session`, a daily/weekly row on a day without a session. */
export type ImportRejectReason = 'no_session';

/** One row an import left out: its line in the file, its time as written, and why. */
export interface RejectedRow {
  line: number;
  time: string;
  reason: ImportRejectReason;
  detail: string;
}

/** The rows an import left out: how many, by reason, and the first few of them. */
export interface ImportRejections {
  total: number;
  by_reason: Partial<Record<ImportRejectReason, number>>;
  examples: RejectedRow[];
}

/** How many rejected rows an import result shows. */
export const MAX_REJECTED_EXAMPLES = 5;

/** Counts rejected rows by reason and keeps the first {@link MAX_REJECTED_EXAMPLES}. */
export class RejectionTally {
  private readonly rejections: ImportRejections = { total: 0, by_reason: {}, examples: [] };

  add(row: RejectedRow): void {
    const { by_reason, examples } = this.rejections;
    this.rejections.total += 1;
    by_reason[row.reason] = (by_reason[row.reason] ?? 0) + 1;
    if (examples.length < MAX_REJECTED_EXAMPLES) examples.push(row);
  }

  result(): ImportRejections {
    return this.rejections;
  }
}
