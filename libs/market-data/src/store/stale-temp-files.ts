import { promises as fs } from 'node:fs';
import path from 'node:path';
import { parseTempFileName } from './atomic-file-writer';

/**
 * Removes the temp files that interrupted atomic writes left in `dir`: names the writer makes
 * for a target `isOwnTarget` accepts, last modified before `beforeMs`, whose writing process
 * is gone (this process counts as gone: it wrote nothing before `beforeMs`; a container
 * restart often reuses the pid). Returns the names removed; a file that vanished meanwhile is
 * skipped.
 */
export async function removeStaleTempFiles(
  dir: string,
  beforeMs: number,
  isOwnTarget: (name: string) => boolean,
): Promise<string[]> {
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
    if (!temp || !isOwnTarget(temp.target) || isOtherLiveProcess(temp.pid)) continue;
    const file = path.join(dir, name);
    try {
      if ((await fs.stat(file)).mtimeMs >= beforeMs) continue;
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
