/** An exclusive hold on an operations database, kept for the life of the process. */
export interface HeldInstanceLock {
  /** What is locked, for messages (a lock file, or a PostgreSQL advisory lock). */
  readonly description: string;
  /** Gives the lock up (also released by the OS / the server when the process dies). */
  release(): Promise<void>;
}

/**
 * Another process holds the database's instance lock: this one must not run operations
 * in-process on it (its startup sweep would orphan the other's running operations, and cancels
 * would never reach them).
 */
export class InstanceLockedError extends Error {
  readonly code = 'INSTANCE_LOCKED' as const;

  constructor(location: string, lock: string) {
    super(
      `The operations database ${location} is already used by another ktrdr process running operations in-process (${lock} is held). Stop that process first (a crashed one releases the lock by itself), or give this one another DATA_DIR / DATABASE_URL.`,
    );
    this.name = 'InstanceLockedError';
  }
}
