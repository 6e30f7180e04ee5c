import { randomBytes } from 'node:crypto';
import { promises as nodeFs } from 'node:fs';
import path from 'node:path';

/** The part of an open file this writer uses (a `fs.promises.FileHandle` fits). */
export interface WritableFile {
  write(buffer: Uint8Array, offset: number, length: number): Promise<{ bytesWritten: number }>;
  sync(): Promise<void>;
  close(): Promise<void>;
}

/** The file-system calls of an atomic write; injectable so tests can make one fail. */
export interface AtomicWriteFs {
  open(file: string, flags: string, mode?: number): Promise<WritableFile>;
  rename(from: string, to: string): Promise<void>;
  unlink(file: string): Promise<void>;
}

/** Node's `fs.promises`. */
export const NODE_ATOMIC_WRITE_FS: AtomicWriteFs = {
  open: (file, flags, mode) => nodeFs.open(file, flags, mode),
  rename: (from, to) => nodeFs.rename(from, to),
  unlink: (file) => nodeFs.unlink(file),
};

const TEMP_NAME = /^\.(.+)\.(\d+)\.[0-9a-f]{12}\.tmp$/;

/** Where {@link writeFileAtomic} writes before the rename: `.{name}.{pid}.{12 hex}.tmp` beside it. */
function tempPathFor(target: string): string {
  const name = `.${path.basename(target)}.${process.pid}.${randomBytes(6).toString('hex')}.tmp`;
  return path.join(path.dirname(target), name);
}

/**
 * The target's base name and the writer's pid of a temp file name {@link writeFileAtomic}
 * makes, or null when `name` is not one.
 */
export function parseTempFileName(name: string): { target: string; pid: number } | null {
  const match = TEMP_NAME.exec(name);
  return match?.[1] && match[2] ? { target: match[1], pid: Number(match[2]) } : null;
}

/**
 * Replaces `target` atomically with the concatenated `chunks` (text as UTF-8, or bytes): a temp file in the same
 * directory is written, fsynced and renamed over the target, then the directory is fsynced.
 * If anything fails (including producing a chunk), the temp file is removed and the old
 * target is left untouched; a crash leaves at most a stray `.{name}.*.tmp` file.
 */
export async function writeFileAtomic(
  target: string,
  chunks: Iterable<string | Uint8Array> | AsyncIterable<string | Uint8Array>,
  fs: AtomicWriteFs = NODE_ATOMIC_WRITE_FS,
): Promise<void> {
  const dir = path.dirname(target);
  const temp = tempPathFor(target);
  let file: WritableFile | undefined;
  try {
    file = await fs.open(temp, 'wx', 0o644);
    for await (const chunk of chunks) {
      const bytes = typeof chunk === 'string' ? Buffer.from(chunk, 'utf8') : chunk;
      for (let offset = 0; offset < bytes.length;) {
        offset += (await file.write(bytes, offset, bytes.length - offset)).bytesWritten;
      }
    }
    await file.sync();
    const opened = file;
    file = undefined;
    await opened.close();
    await fs.rename(temp, target);
  } catch (error) {
    await file?.close().catch(() => undefined);
    await fs.unlink(temp).catch(() => undefined);
    throw error;
  }
  await syncDirectory(dir);
}

/** Makes the rename durable. Some platforms cannot fsync a directory: that is not an error. */
async function syncDirectory(dir: string): Promise<void> {
  let handle: nodeFs.FileHandle | undefined;
  try {
    handle = await nodeFs.open(dir, 'r');
    await handle.sync();
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code !== 'EISDIR' && code !== 'EINVAL' && code !== 'EPERM' && code !== 'EBADF') throw error;
  } finally {
    await handle?.close();
  }
}
