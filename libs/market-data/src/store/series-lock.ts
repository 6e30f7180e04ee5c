/**
 * Serialises the writes of one cached series (`{SYMBOL}_{timeframe}`): while one task holds a
 * series' lock, no other task of any holder of the same lock writes that series. Two
 * implementations: {@link InProcessSeriesLock} (one process, the default) and
 * `PostgresSeriesLock` (every process on one PostgreSQL database; queued execution, where
 * several workers write one DATA_DIR). Chosen by whoever builds the store; the store is the same.
 */
export abstract class SeriesLock {
  /**
   * Runs `task` once it holds the lock of `key`, and releases the lock when `task` settles;
   * resolves or rejects as `task` does. An abort of `signal` ends the *wait* (rejecting with the
   * signal's abort error, `task` never runs); it does not interrupt a task that started.
   */
  abstract run<T>(key: string, task: () => Promise<T>, signal?: AbortSignal): Promise<T>;

  /** Frees what the lock keeps (connections); tasks still running finish first. */
  close(): Promise<void> {
    return Promise.resolve();
  }
}
