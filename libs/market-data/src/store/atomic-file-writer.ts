import { randomBytes } from 'node:crypto';
import { promises as nodeFs } from 'node:fs';
import { hostname } from 'node:os';
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

// `pid@host`; names without `@host` come from versions that did not write it.
const TEMP_NAME = /^\.(.+)\.(\d+)(?:@([\w-]+))?\.[0-9a-f]{12}\.tmp$/;

/**
 * A host name as it appears in temp file names: every character other than letters, digits,
 * `_` and `-` (the dots of `node1.example.com`) becomes `_`; at most 64 of them.
 */
export function tempHostTag(name: string): string {
  return name.replace(/[^\w-]/g, '_').slice(0, 64) || 'unknown-host';
}

/** This machine's {@link tempHostTag}. */
export const THIS_HOST = tempHostTag(hostname());

/**
 * Where {@link writeFileAtomic} writes before the rename: `.{name}.{pid}@{host}.{12 hex}.tmp`
 * beside it. The host tells whose the pid is when several machines share the folder.
 */
function tempPathFor(target: string): string {
  const suffix = `${process.pid}@${THIS_HOST}.${randomBytes(6).toString('hex')}`;
  return path.join(path.dirname(target), `.${path.basename(target)}.${suffix}.tmp`);
}

/** What a temp file's name says: the target's base name, the writer's pid and host. */
export interface TempFileName {
  target: string;
  pid: number;
  /** The writer's {@link tempHostTag}; null in names of versions that did not write it. */
  host: string | null;
}

/** What a temp file name {@link writeFileAtomic} makes says, or null when `name` is not one. */
export function parseTempFileName(name: string): TempFileName | null {
  const match = TEMP_NAME.exec(name);
  if (!match?.[1] || !match[2]) return null;
  return { target: match[1], pid: Number(match[2]), host: match[3] ?? null };
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
