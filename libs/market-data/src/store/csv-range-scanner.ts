import { promises as fs } from 'node:fs';
import { InvalidCsvError, skipHeader } from './csv-bar-parser';
import { parseTimestampAt } from './csv-timestamp';

/** First and last bar time and the number of bars of a cache file. */
export interface CsvRange {
  first: number;
  last: number;
  count: number;
}

const CHUNK = 1 << 20;
const EDGE = 64 * 1024;
const LF = 10;
const CR = 13;

/**
 * The range of a cache file without parsing it: the first bar from its head, the last bar
 * from its tail, the count by counting non-blank lines. `null` when it holds no bars. For a
 * sorted file (what the store writes) first and last are the earliest and latest bars.
 */
export async function scanCsvRange(file: string): Promise<CsvRange | null> {
  const handle = await fs.open(file, 'r');
  try {
    const { size } = await handle.stat();
    const headBuf = await readAt(handle, 0, Math.min(size, EDGE));
    const firstLine = firstBarLine(headBuf, size, file);
    if (firstLine === null) return null;
    const tailStart = Math.max(0, size - EDGE);
    const tailBuf = await readAt(handle, tailStart, size - tailStart);
    const lastLine = lastNonBlankLine(tailBuf, tailStart === 0 ? skipHeader(tailBuf, file) : 0);
    const first = timestampOf(headBuf, firstLine, file);
    const last = lastLine === null ? first : timestampOf(tailBuf, lastLine, file);
    const lines = await countNonBlankLines(handle, size);
    return { first, last, count: lines - 1 };
  } finally {
    await handle.close();
  }
}

/**
 * The first bar's time of a cache file, from its first data line only (the earliest bar of a
 * sorted file); `null` when it holds no bars. Throws `InvalidCsvError` like {@link scanCsvRange}.
 */
export async function scanCsvFirst(file: string): Promise<number | null> {
  const handle = await fs.open(file, 'r');
  try {
    const { size } = await handle.stat();
    const headBuf = await readAt(handle, 0, Math.min(size, EDGE));
    const firstLine = firstBarLine(headBuf, size, file);
    return firstLine === null ? null : timestampOf(headBuf, firstLine, file);
  } finally {
    await handle.close();
  }
}

/** Start of the first bar line in the file's head, or null when the file has no bars. */
function firstBarLine(headBuf: Buffer, size: number, file: string): number | null {
  const firstLine = nextLine(headBuf, skipHeader(headBuf, file));
  if (firstLine === null && headBuf.length < size) {
    throw new InvalidCsvError('line too long', 2, file);
  }
  return firstLine;
}

/** Up to `length` bytes of the file at `position` (fewer at its end). */
export async function readAt(
  handle: fs.FileHandle,
  position: number,
  length: number,
): Promise<Buffer> {
  const buf = Buffer.alloc(length);
  let done = 0;
  while (done < length) {
    const { bytesRead } = await handle.read(buf, done, length - done, position + done);
    if (bytesRead === 0) break;
    done += bytesRead;
  }
  return buf.subarray(0, done);
}

/** Start of the first non-blank line at or after `pos`, or null. */
function nextLine(buf: Buffer, pos: number): number | null {
  while (pos < buf.length && (buf[pos] === LF || buf[pos] === CR)) pos++;
  return pos < buf.length ? pos : null;
}

/** Start of the last non-blank line that begins at or after `min`, or null. */
function lastNonBlankLine(buf: Buffer, min: number): number | null {
  let end = buf.length;
  while (end > min && (buf[end - 1] === LF || buf[end - 1] === CR)) end--;
  if (end <= min) return null;
  const lf = buf.lastIndexOf(LF, end - 1);
  return lf < min ? min : lf + 1;
}

function timestampOf(buf: Buffer, pos: number, file: string): number {
  const t = pos + 20 <= buf.length ? parseTimestampAt(buf, pos) : Number.NaN;
  if (Number.isNaN(t)) throw new InvalidCsvError('malformed timestamp', undefined, file);
  return t;
}

/** Lines with content (not empty, not just `\r`), header included. */
async function countNonBlankLines(handle: fs.FileHandle, size: number): Promise<number> {
  const buf = Buffer.alloc(Math.min(CHUNK, Math.max(size, 1)));
  let count = 0;
  let lineLength = 0; // bytes of the current line so far, a final \r not counted
  let pendingCr = false;
  for (let position = 0; position < size;) {
    const { bytesRead } = await handle.read(buf, 0, buf.length, position);
    if (bytesRead === 0) break;
    let from = 0;
    for (;;) {
      const lf = buf.indexOf(LF, from);
      const end = lf < 0 || lf >= bytesRead ? bytesRead : lf;
      if (end > from) {
        lineLength += (pendingCr ? 1 : 0) + (end - from);
        pendingCr = buf[end - 1] === CR;
        if (pendingCr) lineLength--;
      }
      if (end === bytesRead) break;
      if (lineLength > 0) count++;
      lineLength = 0;
      pendingCr = false;
      from = end + 1;
    }
    position += bytesRead;
  }
  return lineLength > 0 ? count + 1 : count;
}
