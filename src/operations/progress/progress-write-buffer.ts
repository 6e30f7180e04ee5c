import type { ProgressSnapshot } from '@ktrdr/async-infrastructure';

/** Persists one snapshot; `stepChange` also appends it to the operation's events. */
export type ProgressWriter = (
  operationId: string,
  snapshot: ProgressSnapshot,
  stepChange: boolean,
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
  lastSeq: number;
  lastStep: string | null;
  latest: ProgressSnapshot;
  pending: ProgressSnapshot | null;
  /** The operation's writes, in order: each waits for the previous one. */
  chain: Promise<void>;
}

/**
 * Decides which progress snapshots reach the database: the first snapshot and every step change
 * at once (also as an event, for resume), others throttled to the latest one per operation at
 * most every `intervalMs`, all through one timer. Snapshots not newer than the last are refused.
 */
export class ProgressWriteBuffer {
  private readonly tracks = new Map<string, Track>();
  private readonly dirty = new Set<string>();
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
    const track = this.tracks.get(operationId);
    if (track !== undefined && snapshot.seq <= track.lastSeq) return false;
    const stepChange = track === undefined || snapshot.step_name !== track.lastStep;
    const current: Track = track ?? {
      lastSeq: 0,
      lastStep: null,
      latest: snapshot,
      pending: null,
      chain: Promise.resolve(),
    };
    current.lastSeq = snapshot.seq;
    current.lastStep = snapshot.step_name;
    current.latest = snapshot;
    this.tracks.set(operationId, current);
    if (stepChange) {
      current.pending = null;
      this.dirty.delete(operationId);
      this.enqueue(operationId, current, snapshot, true);
    } else {
      current.pending = snapshot;
      this.dirty.add(operationId);
      this.schedule();
    }
    return true;
  }

  /** The newest snapshot taken for an open operation. */
  latest(operationId: string): ProgressSnapshot | undefined {
    return this.tracks.get(operationId)?.latest;
  }

  /** Writes the operation's pending snapshot now and waits for all its writes. */
  async settle(operationId: string): Promise<void> {
    const track = this.tracks.get(operationId);
    if (track === undefined) return;
    this.writePending(operationId, track);
    await track.chain;
  }

  /**
   * Settles and closes an operation (it is ending): later snapshots are refused. Returns the
   * last seq taken (0 if none).
   */
  async close(operationId: string): Promise<number> {
    this.remember(operationId);
    const track = this.tracks.get(operationId);
    if (track === undefined) return 0;
    this.writePending(operationId, track);
    this.tracks.delete(operationId);
    await track.chain;
    return track.lastSeq;
  }

  /** Writes every pending snapshot and waits for all writes in flight. */
  async flushAll(): Promise<void> {
    for (const [operationId, track] of this.tracks) this.writePending(operationId, track);
    await Promise.all([...this.tracks.values()].map((track) => track.chain));
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
      for (const operationId of [...this.dirty]) {
        const track = this.tracks.get(operationId);
        if (track !== undefined) this.writePending(operationId, track);
      }
    }, this.intervalMs);
    this.timer.unref();
  }

  private writePending(operationId: string, track: Track): void {
    this.dirty.delete(operationId);
    const snapshot = track.pending;
    if (snapshot === null) return;
    track.pending = null;
    this.enqueue(operationId, track, snapshot, false);
  }

  private enqueue(operationId: string, track: Track, snapshot: ProgressSnapshot, step: boolean) {
    track.chain = track.chain
      .then(() => this.options.write(operationId, snapshot, step))
      .then(
        () => undefined,
        (error: unknown) => this.options.onError(operationId, error),
      );
  }

  private remember(operationId: string): void {
    this.closed.add(operationId);
    if (this.closed.size <= this.closedMemory) return;
    const oldest = this.closed.values().next();
    if (oldest.done !== true) this.closed.delete(oldest.value);
  }
}
