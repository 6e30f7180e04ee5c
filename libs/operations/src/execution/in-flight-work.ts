/**
 * The work an executor has in flight in this process: counts it and waits for it to end (the
 * drain of a graceful shutdown). Shared by the in-process and the Bull executors.
 */
export class InFlightWork {
  private readonly running = new Set<Promise<void>>();

  get size(): number {
    return this.running.size;
  }

  /** Tracks `work` until it settles. */
  add(work: Promise<void>): void {
    const tracked = work.finally(() => this.running.delete(tracked));
    this.running.add(tracked);
  }

  /** Resolves true once every tracked work ended, false when `timeoutMs` ran out first. */
  async drain(timeoutMs: number): Promise<boolean> {
    if (this.running.size === 0) return true;
    let timer: NodeJS.Timeout | undefined;
    const timedOut = new Promise<false>((resolve) => {
      timer = setTimeout(() => resolve(false), timeoutMs);
    });
    const allEnded = (async (): Promise<true> => {
      while (this.running.size > 0) await Promise.allSettled([...this.running]);
      return true;
    })();
    try {
      return await Promise.race([allEnded, timedOut]);
    } finally {
      clearTimeout(timer);
    }
  }
}
