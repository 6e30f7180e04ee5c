import { AppError } from '@ktrdr/http-kit';
import { isTransientStorageError, translateDatabaseError } from '../persistence/database.errors';

/** What `storageProblem()` reports while writes to the operations database fail. */
export interface StorageProblem {
  /** `STORAGE_FULL`, `DATABASE_UNAVAILABLE`. */
  code: string;
  message: string;
  /** When the writes started failing (ISO-8601). */
  since: string;
  /** Terminal states held in memory until they can be written. */
  pending_ends: number;
}

/**
 * Whether the latest write to the operations database failed for a reason that passes (a full
 * disk, the database away): set by a failed write, cleared by the next one that lands.
 */
export class StorageStatus {
  private failure: { code: string; message: string; since: string } | null = null;

  failed(error: unknown): void {
    const translated = translateDatabaseError(error);
    if (!isTransientStorageError(translated) || !(translated instanceof AppError)) return;
    const { code, message } = translated;
    this.failure = { code, message, since: this.failure?.since ?? new Date().toISOString() };
  }

  succeeded(): void {
    this.failure = null;
  }

  /** The current problem, or null when the last write landed and no end is held. */
  problem(pendingEnds: number): StorageProblem | null {
    if (this.failure === null && pendingEnds === 0) return null;
    const failure = this.failure ?? {
      code: 'STORAGE_UNAVAILABLE',
      message: 'Operation ends are waiting to be written',
      since: new Date().toISOString(),
    };
    return { ...failure, pending_ends: pendingEnds };
  }
}
