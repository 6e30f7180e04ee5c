import { Injectable, Logger, type OnApplicationShutdown } from '@nestjs/common';
import type { Observable } from 'rxjs';
import type { ProgressSnapshot } from '@ktrdr/async-infrastructure';
import { CancelRequests } from '../execution/cancel-requests';
import { OperationEventBus } from '../events/operation-event-bus';
import { type OperationEventSources, operationEventStream } from '../events/operation-event-stream';
import { createOperationId, isValidOperationType } from '../model/operation-id';
import {
  InvalidOperationTypeError,
  OperationAlreadyFinishedError,
  OperationNotFoundError,
} from './operations.errors';
import type {
  OperationFeedEntry,
  OperationListQuery,
  OperationMetricsPage,
  OperationPage,
} from '../model/operations.types';
import { OperationMetricsRepository } from '../persistence/operation-metrics.repository';
import { describeError, isTransientStorageError } from '../persistence/database.errors';
import { OperationsRepository } from '../persistence/operations.repository';
import { ProgressWriteBuffer } from '../progress/progress-write-buffer';
import {
  isTerminalStatus,
  type NewOperation,
  type OperationEvent,
  type OperationOutcome,
  type OperationRecord,
  type OperationStatus,
  type StoredLaunch,
} from '../model/operation.types';
import { type OperationLease, OperationStore } from '../execution/operation-store';
import { type OperationEnded } from '../model/operations.types';
import { PendingEnds, endInMemory } from './pending-ends';
import { type StorageProblem, StorageStatus } from './storage-status';

/**
 * The operations registry: the persisted `OperationStore` the launcher and runner record into,
 * and the reads, cancel and event streams the API serves. Terminal states are final: every
 * change is a conditional update in the database. A terminal state whose write fails for a
 * reason that passes (full disk, database away) is held in memory, served, and written again
 * until it lands ({@link PendingEnds}); `storageProblem()` says so meanwhile.
 */
@Injectable()
export class OperationsService extends OperationStore implements OnApplicationShutdown {
  private readonly logger = new Logger(OperationsService.name);
  private readonly progress: ProgressWriteBuffer;
  private readonly eventSources: OperationEventSources;
  private readonly storage = new StorageStatus();
  private readonly pendingEnds: PendingEnds;
  /** The list feed: operations created and every status change. */
  readonly feed$: Observable<OperationFeedEntry>;

  constructor(
    private readonly repository: OperationsRepository,
    private readonly metricsRepository: OperationMetricsRepository,
    private readonly bus: OperationEventBus,
    private readonly cancelRequests: CancelRequests,
  ) {
    super();
    this.feed$ = bus.feed$;
    this.progress = new ProgressWriteBuffer({
      write: (id, snapshot, stepChanges) =>
        this.written(this.repository.saveProgress(id, snapshot, stepChanges, nowIso())),
      onError: (id, error) =>
        this.logger.error(`Could not store progress of ${id}: ${describeError(error)}`),
    });
    this.pendingEnds = new PendingEnds({
      onStored: (id, held, stored) => {
        this.storage.succeeded();
        this.logger.log(`Operation ${id}: its end is stored at last`);
        // Announced when held, unless it could not be read then.
        if (held === null && stored !== undefined) this.bus.publishEnd(stored as OperationEnded);
      },
      onError: (id, error) => {
        this.storage.failed(error);
        this.logger.warn(`Operation ${id}: its end is still not stored: ${describeError(error)}`);
      },
    });
    this.eventSources = {
      live: (id) => this.bus.events(id),
      gaps: this.bus.gaps$,
      settle: (id) => this.progress.settle(id),
      record: (id) => this.find(id),
      storedEvents: async (id, sinceSeq) => {
        const stored = await this.repository.listEvents(id, sinceSeq);
        const held = this.pendingEnds.ended(id);
        return held ? [...stored, held.event] : stored;
      },
      latest: (id) => this.progress.latest(id),
    };
  }

  /** What is wrong with the storage of operations now, or null (for health). */
  storageProblem(): StorageProblem | null {
    return this.storage.problem(this.pendingEnds.size);
  }

  /**
   * Closes after `beforeApplicationShutdown`, where the running operations are drained: they
   * must still be able to record their end (Nest calls `onModuleDestroy` before the drain).
   */
  async onApplicationShutdown(): Promise<void> {
    this.progress.stop();
    await this.progress.flushAll();
    await this.pendingEnds.flushAll();
    if (this.pendingEnds.size > 0) {
      this.logger.error(
        `${this.pendingEnds.size} operation end(s) could not be stored; the next start marks them ORPHANED`,
      );
    }
    this.bus.close();
    await this.repository.close();
  }

  async create(input: NewOperation): Promise<OperationRecord> {
    if (!isValidOperationType(input.operation_type)) {
      throw new InvalidOperationTypeError(input.operation_type);
    }
    const now = new Date();
    const record: OperationRecord = {
      operation_id: createOperationId(input.operation_type, now),
      operation_type: input.operation_type,
      status: 'pending',
      created_at: now.toISOString(),
      started_at: null,
      completed_at: null,
      updated_at: now.toISOString(),
      metadata: input.metadata ?? {},
      progress: null,
      result: null,
      error: null,
      cancellation: null,
      retry_of: input.retry_of ?? null,
    };
    await this.written(this.repository.insert(record, input.params));
    this.bus.publishFeed({ kind: 'created', operation: record });
    return record;
  }

  async markRunning(operationId: string, lease?: OperationLease): Promise<boolean> {
    const record = await this.repository.markRunning(operationId, nowIso(), lease);
    if (record === undefined) return false;
    this.bus.publishFeed({ kind: 'status_changed', operation: record });
    return true;
  }

  recordProgress(operationId: string, snapshot: ProgressSnapshot): void {
    if (!this.progress.offer(operationId, snapshot)) return;
    this.bus.publish(
      { kind: 'progress', operation_id: operationId, seq: snapshot.seq, progress: snapshot },
      () => this.progress.whenStored(operationId, snapshot.seq),
    );
  }

  async appendMetrics(operationId: string, entry: Record<string, unknown>): Promise<void> {
    const stored = await this.metricsRepository.append(operationId, entry, nowIso());
    if (!stored) throw new OperationNotFoundError(operationId);
  }

  async finish(operationId: string, outcome: OperationOutcome): Promise<OperationStatus> {
    const lastSeq = await this.progress.close(operationId);
    const now = nowIso();
    const write = () => this.repository.finish(operationId, outcome, lastSeq, now);
    let ended: OperationEnded | undefined;
    try {
      ended = await this.written(write());
    } catch (error) {
      if (!isTransientStorageError(error)) throw error;
      return this.holdEnd(operationId, outcome, lastSeq, now, write);
    }
    if (ended === undefined) return (await this.get(operationId)).status;
    this.bus.publishEnd(ended);
    return ended.record.status;
  }

  async findLaunch(operationId: string): Promise<StoredLaunch | undefined> {
    const stored = await this.repository.findLaunch(operationId);
    // An end held in memory is newer than the stored status.
    const held = this.pendingEnds.ended(operationId)?.record;
    return stored && held ? { ...stored, record: held } : stored;
  }

  /** One operation; throws OperationNotFoundError. */
  async get(operationId: string): Promise<OperationRecord> {
    const record = await this.find(operationId);
    if (record === undefined) throw new OperationNotFoundError(operationId);
    return record;
  }

  /** The stored operation, or the end this process holds for it until it is stored. */
  private async find(operationId: string): Promise<OperationRecord | undefined> {
    return this.pendingEnds.ended(operationId)?.record ?? this.repository.findById(operationId);
  }

  /**
   * Keeps an end whose write failed for a reason that passes, announces it (when the operation
   * can still be read) and writes it again until it lands.
   */
  private async holdEnd(
    operationId: string,
    outcome: OperationOutcome,
    lastSeq: number,
    now: string,
    write: () => Promise<unknown>,
  ): Promise<OperationStatus> {
    const current = await this.repository.findById(operationId).catch(() => undefined);
    if (current !== undefined && isTerminalStatus(current.status)) return current.status;
    const ended = current === undefined ? null : endInMemory(current, outcome, lastSeq, now);
    this.pendingEnds.hold(operationId, ended, write);
    this.logger.warn(`Operation ${operationId}: its end is held in memory until it can be stored`);
    if (ended === null) return outcome.kind;
    this.bus.publishEnd(ended);
    return ended.record.status;
  }

  /** Tracks whether writes land (for `storageProblem`), passing the result or error on. */
  private async written<T>(write: Promise<T>): Promise<T> {
    try {
      const result = await write;
      this.storage.succeeded();
      return result;
    } catch (error) {
      this.storage.failed(error);
      throw error;
    }
  }

  /** A page of operations, newest first, with the filtered total and the active count. */
  list(query: OperationListQuery): Promise<OperationPage> {
    return this.repository.list(query);
  }

  /** How many operations are active (pending, running, cancelling), across processes. */
  countActive(): Promise<number> {
    return this.repository.countActive();
  }

  /**
   * Requests a cancel: `pending` → `cancelled` at once; `running` → `cancelling` and its token
   * cancelled, in whichever process runs it ({@link CancelRequests}); `cancelling` → unchanged. Throws OperationAlreadyFinishedError for a terminal one.
   */
  async cancel(operationId: string, reason = 'user requested'): Promise<OperationRecord> {
    const held = this.pendingEnds.ended(operationId);
    if (held) throw new OperationAlreadyFinishedError(operationId, held.record.status);
    // A lost race (pending → running between the two updates) is retried; statuses only move
    // forward, so this ends within a few rounds.
    while (true) {
      const now = nowIso();
      const cancelled = await this.repository.cancelPending(operationId, reason, now);
      if (cancelled !== undefined) {
        await this.progress.close(operationId);
        this.bus.publishEnd(cancelled);
        this.cancelRequests.pendingCancelled(cancelled.record);
        return cancelled.record;
      }
      const cancelling = await this.repository.requestCancel(operationId, reason, now);
      if (cancelling !== undefined) {
        this.bus.publishFeed({ kind: 'status_changed', operation: cancelling });
        this.cancelRequests.running(operationId, reason);
        return cancelling;
      }
      const current = await this.get(operationId);
      if (current.status === 'cancelling') return current;
      if (isTerminalStatus(current.status)) {
        throw new OperationAlreadyFinishedError(operationId, current.status);
      }
    }
  }

  /**
   * The operation's events after `sinceSeq`: stored ones, then live; completes after the status
   * event. Throws OperationNotFoundError up front. Not coalesced.
   */
  async openEvents(operationId: string, sinceSeq = 0): Promise<Observable<OperationEvent>> {
    await this.get(operationId);
    return operationEventStream(operationId, sinceSeq, this.eventSources);
  }

  /** The metrics series after `cursor` (null: from the start). Throws OperationNotFoundError. */
  async metrics(
    operationId: string,
    cursor: number | null,
    limit: number,
  ): Promise<OperationMetricsPage> {
    const page = await this.metricsRepository.page(operationId, cursor, limit);
    if (page.items.length === 0) await this.get(operationId);
    return page;
  }
}

function nowIso(): string {
  return new Date().toISOString();
}
