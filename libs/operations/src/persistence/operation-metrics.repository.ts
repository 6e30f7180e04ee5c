import { Inject, Injectable } from '@nestjs/common';
import type { Kysely } from 'kysely';
import { OPERATIONS_DATABASE } from '../operations.constants';
import type { OperationMetricsPage } from '../model/operations.types';
import type { DatabaseHandle, OperationsDatabase } from './database.types';

/** The SQL of the append-only metrics series of each operation. */
@Injectable()
export class OperationMetricsRepository {
  private readonly db: Kysely<OperationsDatabase>;

  constructor(@Inject(OPERATIONS_DATABASE) handle: DatabaseHandle) {
    this.db = handle.db;
  }

  /** Appends an entry; false (nothing stored) when the operation does not exist. */
  async append(operationId: string, data: Record<string, unknown>, now: string): Promise<boolean> {
    const inserted = await this.db
      .insertInto('operation_metrics')
      .columns(['operation_id', 'recorded_at', 'data'])
      .expression((eb) =>
        eb
          .selectFrom('operations')
          .select([
            'operation_id',
            eb.val(now).as('recorded_at'),
            eb.val(JSON.stringify(data)).as('data'),
          ])
          .where('operation_id', '=', operationId),
      )
      .executeTakeFirst();
    return inserted.numInsertedOrUpdatedRows !== 0n;
  }

  /** Entries after `cursor` (an entry's id; null = from the start), oldest first. */
  async page(operationId: string, cursor: number | null, limit: number) {
    const rows = await this.db
      .selectFrom('operation_metrics')
      .select(['id', 'recorded_at', 'data'])
      .where('operation_id', '=', operationId)
      .where('id', '>', cursor ?? 0)
      .orderBy('id')
      .limit(limit + 1)
      .execute();
    const items = rows.slice(0, limit).map((row) => ({
      cursor: row.id,
      recorded_at: row.recorded_at,
      data: JSON.parse(row.data) as Record<string, unknown>,
    }));
    const page: OperationMetricsPage = {
      items,
      next_cursor: rows.length > limit ? (items[items.length - 1]?.cursor ?? null) : null,
    };
    return page;
  }
}
