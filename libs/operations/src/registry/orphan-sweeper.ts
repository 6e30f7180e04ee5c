import { Injectable, Logger, type OnModuleInit } from '@nestjs/common';
import { OperationEventBus } from '../events/operation-event-bus';
import { OperationExecutor } from '../execution/operation-executor';
import type { OperationStatus } from '../model/operation.types';
import { OperationsRepository } from '../persistence/operations.repository';
import { InstanceLock } from './instance-lock';

/**
 * Startup reconciliation: fails (ORPHANED) the operations no process will ever finish —
 * `running` and `cancelling` ones, and `pending` ones too when the executor is not durable
 * (an in-process queue dies with its process). With an in-process executor that is only true
 * when no other process runs operations on the database: the {@link InstanceLock} is taken
 * first, and a second such process stops here (InstanceLockedError). A provider of its own so that the registry does
 * not depend on the executor, whose runner depends on the registry.
 */
@Injectable()
export class OrphanSweeper implements OnModuleInit {
  private readonly logger = new Logger(OrphanSweeper.name);

  constructor(
    private readonly repository: OperationsRepository,
    private readonly bus: OperationEventBus,
    private readonly executor: OperationExecutor,
    private readonly lock: InstanceLock,
  ) {}

  async onModuleInit(): Promise<void> {
    if (!this.executor.durable) await this.lock.acquire();
    await this.sweep();
  }

  /** Fails the orphaned operations and announces each end; returns how many there were. */
  async sweep(): Promise<number> {
    const statuses: OperationStatus[] = this.executor.durable
      ? ['running', 'cancelling']
      : ['pending', 'running', 'cancelling'];
    const orphaned = await this.repository.orphan(statuses, new Date().toISOString());
    orphaned.forEach((ended) => this.bus.publishEnd(ended));
    const summary = `Operations store ${this.repository.location}`;
    if (orphaned.length === 0) this.logger.log(`${summary}: no orphaned operations`);
    else this.logger.warn(`${summary}: ${orphaned.length} orphaned operation(s) marked failed`);
    return orphaned.length;
  }
}
