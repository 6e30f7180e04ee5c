import { promises as fs } from 'node:fs';
import path from 'node:path';
import { parseTempFileName, THIS_HOST } from './atomic-file-writer';

/** Options of {@link removeStaleTempFiles}. */
export interface StaleTempFileOptions {
  /** This machine's host tag (default {@link THIS_HOST}). */
  host?: string;
  /**
   * How long a temp file of another machine (or of a name without a host) must have been left
   * unmodified before it counts as abandoned (default 1 h).
   */
  otherHostAfterMs?: number;
  /** The clock (default `Date.now`). */
  now?: () => number;
}

/** A write streams its temp file: one untouched this long has no writer left. */
export const OTHER_HOST_STALE_AFTER_MS = 3_600_000;

/**
 * Removes the temp files that interrupted atomic writes left in `dir`: names the writer makes
 * for a target `isOwnTarget` accepts, last modified before `beforeMs`, whose writer is gone.
 * Whether it is gone is known only on its own machine (the name carries `pid@host`): there,
 * when that pid is no live process (this process counts as gone: it wrote nothing before
 * `beforeMs`; a container restart often reuses the pid). A pid of another machine sharing the
 * folder (NFS) says nothing here: its files, and those whose name has no host, are removed
 * only once unmodified for `otherHostAfterMs`. Returns the names removed; a file that vanished
 * meanwhile is skipped.
 */
export async function removeStaleTempFiles(
  dir: string,
  beforeMs: number,
  isOwnTarget: (name: string) => boolean,
  options: StaleTempFileOptions = {},
): Promise<string[]> {
  const host = options.host ?? THIS_HOST;
  const now = options.now ?? Date.now;
  const otherHostAfterMs = options.otherHostAfterMs ?? OTHER_HOST_STALE_AFTER_MS;
  let names: string[];
  try {
    names = await fs.readdir(dir);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw error;
  }
  const removed: string[] = [];
  for (const name of names) {
    const temp = parseTempFileName(name);
    if (!temp || !isOwnTarget(temp.target)) continue;
    const ours = temp.host === host;
    if (ours && isOtherLiveProcess(temp.pid)) continue;
    const file = path.join(dir, name);
    try {
      const { mtimeMs } = await fs.stat(file);
      const cutoff = ours ? beforeMs : Math.min(beforeMs, now() - otherHostAfterMs);
      if (mtimeMs >= cutoff) continue;
      await fs.unlink(file);
      removed.push(name);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
    }
  }
  return removed;
}

function isOtherLiveProcess(pid: number): boolean {
  if (pid === process.pid) return false;
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: the process exists but belongs to someone else.
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}
