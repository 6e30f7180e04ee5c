import { Inject, Injectable } from '@nestjs/common';
import type { Kysely } from 'kysely';
import { OPERATIONS_DATABASE } from '../operations.constants';
import type { OperationJob } from '../model/operation.types';
import type { OperationEnded } from '../model/operations.types';
import type { DatabaseHandle, OperationsDatabase } from './database.types';
import { toEnded, toStatusEventRow } from './operation-row.mapper';

const HELD = ['running', 'cancelling'];
/** At most this many expired leases are failed per sweep (the next sweep takes the rest). */
const SWEEP_BATCH = 200;
export const LEASE_EXPIRED_MESSAGE =
  'The worker running this operation stopped renewing its lease (it died or lost the database)';

/** A cancel requested durably for an operation a worker holds. */
export interface RequestedCancel {
  operation_id: string;
  reason: string;
}

/**
 * The SQL of queued execution's leases (queued.md): a worker renews the leases of the operations
 * it runs, reads the cancels requested for them, and any process fails operations whose lease
 * ran out. PostgreSQL only (queued mode refuses SQLite at boot).
 */
@Injectable()
export class OperationLeasesRepository {
  private readonly db: Kysely<OperationsDatabase>;
  /** SQLite has no row locks (and serialises writers anyway): the lock clause is PostgreSQL's. */
  private readonly rowLocks: boolean;

  constructor(@Inject(OPERATIONS_DATABASE) handle: DatabaseHandle) {
    this.db = handle.db;
    this.rowLocks = handle.kind === 'postgres';
  }

  /**
   * Extends every lease `workerId` holds on an active operation to `expiresAt`; returns the ids
   * it still holds (an operation ended or orphaned meanwhile is not among them).
   */
  async renew(workerId: string, expiresAt: string): Promise<Set<string>> {
    const rows = await this.db
      .updateTable('operations')
      .set({ lease_expires_at: expiresAt })
      .where('worker_id', '=', workerId)
      .where('status', 'in', HELD)
      .returning('operation_id')
      .execute();
    return new Set(rows.map((row) => row.operation_id));
  }

  /** The operations held by `workerId` that a cancel request turned `cancelling`. */
  async cancelsRequested(workerId: string): Promise<RequestedCancel[]> {
    const rows = await this.db
      .selectFrom('operations')
      .select(['operation_id', 'cancel_reason'])
      .where('worker_id', '=', workerId)
      .where('status', '=', 'cancelling')
      .execute();
    return rows.map((row) => ({
      operation_id: row.operation_id,
      reason: row.cancel_reason ?? 'cancelled',
    }));
  }

  /**
   * The jobs of the operations still `pending` that were created before `before` (ISO-8601),
   * oldest first, at most `limit`: what a queue that lost its jobs must be given again.
   */
  async pendingJobs(before: string, limit: number): Promise<OperationJob[]> {
    const rows = await this.db
      .selectFrom('operations')
      .select(['operation_id', 'operation_type', 'params'])
      .where('status', '=', 'pending')
      .where('created_at', '<', before)
      .orderBy('created_at')
      .limit(limit)
      .execute();
    return rows.map(({ operation_id, operation_type, params }) => ({
      operation_id,
      operation_type,
      params: params === null ? undefined : (JSON.parse(params) as unknown),
    }));
  }

  /**
   * Fails (ORPHANED) the running or cancelling operations whose lease ran out before `now`, or
   * that have none (started by no worker of this mode), with their status events. Rows another
   * process is sweeping at the same moment are skipped (`FOR UPDATE SKIP LOCKED`), so each
   * orphan is ended and announced once.
   */
  orphanExpired(now: string): Promise<OperationEnded[]> {
    return this.db.transaction().execute(async (trx) => {
      const rows = await trx
        .updateTable('operations')
        .set({
          status: 'failed',
          error_code: 'ORPHANED',
          error_message: LEASE_EXPIRED_MESSAGE,
          completed_at: now,
          updated_at: now,
        })
        .where('operation_id', 'in', (eb) => {
          const expired = eb
            .selectFrom('operations')
            .select('operation_id')
            .where('status', 'in', HELD)
            .where((w) =>
              w.or([w('lease_expires_at', 'is', null), w('lease_expires_at', '<', now)]),
            )
            .limit(SWEEP_BATCH);
          return this.rowLocks ? expired.forUpdate().skipLocked() : expired;
        })
        // Re-checked on the row as locked: a lease renewed meanwhile is not expired any more.
        .where('status', 'in', HELD)
        .where((w) => w.or([w('lease_expires_at', 'is', null), w('lease_expires_at', '<', now)]))
        .returningAll()
        .execute();
      const ended = rows.map((row) => toEnded(row, row.progress_seq + 1));
      if (ended.length > 0) {
        await trx.insertInto('operation_events').values(ended.map(toStatusEventRow)).execute();
      }
      return ended;
    });
  }
}
