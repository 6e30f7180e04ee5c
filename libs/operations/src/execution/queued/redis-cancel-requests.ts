import { Logger, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import type { CancellationRegistry } from '@ktrdr/async-infrastructure';
import Redis from 'ioredis';
import type { QueuedExecutionOptions } from '../../operations.module-definition';
import type { OperationRecord } from '../../model/operation.types';
import { CancelRequests } from '../cancel-requests';
import { type BullQueues, closeConnections } from './bull-queues';

interface CancelMessage {
  operation_id: string;
  reason: string;
}

/** The channel of cancel requests: `<REDIS_PREFIX>:cancel`. */
export function cancelChannel(redisPrefix: string): string {
  return `${redisPrefix}:cancel`;
}

/**
 * Cancels across processes (queued.md, lifecycle 4). A pending operation's job is removed from
 * its queue (the claim refuses it anyway if a worker took it meanwhile); a running one is
 * announced on `<prefix>:cancel`, and the worker holding its token cancels it. The request is
 * already durable (`cancelling` in PostgreSQL): a message lost while Redis reconnects is made up
 * for by the worker's one-second poll ({@link LeaseKeeper}).
 */
export class RedisCancelRequests
  extends CancelRequests
  implements OnApplicationBootstrap, OnApplicationShutdown
{
  private readonly logger = new Logger(RedisCancelRequests.name);
  private readonly channel: string;
  private subscriber: Redis | null = null;

  constructor(
    private readonly options: QueuedExecutionOptions,
    private readonly cancellations: CancellationRegistry,
    private readonly queues: BullQueues,
  ) {
    super();
    this.channel = cancelChannel(options.redisPrefix);
  }

  override running(operationId: string, reason: string): void {
    // This process may run it too (a worker serving cancels); then it stops without a round trip.
    this.cancellations.cancel(operationId, reason);
    const message: CancelMessage = { operation_id: operationId, reason };
    this.queues.client.publish(this.channel, JSON.stringify(message)).catch((error: unknown) => {
      this.logger.warn(
        `Cancel of ${operationId} not announced (the worker's poll will see it): ${String(error)}`,
      );
    });
  }

  override pendingCancelled(operation: OperationRecord): void {
    this.queues
      .removeWaiting(operation.operation_type, operation.operation_id)
      .catch((error: unknown) =>
        this.logger.warn(`Job of ${operation.operation_id} left in its queue: ${String(error)}`),
      );
  }

  /** Workers listen for the cancels of the operations they run. */
  async onApplicationBootstrap(): Promise<void> {
    if (this.options.role !== 'worker') return;
    const subscriber = new Redis(this.options.redisUrl, {
      maxRetriesPerRequest: null,
      connectionName: `${this.options.redisPrefix}:worker:cancel`,
    });
    subscriber.on('error', (error: Error) => this.logger.warn(`Redis (cancel): ${error.message}`));
    subscriber.on('message', (channel: string, text: string) => {
      if (channel === this.channel) this.receive(text);
    });
    this.subscriber = subscriber;
    await subscriber.subscribe(this.channel);
  }

  async onApplicationShutdown(): Promise<void> {
    const subscriber = this.subscriber;
    this.subscriber = null;
    if (subscriber) await closeConnections([subscriber]);
  }

  private receive(text: string): void {
    let message: Partial<CancelMessage>;
    try {
      message = JSON.parse(text) as Partial<CancelMessage>;
    } catch {
      this.logger.warn(`Ignoring a malformed cancel message: ${text.slice(0, 200)}`);
      return;
    }
    if (typeof message.operation_id !== 'string') return;
    this.cancellations.cancel(message.operation_id, message.reason ?? 'cancelled');
  }
}
