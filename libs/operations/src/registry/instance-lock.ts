import { Inject, Injectable, type OnApplicationShutdown } from '@nestjs/common';
import { resolve } from 'node:path';
import { OPERATIONS_DATABASE } from '../operations.constants';
import {
  OPERATIONS_MODULE_OPTIONS,
  type OperationsModuleOptions,
} from '../operations.module-definition';
import { sqliteFilePath } from '../persistence/database-url';
import type { DatabaseHandle } from '../persistence/database.types';
import type { HeldInstanceLock } from '../persistence/instance-lock.types';
import { acquirePostgresInstanceLock } from '../persistence/postgres-instance-lock';
import { acquireSqliteInstanceLock } from '../persistence/sqlite-instance-lock';

/**
 * The exclusive hold an in-process registry needs on its database: it assumes every active
 * operation there is its own (its startup sweep orphans them, cancels reach only its tokens), so
 * a second such process on the same database must not start. Taken at startup by the
 * {@link OrphanSweeper} when the executor is not durable (a queued venue shares the database and
 * skips it); held until shutdown or the death of the process.
 */
@Injectable()
export class InstanceLock implements OnApplicationShutdown {
  private held: HeldInstanceLock | null = null;

  constructor(
    @Inject(OPERATIONS_DATABASE) private readonly handle: DatabaseHandle,
    @Inject(OPERATIONS_MODULE_OPTIONS) private readonly options: OperationsModuleOptions,
  ) {}

  /** Takes the lock; throws InstanceLockedError when another process holds it. */
  async acquire(): Promise<void> {
    if (this.held !== null) return;
    if (this.handle.kind === 'postgres') {
      const url = this.options.databaseUrl.trim();
      this.held = await acquirePostgresInstanceLock(url, this.handle.schema, this.handle.location);
    } else if (this.handle.location !== ':memory:') {
      const file = resolve(sqliteFilePath(this.options.databaseUrl.trim()));
      this.held = acquireSqliteInstanceLock(file);
    }
  }

  /** What is held, for the startup log; null when nothing is. */
  get description(): string | null {
    return this.held?.description ?? null;
  }

  async onApplicationShutdown(): Promise<void> {
    const held = this.held;
    this.held = null;
    await held?.release();
  }
}
