import { Inject, Injectable } from '@nestjs/common';
import { CompiledQuery, type Kysely, type SelectQueryBuilder, type Transaction, sql } from 'kysely';
import type { ProgressSnapshot } from '@ktrdr/async-infrastructure';
import { OPERATIONS_DATABASE } from '../operations.constants';
import type { OperationEnded, OperationListQuery, OperationPage } from '../model/operations.types';
import type { OperationLease } from '../execution/operation-store';
import type { DatabaseHandle, OperationsDatabase } from './database.types';
import {
  type OperationRow,
  RECORD_COLUMNS,
  toEnded,
  toJson,
  toStatusEventRow,
  toOperationEvent,
  toOperationRecord,
  toRow,
} from './operation-row.mapper';
import {
  ACTIVE_STATUSES,
  type OperationEvent,
  type OperationOutcome,
  type OperationRecord,
  type OperationStatus,
  type StoredLaunch,
} from '../model/operation.types';

type Db = Kysely<OperationsDatabase>;
const ACTIVE = [...ACTIVE_STATUSES];
const EVENT_INSERT_CHUNK = 500;
export const ORPHANED_MESSAGES = {
  running: 'The process running this operation stopped before it finished',
  pending: 'Queued in a process that stopped; the in-process executor does not keep queued work',
} as const;

/**
 * All SQL of the operations store. Every state change is one conditional UPDATE
 * (`WHERE status IN (…)`), so a terminal operation is never changed again, across processes too;
 * a terminal transition and its status event are written in one transaction.
 */
@Injectable()
export class OperationsRepository {
  private readonly db: Db;
  /** The hottest query (`GET /operations/:id`), compiled once rather than per call. */
  private readonly findByIdSql: string;

  constructor(@Inject(OPERATIONS_DATABASE) private readonly handle: DatabaseHandle) {
    this.db = handle.db;
    this.findByIdSql = this.db
      .selectFrom('operations')
      .select(RECORD_COLUMNS)
      .where('operation_id', '=', '')
      .compile().sql;
  }

  get location(): string {
    return `${this.handle.kind} ${this.handle.location}`;
  }

  close(): Promise<void> {
    return this.db.destroy();
  }

  async insert(record: OperationRecord, params: unknown): Promise<void> {
    await this.db.insertInto('operations').values(toRow(record, params)).execute();
  }

  async findById(operationId: string): Promise<OperationRecord | undefined> {
    const { rows } = await this.db.executeQuery<OperationRow>(
      CompiledQuery.raw(this.findByIdSql, [operationId]),
    );
    return rows[0] && toOperationRecord(rows[0]);
  }

  /** The operation and its stored params (a retry's source); undefined when there is none. */
  async findLaunch(operationId: string): Promise<StoredLaunch | undefined> {
    const row = await this.db
      .selectFrom('operations')
      .select([...RECORD_COLUMNS, 'params'])
      .where('operation_id', '=', operationId)
      .executeTakeFirst();
    if (row === undefined) return undefined;
    const { params, ...record } = row;
    return {
      record: toOperationRecord(record),
      params: params === null ? undefined : (JSON.parse(params) as unknown),
    };
  }

  async list(query: OperationListQuery): Promise<OperationPage> {
    const [rows, total, active] = await Promise.all([
      this.buildListQuery(query).execute(),
      this.filtered(this.countQuery(), query).executeTakeFirstOrThrow(),
      this.countActive(),
    ]);
    return { items: rows.map(toOperationRecord), total: total.n, active_count: active };
  }

  /** How many operations are pending, running or cancelling (one COUNT). */
  async countActive(): Promise<number> {
    const { n } = await this.countQuery().where('status', 'in', ACTIVE).executeTakeFirstOrThrow();
    return n;
  }

  /** The page query of `list` (public so its plan can be checked against the indexes). */
  buildListQuery(
    query: OperationListQuery,
  ): SelectQueryBuilder<OperationsDatabase, 'operations', OperationRow> {
    return this.filtered(this.db.selectFrom('operations').select(RECORD_COLUMNS), query)
      .orderBy('created_at', 'desc')
      .orderBy('operation_id', 'desc')
      .limit(query.limit)
      .offset(query.offset);
  }

  async markRunning(
    operationId: string,
    now: string,
    lease?: OperationLease,
  ): Promise<OperationRecord | undefined> {
    const row = await this.db
      .updateTable('operations')
      .set({
        status: 'running',
        started_at: now,
        updated_at: now,
        ...(lease && { worker_id: lease.workerId, lease_expires_at: lease.expiresAt }),
      })
      .where('operation_id', '=', operationId)
      .where('status', '=', 'pending')
      .returning(RECORD_COLUMNS)
      .executeTakeFirst();
    return row && toOperationRecord(row);
  }

  /**
   * Stores the snapshot if the operation is active and the snapshot newer than the stored one,
   * and then appends `stepChanges` to the operation's events (for resume). Returns whether stored.
   */
  saveProgress(
    operationId: string,
    snapshot: ProgressSnapshot,
    stepChanges: readonly ProgressSnapshot[],
    now: string,
  ) {
    return this.db.transaction().execute(async (trx) => {
      const updated = await trx
        .updateTable('operations')
        .set({ progress: JSON.stringify(snapshot), progress_seq: snapshot.seq, updated_at: now })
        .where('operation_id', '=', operationId)
        .where('status', 'in', ACTIVE)
        .where('progress_seq', '<', snapshot.seq)
        .executeTakeFirst();
      if (updated.numUpdatedRows === 0n) return false;
      if (stepChanges.length > 0) {
        await trx
          .insertInto('operation_events')
          .values(
            stepChanges.map((step) => ({
              operation_id: operationId,
              seq: step.seq,
              kind: 'progress' as const,
              payload: JSON.stringify(step),
            })),
          )
          .execute();
      }
      return true;
    });
  }

  /**
   * Ends an active operation: `cancelling` → `cancelled` whatever the outcome, `pending`/`running`
   * → the outcome's status. Undefined when it was not active (terminal or missing).
   * `minSeq`: the last progress seq seen, so the status event comes after every progress event.
   */
  finish(operationId: string, outcome: OperationOutcome, minSeq: number, now: string) {
    const target: OperationStatus = outcome.kind;
    const error = outcome.kind === 'failed' ? outcome.error : null;
    const cancelledNow = outcome.kind === 'cancelled';
    return this.db.transaction().execute(async (trx) => {
      const row = await trx
        .updateTable('operations')
        .set({
          status: sql<string>`case when status = 'cancelling' then 'cancelled' else ${target} end`,
          error_code: sql<
            string | null
          >`case when status = 'cancelling' then null else ${error?.code ?? null} end`,
          error_message: sql<
            string | null
          >`case when status = 'cancelling' then null else ${error?.message ?? null} end`,
          result: toJson(outcome.result),
          completed_at: now,
          updated_at: now,
          ...(cancelledNow && {
            cancel_requested_at: sql<string>`coalesce(cancel_requested_at, ${now})`,
            cancel_reason: sql<string>`coalesce(cancel_reason, ${outcome.reason})`,
          }),
        })
        .where('operation_id', '=', operationId)
        .where('status', 'in', ACTIVE)
        .returning(RECORD_COLUMNS)
        .executeTakeFirst();
      return row && this.insertStatusEvent(trx, row, minSeq);
    });
  }

  /** `pending` → `cancelled` with its status event; undefined when not pending. */
  cancelPending(operationId: string, reason: string, now: string) {
    return this.db.transaction().execute(async (trx) => {
      const row = await trx
        .updateTable('operations')
        .set({
          status: 'cancelled',
          completed_at: now,
          updated_at: now,
          cancel_requested_at: now,
          cancel_reason: reason,
        })
        .where('operation_id', '=', operationId)
        .where('status', '=', 'pending')
        .returning(RECORD_COLUMNS)
        .executeTakeFirst();
      return row && this.insertStatusEvent(trx, row, 0);
    });
  }

  /** `running` → `cancelling`, recording the request; undefined when not running. */
  async requestCancel(operationId: string, reason: string, now: string) {
    const row = await this.db
      .updateTable('operations')
      .set({
        status: 'cancelling',
        updated_at: now,
        cancel_requested_at: now,
        cancel_reason: reason,
      })
      .where('operation_id', '=', operationId)
      .where('status', '=', 'running')
      .returning(RECORD_COLUMNS)
      .executeTakeFirst();
    return row && toOperationRecord(row);
  }

  /** Fails every operation in `statuses` with error ORPHANED (startup reconciliation). */
  orphan(statuses: OperationStatus[], now: string): Promise<OperationEnded[]> {
    if (statuses.length === 0) return Promise.resolve([]);
    return this.db.transaction().execute(async (trx) => {
      const rows = await trx
        .updateTable('operations')
        .set({
          status: 'failed',
          error_code: 'ORPHANED',
          error_message: sql<string>`case when status = 'pending' then ${ORPHANED_MESSAGES.pending} else ${ORPHANED_MESSAGES.running} end`,
          completed_at: now,
          updated_at: now,
        })
        .where('status', 'in', statuses)
        .returning(RECORD_COLUMNS)
        .execute();
      const ended = rows.map((row) => toEnded(row, row.progress_seq + 1));
      for (let i = 0; i < ended.length; i += EVENT_INSERT_CHUNK) {
        const chunk = ended.slice(i, i + EVENT_INSERT_CHUNK);
        await trx.insertInto('operation_events').values(chunk.map(toStatusEventRow)).execute();
      }
      return ended;
    });
  }

  /**
   * The operation's events after `sinceSeq`, by seq, and its status event whatever its seq: an
   * ORPHANED status follows the last *stored* progress, which a client may have seen past live.
   */
  async listEvents(operationId: string, sinceSeq: number): Promise<OperationEvent[]> {
    const rows = await this.db
      .selectFrom('operation_events')
      .selectAll()
      .where('operation_id', '=', operationId)
      .where((eb) => eb.or([eb('seq', '>', sinceSeq), eb('kind', '=', 'status')]))
      .orderBy('seq')
      .execute();
    return rows.map(toOperationEvent);
  }

  private async insertStatusEvent(
    trx: Transaction<OperationsDatabase>,
    row: OperationRow,
    minSeq: number,
  ): Promise<OperationEnded> {
    const ended = toEnded(row, Math.max(row.progress_seq, minSeq) + 1);
    await trx.insertInto('operation_events').values(toStatusEventRow(ended)).execute();
    return ended;
  }

  private countQuery() {
    return this.db
      .selectFrom('operations')
      .select((eb) => eb.cast<number>(eb.fn.countAll(), 'integer').as('n'));
  }

  private filtered<O>(
    qb: SelectQueryBuilder<OperationsDatabase, 'operations', O>,
    query: OperationListQuery,
  ): SelectQueryBuilder<OperationsDatabase, 'operations', O> {
    let filtered = qb;
    if (query.status !== undefined) filtered = filtered.where('status', '=', query.status);
    if (query.active_only === true) filtered = filtered.where('status', 'in', ACTIVE);
    if (query.operation_type !== undefined) {
      filtered = filtered.where('operation_type', '=', query.operation_type);
    }
    return filtered;
  }
}
