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
  return textBodyChunks(req, limitBytes, CSV_TYPES);
}

/**
 * A whole text request body of one of `types` (the first one names the expected type in the
 * 415 message), at most `limitBytes`; for small bodies such as a strategy file.
 */
export async function readTextBody(
  req: IncomingMessage & { body?: unknown },
  limitBytes: number,
  types: readonly string[],
): Promise<string> {
  const chunks: Buffer[] = [];
  try {
    for await (const chunk of textBodyChunks(req, limitBytes, types)) chunks.push(chunk);
  } catch (error) {
    drainBody(req);
    throw error;
  }
  return Buffer.concat(chunks).toString('utf8');
}

/** {@link csvBodyChunks} for any of `types`. */
function textBodyChunks(
  req: IncomingMessage & { body?: unknown },
  limitBytes: number,
  types: readonly string[],
): AsyncIterable<Buffer> {
  const type = req.headers['content-type']?.split(';')[0]?.trim().toLowerCase();
  if (!type || !types.includes(type)) throw new UnsupportedMediaTypeError(type, types[0]);
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
