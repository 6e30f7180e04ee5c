import type { ProgressSnapshot } from '@ktrdr/async-infrastructure';

/**
 * Persists an operation's latest snapshot, and appends `stepChanges` (step-change snapshots not
 * yet stored, in seq order; `snapshot` may be the last of them) to its events.
 */
export type ProgressWriter = (
  operationId: string,
  snapshot: ProgressSnapshot,
  stepChanges: readonly ProgressSnapshot[],
) => Promise<unknown>;

export interface ProgressWriteBufferOptions {
  write: ProgressWriter;
  /** Called with a failed write's error; the buffer carries on. */
  onError: (operationId: string, error: unknown) => void;
  /** Minimum time between two throttled writes of one operation. */
  intervalMs?: number;
  /** How many closed operation ids to remember (late snapshots for them are refused). */
  closedMemory?: number;
}

interface Track {
  /** The newest snapshot taken. */
  latest: ProgressSnapshot;
  /** Whether `latest` is not stored yet. */
  pending: boolean;
  /** Step changes taken and not stored yet, in seq order. */
  steps: ProgressSnapshot[];
  /** A write was asked for while one was in flight: it follows as soon as that one ends. */
  due: boolean;
  /** The write in flight (and the ones due after it); null when idle. */
  writing: Promise<void> | null;
  /** The seq of the newest snapshot whose write has ended (stored, or its error reported). */
  writtenSeq: number;
  /** `whenStored` callers waiting for a newer write to end. */
  waiters: { seq: number; resolve: () => void }[];
}

/**
 * Decides which progress snapshots reach the database: the first snapshot and every step change
 * at once (also as an event, for resume), others throttled to the latest one per operation at
 * most every `intervalMs`, all through one timer. Snapshots not newer than the last are refused.
 * At most one write per operation is in flight: what arrives meanwhile is folded into the next
 * write (the latest snapshot and the step changes since), so slow storage never builds a queue.
 */
export class ProgressWriteBuffer {
  private readonly tracks = new Map<string, Track>();
  private readonly closed = new Set<string>();
  private readonly intervalMs: number;
  private readonly closedMemory: number;
  private timer: NodeJS.Timeout | null = null;

  constructor(private readonly options: ProgressWriteBufferOptions) {
    this.intervalMs = options.intervalMs ?? 100;
    this.closedMemory = options.closedMemory ?? 10_000;
  }

  /** Takes a snapshot; false when refused (not newer, or the operation was closed). */
  offer(operationId: string, snapshot: ProgressSnapshot): boolean {
    if (this.closed.has(operationId)) return false;
    const known = this.tracks.get(operationId);
    if (known !== undefined && snapshot.seq <= known.latest.seq) return false;
    const stepChange = known === undefined || snapshot.step_name !== known.latest.step_name;
    const track: Track = known ?? {
      latest: snapshot,
      pending: true,
      steps: [],
      due: false,
      writing: null,
      writtenSeq: 0,
      waiters: [],
    };
    track.latest = snapshot;
    track.pending = true;
    this.tracks.set(operationId, track);
    if (stepChange) {
      track.steps.push(snapshot);
      void this.flush(operationId, track);
    } else {
      this.schedule();
    }
    return true;
  }

  /** The newest snapshot taken for an open operation. */
  latest(operationId: string): ProgressSnapshot | undefined {
    return this.tracks.get(operationId)?.latest;
  }

  /**
   * Resolves once the write that carries snapshot `seq` (or a newer one) has ended: stored, or its
   * error reported. Step changes are written at once, so for one of them that is one write away;
   * a throttled snapshot waits for the next throttled write. At once for a closed operation.
   */
  whenStored(operationId: string, seq: number): Promise<void> {
    const track = this.tracks.get(operationId);
    if (track === undefined || track.writtenSeq >= seq) return Promise.resolve();
    return new Promise((resolve) => track.waiters.push({ seq, resolve }));
  }

  /** Writes the operation's pending snapshot now and waits until it is stored. */
  async settle(operationId: string): Promise<void> {
    const track = this.tracks.get(operationId);
    if (track !== undefined) await this.flush(operationId, track);
  }

  /**
   * Settles and closes an operation (it is ending): later snapshots are refused. Returns the
   * last seq taken (0 if none).
   */
  async close(operationId: string): Promise<number> {
    this.remember(operationId);
    const track = this.tracks.get(operationId);
    if (track === undefined) return 0;
    this.tracks.delete(operationId);
    await this.flush(operationId, track);
    return track.latest.seq;
  }

  /** Writes every pending snapshot and waits for all writes in flight. */
  async flushAll(): Promise<void> {
    await Promise.all(
      [...this.tracks].map(([operationId, track]) => this.flush(operationId, track)),
    );
  }

  /** Stops the timer (pending snapshots stay pending until flushed). */
  stop(): void {
    if (this.timer !== null) clearTimeout(this.timer);
    this.timer = null;
  }

  private schedule(): void {
    if (this.timer !== null) return;
    this.timer = setTimeout(() => {
      this.timer = null;
      for (const [operationId, track] of this.tracks) {
        if (track.pending) void this.flush(operationId, track);
      }
    }, this.intervalMs);
    this.timer.unref();
  }

  /** Writes what is pending now, or right after the write in flight; resolves once stored. */
  private flush(operationId: string, track: Track): Promise<void> {
    if (track.writing !== null) {
      track.due = true;
      return track.writing;
    }
    if (!track.pending) return Promise.resolve();
    track.writing = this.write(operationId, track);
    return track.writing;
  }

  /** Writes until nothing due is left, then marks the track idle (in the same tick). */
  private async write(operationId: string, track: Track): Promise<void> {
    do {
      track.due = false;
      const snapshot = track.latest;
      const steps = track.steps;
      track.pending = false;
      track.steps = [];
      try {
        await this.store(operationId, snapshot, steps);
      } catch (error) {
        this.options.onError(operationId, error);
      }
      this.written(track, snapshot.seq);
    } while (track.due && track.pending);
    track.writing = null;
  }

  /** Marks the snapshots up to `seq` written and releases their `whenStored` callers. */
  private written(track: Track, seq: number): void {
    track.writtenSeq = seq;
    const released = track.waiters.filter((waiter) => waiter.seq <= seq);
    if (released.length === 0) return;
    track.waiters = track.waiters.filter((waiter) => waiter.seq > seq);
    released.forEach((waiter) => waiter.resolve());
  }

  /** Async, so that even a writer throwing at once rejects (and `write` always yields first). */
  private async store(
    operationId: string,
    snapshot: ProgressSnapshot,
    steps: readonly ProgressSnapshot[],
  ): Promise<void> {
    await this.options.write(operationId, snapshot, steps);
  }

  private remember(operationId: string): void {
    this.closed.add(operationId);
    if (this.closed.size <= this.closedMemory) return;
    const oldest = this.closed.values().next();
    if (oldest.done !== true) this.closed.delete(oldest.value);
  }
}
