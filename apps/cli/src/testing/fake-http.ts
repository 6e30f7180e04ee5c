import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/** A request as a fake received it, for a test to inspect. */
export interface RecordedRequest {
  method: string;
  path: string;
  query: URLSearchParams;
  headers: IncomingMessage['headers'];
  body: unknown;
}

/** Answers the server's requests with `handle` on a free port of 127.0.0.1; resolves to its root. */
export async function listenLocally(
  server: Server,
  handle: (req: IncomingMessage, res: ServerResponse) => Promise<void>,
): Promise<string> {
  server.on('request', (req: IncomingMessage, res: ServerResponse) => void handle(req, res));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

/** Closes the server, cutting open connections (event streams) instead of waiting for them. */
export async function closeServer(server: Server): Promise<void> {
  server.closeAllConnections();
  await new Promise<void>((resolve) => server.close(() => resolve()));
}

export async function readBody(req: IncomingMessage): Promise<string> {
  let text = '';
  for await (const chunk of req) text += String(chunk);
  return text;
}

export function recordOf(req: IncomingMessage, url: URL, body: unknown): RecordedRequest {
  return {
    method: req.method ?? 'GET',
    path: url.pathname,
    query: url.searchParams,
    headers: req.headers,
    body,
  };
}

export function requestsTo(
  requests: readonly RecordedRequest[],
  method: string,
  pathPattern: RegExp,
): RecordedRequest[] {
  return requests.filter((r) => r.method === method && pathPattern.test(r.path));
}

export function sendJson(res: ServerResponse, status: number, payload: unknown): void {
  res.writeHead(status, { 'content-type': 'application/json' });
  res.end(JSON.stringify(payload));
}

/** The API's error body: `code` is the machine-readable part the CLI reads. */
export function sendError(
  res: ServerResponse,
  status: number,
  code: string,
  message: string | string[],
): void {
  sendJson(res, status, { statusCode: status, error: code, message, code });
}
