import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';

/** The header carrying a request's id, both ways. */
export const REQUEST_ID_HEADER = 'x-request-id';

/** What a client-sent id may look like to be kept (no spaces, no control characters). */
const SAFE_REQUEST_ID = /^[A-Za-z0-9._:-]{1,128}$/;

/**
 * The request's id, set once as the response's `x-request-id` header: the client's own
 * `x-request-id` when it is safe to log and echo, else a fresh UUID. Asking again (the error
 * filter after the middleware) returns the same id.
 */
export function ensureRequestId(req: IncomingMessage, res: ServerResponse): string {
  const known = res.getHeader(REQUEST_ID_HEADER);
  if (typeof known === 'string') return known;
  const sent = req.headers[REQUEST_ID_HEADER];
  const id = typeof sent === 'string' && SAFE_REQUEST_ID.test(sent) ? sent : randomUUID();
  if (!res.headersSent) res.setHeader(REQUEST_ID_HEADER, id);
  return id;
}
