import type { OperationOutcome, OperationRecord } from '../model/operation.types';
import type { OperationEnded } from '../model/operations.types';

/** Waits between attempts to store a held end: doubling, then every 10 s. */
const RETRY_DELAYS_MS = [250, 500, 1000, 2000, 5000, 10_000];

export interface PendingEndsOptions {
  /** An end was stored at last; `ended` is what the store answered (undefined: already ended). */
  onStored: (operationId: string, held: OperationEnded | null, ended: unknown) => void;
  /** An attempt failed; it will be tried again. */
  onError: (operationId: string, error: unknown) => void;
  delaysMs?: readonly number[];
}

interface Held {
  /** The terminal record as it will be stored, served meanwhile; null when unknown (no reads). */
  ended: OperationEnded | null;
  write: () => Promise<unknown>;
  attempt: number;
  timer: NodeJS.Timeout | null;
}

/**
 * Terminal states whose write failed for a reason that passes (a full disk, the database
 * away): each is kept here, served in its place, and written again with backoff until it lands.
 * A terminal state is never lost to a failed write while the process lives.
 */
export class PendingEnds {
  private readonly held = new Map<string, Held>();
  private readonly delays: readonly number[];

  constructor(private readonly options: PendingEndsOptions) {
    this.delays = options.delaysMs ?? RETRY_DELAYS_MS;
  }

  get size(): number {
    return this.held.size;
  }

  /** The held end of an operation (its record and status event), if any. */
  ended(operationId: string): OperationEnded | null | undefined {
    return this.held.get(operationId)?.ended;
  }

  has(operationId: string): boolean {
    return this.held.has(operationId);
  }

  /** Keeps `ended` and retries `write` until it resolves. */
  hold(operationId: string, ended: OperationEnded | null, write: () => Promise<unknown>): void {
    const entry: Held = { ended, write, attempt: 0, timer: null };
    this.held.set(operationId, entry);
    this.schedule(operationId, entry);
  }

  /** One more attempt for every held end, now (shutdown); resolves once each settled. */
  async flushAll(): Promise<void> {
    this.stop();
    await Promise.all([...this.held].map(([id, entry]) => this.attempt(id, entry, false)));
  }

  /** Stops the retries (what is held stays held). */
  stop(): void {
    for (const entry of this.held.values()) {
      if (entry.timer !== null) clearTimeout(entry.timer);
      entry.timer = null;
    }
  }

  private schedule(operationId: string, entry: Held): void {
    const delay = this.delays[Math.min(entry.attempt, this.delays.length - 1)] ?? 10_000;
    entry.timer = setTimeout(() => {
      entry.timer = null;
      void this.attempt(operationId, entry, true);
    }, delay);
  }

  private async attempt(operationId: string, entry: Held, retry: boolean): Promise<void> {
    entry.attempt += 1;
    try {
      const stored = await entry.write();
      this.held.delete(operationId);
      this.options.onStored(operationId, entry.ended, stored);
    } catch (error) {
      this.options.onError(operationId, error);
      if (retry && this.held.get(operationId) === entry) this.schedule(operationId, entry);
    }
  }
}

/**
 * The end `outcome` gives `current` (active), as the store's `finish` writes it: a `cancelling`
 * operation ends `cancelled` whatever the outcome; the status event follows the last progress.
 */
export function endInMemory(
  current: OperationRecord,
  outcome: OperationOutcome,
  lastSeq: number,
  now: string,
): OperationEnded {
  const cancelling = current.status === 'cancelling';
  const status = cancelling ? 'cancelled' : outcome.kind;
  const cancellation =
    current.cancellation ??
    (outcome.kind === 'cancelled' ? { requested_at: now, reason: outcome.reason } : null);
  const record: OperationRecord = {
    ...current,
    status,
    completed_at: now,
    updated_at: now,
    result: outcome.result ?? null,
    error: !cancelling && outcome.kind === 'failed' ? outcome.error : null,
    cancellation: status === 'cancelled' ? cancellation : current.cancellation,
  };
  const seq = Math.max(current.progress?.seq ?? 0, lastSeq) + 1;
  return {
    record,
    event: { kind: 'status', operation_id: record.operation_id, seq, status, operation: record },
  };
}
