import { Inject, Injectable } from '@nestjs/common';
import { OperationEventBus } from '../../events/operation-event-bus';
import { RedisOperationEventBus } from '../../events/redis-operation-event-bus';
import { OPERATIONS_DATABASE } from '../../operations.constants';
import {
  OPERATIONS_MODULE_OPTIONS,
  type OperationsModuleOptions,
} from '../../operations.module-definition';
import type { DatabaseHandle } from '../../persistence/database.types';
import { OperationHandlerRegistry } from '../operation-handler.registry';
import type { BullQueues } from './bull-queues';
import { BULL_QUEUES } from './queued-execution.providers';

/** Jobs of one operation type's queue, by Bull state. */
export interface QueueDepth {
  waiting: number;
  active: number;
  delayed: number;
  failed: number;
}

/** A worker seen through the unexpired leases it holds. */
export interface WorkerSeen {
  worker_id: string;
  /** Operations it holds (running or cancelling). */
  operations: number;
  /** The latest of its leases' expiry (ISO-8601). */
  lease_expires_at: string;
}

/**
 * What health reports of queued execution (queued.md): whether this process's Redis answers,
 * the depth of every operation type's queue, and the workers seen through their leases. Answers
 * `queued: false` and nothing else in the in-process mode.
 */
@Injectable()
export class QueuedExecutionProbe {
  constructor(
    @Inject(OPERATIONS_MODULE_OPTIONS) private readonly options: OperationsModuleOptions,
    @Inject(BULL_QUEUES) private readonly queues: BullQueues | null,
    @Inject(OPERATIONS_DATABASE) private readonly handle: DatabaseHandle,
    private readonly handlers: OperationHandlerRegistry,
    private readonly bus: OperationEventBus,
  ) {}

  get queued(): boolean {
    return this.options.queued !== undefined;
  }

  /**
   * Redis's round trip in ms through the event bus's publishing connection; rejects at once
   * while that connection is away (no command waits for a reconnection).
   */
  async pingRedis(): Promise<number> {
    if (!(this.bus instanceof RedisOperationEventBus)) throw new Error('not in queued mode');
    const started = performance.now();
    await this.bus.ping();
    return Math.round(performance.now() - started);
  }

  /** Whether this process publishes to and relays from Redis now (null: not in queued mode). */
  relayState() {
    return this.bus instanceof RedisOperationEventBus ? this.bus.state() : null;
  }

  /** Whether the Bull queues' connection is up (null: not in queued mode). */
  queuesConnected(): boolean | null {
    return this.queues === null ? null : this.queues.connected;
  }

  /**
   * Every registered type's queue depth; null while the queue connection is away (Bull would
   * wait for it rather than fail).
   */
  async queueDepths(): Promise<Record<string, QueueDepth> | null> {
    const queues = this.queues;
    if (queues === null || !queues.connected) return null;
    const types = this.handlers.types();
    const counts = await Promise.all(types.map((type) => queues.get(type).getJobCounts()));
    return Object.fromEntries(
      types.map((type, i) => {
        const { waiting = 0, active = 0, delayed = 0, failed = 0 } = counts[i] ?? {};
        return [type, { waiting, active, delayed, failed }];
      }),
    );
  }

  /** The workers holding an unexpired lease on a running or cancelling operation. */
  async workersSeen(): Promise<WorkerSeen[]> {
    const rows = await this.handle.db
      .selectFrom('operations')
      .select(({ fn }) => [
        'worker_id',
        fn.countAll<string | number>().as('operations'),
        fn.max('lease_expires_at').as('lease_expires_at'),
      ])
      .where('status', 'in', ['running', 'cancelling'])
      .where('worker_id', 'is not', null)
      .where('lease_expires_at', '>', new Date().toISOString())
      .groupBy('worker_id')
      .orderBy('worker_id')
      .execute();
    return rows.map((row) => ({
      worker_id: String(row.worker_id),
      operations: Number(row.operations),
      lease_expires_at: String(row.lease_expires_at),
    }));
  }
}
