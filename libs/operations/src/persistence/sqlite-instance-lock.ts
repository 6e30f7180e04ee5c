import Database from 'better-sqlite3';
import { type HeldInstanceLock, InstanceLockedError } from './instance-lock.types';

/**
 * Locks a SQLite operations database through a lock database beside it (`<file>.lock`), held
 * with SQLite's exclusive locking mode: an OS file lock (fcntl) that the kernel drops when the
 * process dies, however it dies. The operations database itself stays shared-readable (WAL).
 */
export function acquireSqliteInstanceLock(databaseFile: string): HeldInstanceLock {
  const file = `${databaseFile}.lock`;
  const description = `lock file ${file}`;
  // timeout 0: a held lock is answered at once rather than waited for.
  const lock = new Database(file, { timeout: 0 });
  try {
    lock.pragma('locking_mode = EXCLUSIVE');
    // The first write takes the exclusive lock; in this mode it is never given back.
    lock.exec('CREATE TABLE IF NOT EXISTS holder (pid INTEGER NOT NULL); DELETE FROM holder;');
    lock.prepare('INSERT INTO holder (pid) VALUES (?)').run(process.pid);
  } catch (error) {
    lock.close();
    if ((error as { code?: unknown }).code === 'SQLITE_BUSY') {
      throw new InstanceLockedError(databaseFile, description);
    }
    throw error;
  }
  return {
    description,
    release: () => {
      lock.close();
      return Promise.resolve();
    },
  };
}
