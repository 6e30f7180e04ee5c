import { randomUUID } from 'node:crypto';
import { once } from 'node:events';
import { Logger, type OnModuleInit } from '@nestjs/common';
import { Redis, type RedisOptions } from 'ioredis';
import { concatMap, defer, firstValueFrom, from, map, type Observable, of, Subject } from 'rxjs';
import { coalesceProgress } from '@ktrdr/async-infrastructure';
import type { OperationFeedEntry } from '../model/operations.types';
import type { OperationEvent } from '../model/operation.types';
import { InMemoryOperationEventBus } from './in-memory-operation-event-bus';
import { mustDeliverOperationEvent } from './must-deliver-operation-event';
import { OperationEventBus } from './operation-event-bus';
import { decodeRelayMessage, type RelayMessage } from './redis-relay-message';

/** Options of {@link RedisOperationEventBus}. */
export interface RedisOperationEventBusOptions {
  /** `redis://…` */
  redisUrl: string;
  /** The relay channel is `<prefix>:operations:events`. */
  prefix: string;
  /**
   * Progress of one operation goes to Redis at most once per interval, the latest trailing; the
   * first, every step change and the status go at once (default 25 ms).
   */
  progressIntervalMs?: number;
  /**
   * Opens the relay at start (an API process, which streams to clients) rather than with the
   * first subscription (a worker, which streams nothing, then never opens it).
   */
  relayAtStart?: boolean;
}

/** The state of this process's two Redis connections (for health). */
export interface RedisRelayState {
  /** The publishing connection is ready. */
  publishing: boolean;
  /** Events of other processes arrive (null: nothing here has subscribed, so no relay runs). */
  relaying: boolean | null;
}

/** How long the start waits for Redis before going on without it (health then says so). */
const CONNECT_WAIT_MS = 3000;
/** ioredis waits this long between reconnection attempts at most (the default is 2 s). */
const MAX_RECONNECT_DELAY_MS = 500;
/** An operation whose progress lane saw nothing for this long has its lane freed. */
const IDLE_LANE_MS = 60_000;

/** An event on its way to Redis, with what says it is stored (see `publish`). */
interface Outgoing {
  event: OperationEvent;
  whenStored?: () => Promise<void>;
}

interface Lane {
  input: Subject<Outgoing>;
  touched: number;
}

/**
 * The event bus shared by every process on one Redis (queued execution): events and feed entries
 * are delivered to this process's subscribers at once (as {@link InMemoryOperationEventBus}) and
 * published on a Redis pub/sub channel; every process relays what the others publish to its own
 * subscribers, so an API process streams an operation that a worker runs. Each subscriber gets an
 * operation's progress once and in seq order; `events(id)` completes after the status event.
 *
 * Pub/sub keeps nothing: what is published while a connection is away is lost. So when the
 * relay has (re)subscribed, and when another process says its publishing connection came back
 * (a `gap` message), `gaps$` emits: open streams read the store from their last seq
 * ({@link operationEventStream}), and their subscribers catch up without a gap.
 */
export class RedisOperationEventBus extends OperationEventBus implements OnModuleInit {
  private readonly logger = new Logger(RedisOperationEventBus.name);
  private readonly local = new InMemoryOperationEventBus();
  private readonly origin = randomUUID();
  private readonly channel: string;
  private readonly publisher: Redis;
  private relay: Redis | null = null;
  private relaying = false;
  private readonly gaps = new Subject<void>();
  override readonly gaps$ = this.gaps.asObservable();
  readonly feed$: Observable<OperationFeedEntry>;
  private readonly lanes = new Map<string, Lane>();
  private readonly laneSweep: NodeJS.Timeout;
  private readonly progressIntervalMs: number;
  /** Something may not have reached Redis: say so to the others once the publisher is back. */
  private publishLost = false;
  private closed = false;
  private disconnected: Promise<void> | null = null;

  constructor(private readonly options: RedisOperationEventBusOptions) {
    super();
    this.channel = `${options.prefix}:operations:events`;
    this.progressIntervalMs = options.progressIntervalMs ?? 25;
    this.feed$ = defer(() => {
      this.startRelay();
      return this.local.feed$;
    });
    this.publisher = this.connect('publisher');
    this.publisher.on('ready', () => {
      if (!this.publishLost) return;
      this.publishLost = false;
      this.send({ origin: this.origin, kind: 'gap' });
    });
    this.publisher.on('close', () => (this.publishLost = true));
    this.laneSweep = setInterval(() => this.freeIdleLanes(), IDLE_LANE_MS);
    this.laneSweep.unref();
  }

  /**
   * Waits (a while) for the publishing connection, and for the relay when it opens at start, so
   * that the first events are neither lost nor missed.
   */
  async onModuleInit(): Promise<void> {
    const relayed = this.options.relayAtStart === true ? firstValueFrom(this.gaps$) : null;
    if (relayed !== null) this.startRelay();
    try {
      const signal = AbortSignal.timeout(CONNECT_WAIT_MS);
      if (this.publisher.status !== 'ready') await once(this.publisher, 'ready', { signal });
      if (relayed !== null) await Promise.race([relayed, once(signal, 'abort')]);
    } catch (error) {
      const reason = error instanceof Error ? error.message : String(error);
      this.logger.warn(`Redis is not reachable yet (${reason}); going on, reconnecting`);
    }
  }

  /**
   * Delivers to this process's subscribers at once and sends to the others through the
   * operation's lane: progress coalesced, and a step change (the first snapshot included) held
   * until `whenStored` says it is stored, later events queued behind it (seq order). Another
   * process's stream that subscribes in between then finds it in the store when it reads it.
   */
  publish(event: OperationEvent, whenStored?: () => Promise<void>): void {
    this.local.publish(event);
    if (this.closed) return;
    const id = event.operation_id;
    let lane = this.lanes.get(id);
    if (lane === undefined) {
      const input = new Subject<Outgoing>();
      let lastStep: string | null | undefined; // undefined: nothing sent yet
      input
        .pipe(
          coalesceProgress<Outgoing>({
            intervalMs: this.progressIntervalMs,
            mustDeliver: (next, last) => mustDeliverOperationEvent(next.event, last?.event),
          }),
          concatMap(({ event: next, whenStored: stored }) => {
            const step = next.kind === 'progress' ? next.progress.step_name : lastStep;
            const stepChange = next.kind === 'progress' && step !== lastStep;
            lastStep = step;
            if (!stepChange || stored === undefined) return of(next);
            return from(stored().catch(() => undefined)).pipe(map(() => next));
          }),
        )
        .subscribe((sent) => this.send({ origin: this.origin, kind: 'event', event: sent }));
      lane = { input, touched: 0 };
      this.lanes.set(id, lane);
    }
    lane.touched = Date.now();
    lane.input.next({ event, whenStored });
    if (event.kind === 'status') {
      this.lanes.delete(id);
      lane.input.complete();
    }
  }

  events(operationId: string): Observable<OperationEvent> {
    return defer(() => {
      this.startRelay();
      return this.local.events(operationId);
    });
  }

  publishFeed(entry: OperationFeedEntry): void {
    this.local.publishFeed(entry);
    this.send({ origin: this.origin, kind: 'feed', entry });
  }

  /** Answers once Redis answers a PING on the publishing connection; rejects while it is away. */
  async ping(): Promise<void> {
    await this.publisher.ping();
  }

  /** Whether this process publishes to and relays from Redis now. */
  state(): RedisRelayState {
    return {
      publishing: this.publisher.status === 'ready',
      relaying: this.relay === null ? null : this.relaying,
    };
  }

  /** Sends what the lanes hold, completes every stream and closes the connections. */
  close(): void {
    if (this.closed) return;
    for (const lane of this.lanes.values()) lane.input.complete();
    this.lanes.clear();
    this.closed = true;
    clearInterval(this.laneSweep);
    this.local.close();
    this.gaps.complete();
    // QUIT goes after the publications already sent; the relay has nothing to send.
    const publisher = endConnection(this.publisher, 'quit');
    const relay = this.relay === null ? null : endConnection(this.relay, 'disconnect');
    this.disconnected = Promise.all([publisher, relay]).then(() => undefined);
  }

  /** Resolves once `close` ended both connections (what was published before it is sent). */
  async whenClosed(): Promise<void> {
    await this.disconnected;
  }

  private send(message: RelayMessage): void {
    if (this.closed) return;
    this.publisher.publish(this.channel, JSON.stringify(message)).catch(() => {
      // Not connected (no offline queue: stale events must not pile up): the others catch up
      // from the store when told, once the publisher is back.
      this.publishLost = true;
    });
  }

  /** Opens the relay connection; it subscribes on every (re)connection, then reports a gap. */
  private startRelay(): void {
    if (this.relay !== null || this.closed) return;
    const relay = this.connect('relay');
    this.relay = relay;
    relay.on('ready', () => {
      if (this.closed) return;
      relay.subscribe(this.channel).then(
        () => {
          this.relaying = true;
          this.gaps.next();
        },
        (error: unknown) =>
          this.logger.warn(`Could not subscribe to ${this.channel}: ${String(error)}`),
      );
    });
    relay.on('close', () => (this.relaying = false));
    relay.on('message', (_channel: string, payload: string) => this.receive(payload));
  }

  private receive(payload: string): void {
    const message = decodeRelayMessage(payload);
    if (message === null) {
      this.logger.warn(`Ignored a message on ${this.channel} that is not a relay message`);
      return;
    }
    if (message.origin === this.origin) return;
    switch (message.kind) {
      case 'event':
        this.local.publish(message.event);
        return;
      case 'feed':
        this.local.publishFeed(message.entry);
        return;
      case 'gap':
        this.gaps.next();
        return;
      default: {
        const never: never = message;
        return never;
      }
    }
  }

  /** A connection that reconnects quickly and reports an outage once, not at every attempt. */
  private connect(role: 'publisher' | 'relay'): Redis {
    const options: RedisOptions = {
      connectionName: `${this.options.prefix}:events:${role}`,
      // A subscription is renewed by `startRelay` itself, so that the gap is reported after it.
      autoResubscribe: false,
      enableOfflineQueue: role === 'relay',
      maxRetriesPerRequest: role === 'relay' ? null : 1,
      retryStrategy: (attempt) => Math.min(attempt * 50, MAX_RECONNECT_DELAY_MS),
    };
    const redis = new Redis(this.options.redisUrl, options);
    let reported = false;
    redis.on('error', (error: Error) => {
      if (reported || this.closed) return;
      reported = true;
      this.logger.warn(`Redis ${role} connection: ${error.message}; reconnecting`);
    });
    redis.on('ready', () => {
      if (reported) this.logger.log(`Redis ${role} connection is back`);
      reported = false;
    });
    return redis;
  }

  private freeIdleLanes(): void {
    const before = Date.now() - IDLE_LANE_MS;
    for (const [id, lane] of this.lanes) {
      if (lane.touched >= before) continue;
      this.lanes.delete(id);
      lane.input.complete();
    }
  }
}

/**
 * Ends a connection (QUIT where it is ready and `how` says so, else a plain disconnect) and
 * resolves once it is gone. Between two reconnection attempts there is no socket: disconnecting
 * only cancels the next attempt, and ioredis emits no 'end' then, so there is nothing to wait for.
 */
function endConnection(redis: Redis, how: 'quit' | 'disconnect'): Promise<void> {
  if (redis.status === 'end') return Promise.resolve();
  if (redis.status === 'reconnecting' || redis.status === 'close') {
    redis.disconnect();
    return Promise.resolve();
  }
  const gone = once(redis, 'end').then(() => undefined);
  if (how === 'quit' && redis.status === 'ready') redis.quit().catch(() => redis.disconnect());
  else redis.disconnect();
  return gone;
}
