import { Logger } from '@nestjs/common';
import Bull from 'bull';
import Redis, { type RedisOptions } from 'ioredis';
import type { QueuedExecutionOptions } from '../../operations.module-definition';
import type { OperationJob } from '../../model/operation.types';

const CLOSE_TIMEOUT_MS = 3000;

/** QUIT where connected (after what was sent), a plain disconnect otherwise (QUIT would queue). */
export async function closeConnections(connections: readonly Redis[]): Promise<void> {
  await Promise.allSettled(
    connections.map((c) => (c.status === 'ready' ? c.quit() : Promise.resolve())),
  );
  connections.forEach((c) => c.disconnect());
}

/** Bull's blocking and subscriber connections must retry forever and skip the ready check. */
const BULL_CONNECTION: RedisOptions = { maxRetriesPerRequest: null, enableReadyCheck: false };

/**
 * The Bull queues of one process, one per operation type, created on first use. They share one
 * command and one subscriber connection (Bull's recommended reuse); a processing queue adds its
 * own blocking connection. Keys are `<REDIS_PREFIX>:bull:<type>:…`.
 *
 * `bull` is used directly rather than through `@nestjs/bull`'s `registerQueue`: the queue names
 * are the operation types the handler registry discovers at boot, which a static module
 * definition cannot know.
 */
export class BullQueues {
  private readonly logger = new Logger(BullQueues.name);
  private readonly queues = new Map<string, Bull.Queue<OperationJob>>();
  private readonly shared: { client: Redis; subscriber: Redis };
  private readonly blocking = new Set<Redis>();

  constructor(private readonly options: QueuedExecutionOptions) {
    this.shared = {
      client: this.connect('queue-client'),
      subscriber: this.connect('queue-events'),
    };
  }

  /** The command connection, shared with whoever needs to talk to Redis (publish). */
  get client(): Redis {
    return this.shared.client;
  }

  /** Whether the command connection is up (a submit now would reach Redis). */
  get connected(): boolean {
    return this.shared.client.status === 'ready';
  }

  /** The queue of an operation type. */
  get(operationType: string): Bull.Queue<OperationJob> {
    let queue = this.queues.get(operationType);
    if (!queue) {
      queue = new Bull<OperationJob>(operationType, {
        prefix: `${this.options.redisPrefix}:bull`,
        createClient: (type) => this.clientFor(type),
      });
      queue.on('error', (error) => this.logger.warn(`Queue ${operationType}: ${error.message}`));
      this.queues.set(operationType, queue);
    }
    return queue;
  }

  /**
   * Adds the job of an operation to the queue of its type, under the operation's id (a job id
   * Bull still holds is not added twice).
   */
  add(job: OperationJob): Promise<Bull.Job<OperationJob>> {
    return this.get(job.operation_type).add(job, {
      jobId: job.operation_id,
      removeOnComplete: true,
      removeOnFail: true,
    });
  }

  /** Every queue opened so far. */
  all(): Bull.Queue<OperationJob>[] {
    return [...this.queues.values()];
  }

  /** Removes a job that is still waiting; an active or missing one is left alone. */
  async removeWaiting(operationType: string, operationId: string): Promise<void> {
    const job = await this.get(operationType).getJob(operationId);
    if (job && (await job.isWaiting())) await job.remove();
  }

  /**
   * Closes the queues (without waiting for their jobs: drained before) and the connections. With
   * Redis away there is nothing to tell it, and Bull's close would wait for a connection that
   * never comes: the connections are just dropped (and a slow close gets a few seconds).
   */
  async close(): Promise<void> {
    if (this.connected) {
      let timer: NodeJS.Timeout | undefined;
      const giveUp = new Promise<void>((resolve) => {
        timer = setTimeout(resolve, CLOSE_TIMEOUT_MS);
      });
      const closed = Promise.allSettled(this.all().map((queue) => queue.close(true)));
      await Promise.race([closed, giveUp]);
      clearTimeout(timer);
    }
    this.queues.clear();
    await closeConnections([this.shared.client, this.shared.subscriber, ...this.blocking]);
  }

  private clientFor(type: 'client' | 'subscriber' | 'bclient'): Redis {
    if (type === 'client') return this.shared.client;
    if (type === 'subscriber') return this.shared.subscriber;
    const connection = this.connect('queue-worker');
    this.blocking.add(connection);
    return connection;
  }

  private connect(name: string): Redis {
    const connection = new Redis(this.options.redisUrl, {
      ...BULL_CONNECTION,
      // Named under the prefix, so an operator (or a test) can tell this deployment's connections.
      connectionName: `${this.options.redisPrefix}:${this.options.role}:${name}`,
    });
    // Without a listener an 'error' (Redis away) would end the process; ioredis reconnects.
    connection.on('error', (error: Error) => this.logger.warn(`Redis (${name}): ${error.message}`));
    return connection;
  }
}
