import type { IncomingMessage, ServerResponse } from 'node:http';
import { InvalidJsonError } from '../errors/http-errors';

/**
 * Express error middleware placed right after the JSON body parser. Nest turns body-parser's
 * parse failure into an anonymous 400 before any filter sees it; this names it INVALID_JSON
 * first. Other parser errors (too large, bad charset) go on unchanged.
 */
export function jsonBodyErrors(
  error: unknown,
  _req: IncomingMessage,
  _res: ServerResponse,
  next: (error?: unknown) => void,
): void {
  const type =
    typeof error === 'object' && error !== null ? (error as { type?: unknown }).type : undefined;
  if (type === 'entity.parse.failed') {
    const detail = error instanceof Error ? error.message : 'unparseable body';
    next(new InvalidJsonError(`Malformed JSON in request body: ${detail}`, { cause: error }));
    return;
  }
  next(error);
}
