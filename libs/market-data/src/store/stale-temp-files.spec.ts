import { mkdtemp, readdir, rm, utimes, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { removeStaleTempFiles } from './stale-temp-files';

const HOUR_MS = 3_600_000;
const GONE_PID = 2 ** 22 + 7; // above Linux's pid_max default: no such process
const LIVE_PID = process.ppid; // a live process other than this one
const temp = (pid: number, host?: string) =>
  `.AAPL_1h.csv.${pid}${host === undefined ? '' : `@${host}`}.0123456789ab.tmp`;

describe('removeStaleTempFiles with several machines sharing the folder', () => {
  let dir: string;
  const now = Date.now();

  beforeEach(async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'ktrdr-stale-temp-'));
  });
  afterEach(() => rm(dir, { recursive: true, force: true }));

  /** Writes the files, each last modified `ageMs` ago. */
  async function files(ages: Record<string, number>): Promise<void> {
    for (const [name, ageMs] of Object.entries(ages)) {
      await writeFile(path.join(dir, name), 'partial');
      const at = new Date(now - ageMs);
      await utimes(path.join(dir, name), at, at);
    }
  }

  const remove = (beforeMs = now) =>
    removeStaleTempFiles(dir, beforeMs, () => true, { host: 'this-host', now: () => now });

  it("judges this host's files by their pid, at once", async () => {
    await files({ [temp(GONE_PID, 'this-host')]: 60_000, [temp(LIVE_PID, 'this-host')]: 60_000 });
    expect(await remove()).toEqual([temp(GONE_PID, 'this-host')]);
    expect(await readdir(dir)).toEqual([temp(LIVE_PID, 'this-host')]);
  });

  it("keeps another host's file while it was modified within the hour, whatever its pid says here", async () => {
    // Gone here, or even this process's own pid: a process of that machine may be writing.
    const recent = [temp(GONE_PID, 'that-host'), temp(process.pid, 'that-host')];
    await files({ [recent[0]!]: HOUR_MS / 2, [recent[1]!]: HOUR_MS - 60_000 });
    expect(await remove()).toEqual([]);
    expect((await readdir(dir)).sort()).toEqual([...recent].sort());
  });

  it("removes another host's file untouched for an hour, even if its pid is live here", async () => {
    await files({ [temp(LIVE_PID, 'that-host')]: HOUR_MS + 60_000 });
    expect(await remove()).toEqual([temp(LIVE_PID, 'that-host')]);
  });

  it('treats a name without a host (an older version wrote it) as another host’s', async () => {
    await files({ [temp(GONE_PID)]: HOUR_MS / 2, [temp(LIVE_PID)]: 2 * HOUR_MS });
    expect(await remove()).toEqual([temp(LIVE_PID)]);
    expect(await readdir(dir)).toEqual([temp(GONE_PID)]);
  });

  it('never removes a file modified after `beforeMs`, of any host', async () => {
    await files({
      [temp(GONE_PID, 'this-host')]: 60_000,
      [temp(GONE_PID, 'that-host')]: 2 * HOUR_MS,
    });
    expect(await remove(now - 3 * HOUR_MS)).toEqual([]);
    expect(await readdir(dir)).toHaveLength(2);
  });
});
