import { EventEmitter, once } from 'node:events';
import http from 'node:http';
import type { AddressInfo } from 'node:net';

/** A handler of the loopback host; `n` is the 1-based number of the request. */
export type LoopbackHandler = (
  req: http.IncomingMessage,
  res: http.ServerResponse,
  n: number,
) => void;

/**
 * A plain node:http server on 127.0.0.1 for the adapter's tests (test support, not product
 * API). Counts connections, requests and concurrency, and emits `request` on arrival,
 * `aborted` when a client goes away before its response was sent and `disconnect` when a
 * connection closes.
 */
export class LoopbackHost extends EventEmitter {
  readonly server: http.Server;
  connections = 0;
  requests = 0;
  inFlight = 0;
  maxInFlight = 0;

  private constructor(handler: LoopbackHandler) {
    super();
    this.server = http.createServer((req, res) => {
      this.requests += 1;
      this.inFlight += 1;
      this.maxInFlight = Math.max(this.maxInFlight, this.inFlight);
      res.on('close', () => {
        this.inFlight -= 1;
        if (!res.writableEnded) this.emit('aborted', req);
      });
      this.emit('request', req, res);
      handler(req, res, this.requests);
    });
    this.server.on('connection', (socket) => {
      this.connections += 1;
      socket.on('close', () => this.emit('disconnect'));
    });
  }

  static async start(handler: LoopbackHandler, keepAliveTimeoutMs = 5000): Promise<LoopbackHost> {
    const host = new LoopbackHost(handler);
    host.server.keepAliveTimeout = keepAliveTimeoutMs;
    host.server.listen(0, '127.0.0.1');
    await once(host.server, 'listening');
    return host;
  }

  get url(): string {
    const { port } = this.server.address() as AddressInfo;
    return `http://127.0.0.1:${port}`;
  }

  /** Resolves on the next event of that name (its first argument). */
  next<T = unknown>(event: 'request' | 'aborted' | 'disconnect'): Promise<T> {
    return once(this, event).then(([first]) => first as T);
  }

  async close(): Promise<void> {
    this.server.closeAllConnections();
    if (this.server.listening) await new Promise((resolve) => this.server.close(resolve));
  }
}

/** Writes a JSON answer. */
export function sendJson(
  res: http.ServerResponse,
  status: number,
  body: unknown,
  headers: Record<string, string> = {},
): void {
  const text = JSON.stringify(body);
  res.writeHead(status, {
    'content-type': 'application/json',
    'content-length': Buffer.byteLength(text),
    ...headers,
  });
  res.end(text);
}

/** A port on 127.0.0.1 where nothing listens (bound, then released). */
export async function closedPort(): Promise<number> {
  const server = http.createServer();
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const { port } = server.address() as AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return port;
}
