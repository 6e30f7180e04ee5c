import { Injectable, Logger, type OnApplicationShutdown, type OnModuleInit } from '@nestjs/common';
import { OperationEventBus } from '../events/operation-event-bus';
import { OperationExecutor } from '../execution/operation-executor';
import type { OperationEnded } from '../model/operations.types';
import { OperationLeasesRepository } from '../persistence/operation-leases.repository';
import { OperationsRepository } from '../persistence/operations.repository';
import { InstanceLock } from './instance-lock';

/** How often every queued process looks for expired leases (TTL 15 s + this ≤ 30 s). */
export const ORPHAN_SWEEP_EVERY_MS = 5000;

/**
 * Fails (ORPHANED) the operations no process will ever finish.
 *
 * In-process (executor not durable): at startup, every `pending`, `running` and `cancelling`
 * one — only true when no other process runs operations on the database, so the
 * {@link InstanceLock} is taken first and a second such process stops here (InstanceLockedError).
 *
 * Queued (durable executor): the running and cancelling operations whose worker's lease ran out
 * (the worker died or lost PostgreSQL), at startup and then every 5 s in every process; one
 * process wins each row (`FOR UPDATE SKIP LOCKED`). Pending ones wait in their queue.
 *
 * A provider of its own so that the registry does not depend on the executor, whose runner
 * depends on the registry.
 */
@Injectable()
export class OrphanSweeper implements OnModuleInit, OnApplicationShutdown {
  private readonly logger = new Logger(OrphanSweeper.name);
  private timer: NodeJS.Timeout | null = null;
  private sweeping = false;

  constructor(
    private readonly repository: OperationsRepository,
    private readonly leases: OperationLeasesRepository,
    private readonly bus: OperationEventBus,
    private readonly executor: OperationExecutor,
    private readonly lock: InstanceLock,
  ) {}

  async onModuleInit(): Promise<void> {
    if (!this.executor.durable) {
      await this.lock.acquire();
      this.report(await this.sweep(), true);
      return;
    }
    this.report(await this.sweep(), true);
    this.timer = setInterval(() => void this.sweepNow(), ORPHAN_SWEEP_EVERY_MS);
    this.timer.unref();
  }

  onApplicationShutdown(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
  }

  /** Fails the orphaned operations and announces each end; returns how many there were. */
  async sweep(): Promise<number> {
    const now = new Date().toISOString();
    const orphaned: OperationEnded[] = this.executor.durable
      ? await this.leases.orphanExpired(now)
      : await this.repository.orphan(['pending', 'running', 'cancelling'], now);
    orphaned.forEach((ended) => this.bus.publishEnd(ended));
    return orphaned.length;
  }

  private async sweepNow(): Promise<void> {
    if (this.sweeping) return;
    this.sweeping = true;
    try {
      this.report(await this.sweep(), false);
    } catch (error) {
      this.logger.warn(
        `Orphan sweep failed: ${error instanceof Error ? error.message : String(error)}`,
      );
    } finally {
      this.sweeping = false;
    }
  }

  private report(count: number, atStartup: boolean): void {
    const summary = `Operations store ${this.repository.location}`;
    if (count > 0) this.logger.warn(`${summary}: ${count} orphaned operation(s) marked failed`);
    else if (atStartup) this.logger.log(`${summary}: no orphaned operations`);
  }
}
