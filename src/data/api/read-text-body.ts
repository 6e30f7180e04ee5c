import type { IncomingMessage } from 'node:http';
import { PayloadTooLargeError, UnsupportedMediaTypeError } from '../data.errors';

const CSV_TYPES = ['text/csv', 'text/plain', 'application/csv'];

/** Reads a CSV request body as text (see {@link readTextBody}). */
export function readCsvBody(
  req: IncomingMessage & { body?: unknown },
  limitBytes: number,
): Promise<string> {
  return readTextBody(req, limitBytes, CSV_TYPES);
}

/**
 * Reads a text request body of one of `types` (the app's JSON parser leaves other types
 * alone), refusing other content types and bodies over `limitBytes`. A parser that already
 * read the body (a string in `req.body`) is honoured too.
 */
export async function readTextBody(
  req: IncomingMessage & { body?: unknown },
  limitBytes: number,
  types: readonly string[],
): Promise<string> {
  const type = req.headers['content-type']?.split(';')[0]?.trim().toLowerCase();
  if (!type || !types.includes(type)) throw new UnsupportedMediaTypeError(type, types[0]);
  if (typeof req.body === 'string') return req.body;
  if (Buffer.isBuffer(req.body)) return req.body.toString('utf8');
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    const buf = Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk as string);
    size += buf.length;
    if (size > limitBytes) {
      req.resume();
      throw new PayloadTooLargeError(limitBytes);
    }
    chunks.push(buf);
  }
  return Buffer.concat(chunks).toString('utf8');
}
