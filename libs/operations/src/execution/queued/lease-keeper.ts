import { Logger } from '@nestjs/common';
import type { CancellationRegistry } from '@ktrdr/async-infrastructure';
import type { OperationLeasesRepository } from '../../persistence/operation-leases.repository';
import type { OperationLease } from '../operation-store';

/** How leases are kept (queued.md): renewed every 5 s, valid 15 s, cancels polled every 1 s. */
export interface LeaseTiming {
  renewEveryMs: number;
  ttlMs: number;
  /** Also how often a lost lease is noticed. */
  cancelPollEveryMs: number;
}

export const DEFAULT_LEASE_TIMING: LeaseTiming = {
  renewEveryMs: 5000,
  ttlMs: 15_000,
  cancelPollEveryMs: 1000,
};

/** The cancel reason of an operation whose lease this worker could not keep. */
export const LEASE_LOST_REASON = 'lease_lost';

/**
 * A worker's hold on the operations it runs. It renews their leases in one UPDATE, and gives an
 * operation up (its token cancelled with reason `lease_lost`) when its lease could not be renewed
 * before it expired — PostgreSQL away that long — or when the row is no longer held by this
 * worker (the sweeper orphaned it). It also reads, every second, the cancels requested durably
 * for its operations, so a cancel whose Redis message was lost still lands.
 */
export class LeaseKeeper {
  private readonly logger = new Logger(LeaseKeeper.name);
  /** Operation id → since when its current lease is known to be valid (epoch ms). */
  private readonly held = new Map<string, number>();
  private timer: NodeJS.Timeout | null = null;
  private lastRenewAt = 0;
  private renewing = false;
  private polling = false;

  constructor(
    private readonly repository: OperationLeasesRepository,
    private readonly cancellations: CancellationRegistry,
    private readonly workerId: string,
    private readonly timing: LeaseTiming = DEFAULT_LEASE_TIMING,
  ) {}

  /** The lease to claim an operation with, now. */
  lease(): OperationLease {
    return { workerId: this.workerId, expiresAt: iso(Date.now() + this.timing.ttlMs) };
  }

  /** The operation is running here under a lease written just now. */
  started(operationId: string): void {
    this.held.set(operationId, Date.now());
  }

  /** The operation's work ended here (whatever its state). */
  ended(operationId: string): void {
    this.held.delete(operationId);
  }

  get size(): number {
    return this.held.size;
  }

  start(): void {
    if (this.timer) return;
    this.lastRenewAt = Date.now();
    this.timer = setInterval(() => this.tick(), this.timing.cancelPollEveryMs);
    this.timer.unref();
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
  }

  /** One beat: give up expired leases, renew when due, read requested cancels. */
  tick(now = Date.now()): void {
    this.giveUpExpired(now);
    if (this.held.size === 0) return;
    if (!this.renewing && now - this.lastRenewAt >= this.timing.renewEveryMs) {
      void this.renew(now);
    }
    if (!this.polling) void this.pollCancels();
  }

  /** Renews every lease; resolves once the answer is handled (exposed for tests). */
  async renew(now = Date.now()): Promise<void> {
    this.renewing = true;
    try {
      const stillHeld = await this.repository.renew(this.workerId, iso(now + this.timing.ttlMs));
      this.lastRenewAt = now;
      for (const [id, since] of this.held) {
        // Claimed before this renew began yet not renewed: the row is not ours any more.
        if (since < now && !stillHeld.has(id))
          this.giveUp(id, 'it is no longer held by this worker');
        else this.held.set(id, Math.max(since, now));
      }
    } catch (error) {
      this.logger.warn(`Could not renew ${this.held.size} lease(s): ${messageOf(error)}`);
    } finally {
      this.renewing = false;
    }
  }

  /** Cancels the tokens of held operations that a cancel request made `cancelling`. */
  async pollCancels(): Promise<void> {
    this.polling = true;
    try {
      for (const request of await this.repository.cancelsRequested(this.workerId)) {
        if (this.held.has(request.operation_id)) {
          this.cancellations.cancel(request.operation_id, request.reason);
        }
      }
    } catch (error) {
      this.logger.debug?.(`Could not read requested cancels: ${messageOf(error)}`);
    } finally {
      this.polling = false;
    }
  }

  private giveUpExpired(now: number): void {
    for (const [id, since] of this.held) {
      if (now - since >= this.timing.ttlMs) {
        this.giveUp(id, `its lease could not be renewed for ${this.timing.ttlMs} ms`);
      }
    }
  }

  private giveUp(operationId: string, why: string): void {
    this.held.delete(operationId);
    this.logger.warn(`Operation ${operationId}: giving it up (${LEASE_LOST_REASON}): ${why}`);
    this.cancellations.cancel(operationId, LEASE_LOST_REASON);
  }
}

function iso(epochMs: number): string {
  return new Date(epochMs).toISOString();
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
