import { setImmediate as nextLoopTurn } from 'node:timers/promises';
import { Inject, Injectable, Logger, type BeforeApplicationShutdown } from '@nestjs/common';
import { CancellationRegistry } from '@ktrdr/async-infrastructure';
import {
  OPERATIONS_MODULE_OPTIONS,
  type OperationsModuleOptions,
} from '../operations.module-definition';
import { OperationExecutor } from './operation-executor';

/** Grace given to running operations to end after a shutdown cancel, unless configured. */
export const DEFAULT_SHUTDOWN_GRACE_MS = 10_000;

/**
 * Graceful shutdown of operations (SIGINT/SIGTERM with `enableShutdownHooks()`): stops
 * accepting operations, cancels the running ones with reason `shutdown` and waits for them to
 * end, up to `shutdownGraceMs`.
 */
@Injectable()
export class ShutdownCoordinator implements BeforeApplicationShutdown {
  private readonly logger = new Logger(ShutdownCoordinator.name);
  private isDraining = false;

  constructor(
    private readonly cancellations: CancellationRegistry,
    private readonly executor: OperationExecutor,
    @Inject(OPERATIONS_MODULE_OPTIONS)
    private readonly options: Pick<OperationsModuleOptions, 'shutdownGraceMs'>,
  ) {}

  /** True from the start of shutdown: no new operation is accepted, health answers 503. */
  get draining(): boolean {
    return this.isDraining;
  }

  async beforeApplicationShutdown(signal?: string): Promise<void> {
    this.isDraining = true;
    const graceMs = this.options.shutdownGraceMs ?? DEFAULT_SHUTDOWN_GRACE_MS;
    // Work submitted just before draining may start after cancelAll: cancel it as it starts.
    const stopCancellingNew = this.cancellations.onCreate((_id, token) => token.cancel('shutdown'));
    try {
      await this.cancelAndDrain(graceMs, signal);
      // What the ended operations announced (their status events) is written to subscribers'
      // sockets through stream callbacks (nextTick): let it run before the app goes on to
      // close, and force-close, the connections.
      await nextLoopTurn();
    } finally {
      stopCancellingNew();
    }
  }

  private async cancelAndDrain(graceMs: number, signal: string | undefined): Promise<void> {
    // A worker takes no more jobs first: they stay queued for another worker.
    await this.executor.stopAccepting();
    const cancelled = this.cancellations.cancelAll('shutdown');
    const active = this.executor.activeCount;
    if (active > 0 || cancelled > 0) {
      this.logger.log(
        `Shutdown${signal ? ` (${signal})` : ''}: cancelled ${cancelled} operation(s), waiting up to ${graceMs} ms for ${active} to end`,
      );
    }
    if (!(await this.executor.drain(graceMs))) {
      this.logger.warn(
        `Shutdown grace of ${graceMs} ms ran out with ${this.executor.activeCount} operation(s) still running`,
      );
    }
  }
}
