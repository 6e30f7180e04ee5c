import type { IncomingMessage } from 'node:http';
import { PayloadTooLargeError, UnsupportedMediaTypeError } from '../data.errors';

const CSV_TYPES = ['text/csv', 'text/plain', 'application/csv'];

/**
 * The chunks of a CSV request body as they arrive (the app's JSON parser leaves other types
 * alone), so an import is parsed while it streams in and never held as one string. Refuses
 * other content types at once; past `limitBytes` the iteration throws PayloadTooLargeError.
 * The request is not destroyed when the consumer stops early, so the error can still be
 * answered: call {@link drainBody} then. A body a parser already read is yielded as one chunk.
 */
export function csvBodyChunks(
  req: IncomingMessage & { body?: unknown },
  limitBytes: number,
): AsyncIterable<Buffer> {
  const type = req.headers['content-type']?.split(';')[0]?.trim().toLowerCase();
  if (!type || !CSV_TYPES.includes(type)) throw new UnsupportedMediaTypeError(type);
  const { body } = req;
  if (typeof body === 'string' || Buffer.isBuffer(body)) {
    const chunk = Buffer.isBuffer(body) ? body : Buffer.from(body);
    return limited([chunk], limitBytes);
  }
  return limited(req.iterator({ destroyOnReturn: false }) as AsyncIterable<Buffer>, limitBytes);
}

/** Reads and discards what is left of a request body, so its answer reaches the client. */
export function drainBody(req: IncomingMessage): void {
  if (!req.readableEnded && !req.destroyed) req.resume();
}

async function* limited(
  chunks: Iterable<Buffer> | AsyncIterable<Buffer>,
  limitBytes: number,
): AsyncGenerator<Buffer> {
  let size = 0;
  for await (const chunk of chunks) {
    size += chunk.length;
    if (size > limitBytes) throw new PayloadTooLargeError(limitBytes);
    yield chunk;
  }
}
