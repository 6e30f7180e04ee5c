/**
 * A TCP proxy that makes loopback look like a LAN: each new connection waits `delayMs` before
 * it reaches the upstream (the handshake's round trip), and each chunk the upstream sends back
 * is delivered `delayMs` later (a response's round trip), in order. Requests go up at once.
 * On loopback a TCP connect costs almost nothing, which hides what a connection pool saves;
 * through this proxy a new connection costs what it costs across a network.
 */
import { once } from 'node:events';
import net from 'node:net';

export interface LatencyProxy {
  /** `http://127.0.0.1:<port>` */
  url: string;
  delayMs: number;
  /** Connections accepted so far. */
  connections(): number;
  close(): Promise<void>;
}

/** Starts the proxy in this process, in front of `upstreamUrl` (`http://host:port`). */
export async function startLatencyProxy(
  upstreamUrl: string,
  delayMs: number,
): Promise<LatencyProxy> {
  const upstream = new URL(upstreamUrl);
  const sockets = new Set<net.Socket>();
  let accepted = 0;
  const server = net.createServer({ noDelay: true }, (client) => {
    accepted += 1;
    sockets.add(client);
    client.on('close', () => sockets.delete(client));
    client.pause();
    const timer = setTimeout(() => {
      const server = net.connect({
        host: upstream.hostname,
        port: Number(upstream.port),
        noDelay: true,
      });
      sockets.add(server);
      server.on('close', () => sockets.delete(server));
      relay(client, server, 0);
      relay(server, client, delayMs);
      client.resume();
    }, delayMs);
    client.on('close', () => clearTimeout(timer));
    client.on('error', () => client.destroy());
  });
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const { port } = server.address() as net.AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    delayMs,
    connections: () => accepted,
    close: async () => {
      for (const socket of sockets) socket.destroy();
      await new Promise((resolve) => server.close(resolve));
    },
  };
}

/**
 * Copies `from` to `to`, each chunk `delayMs` late (same delay, so timers keep the order);
 * an end or a reset is passed on after the chunks before it (an end lets what was written
 * flush first).
 */
function relay(from: net.Socket, to: net.Socket, delayMs: number): void {
  const later = (fn: () => void): void => {
    if (delayMs === 0) fn();
    else setTimeout(fn, delayMs);
  };
  from.on('data', (chunk: Buffer) => later(() => to.destroyed || to.write(chunk)));
  from.on('end', () => later(() => to.end()));
  from.on('error', () => later(() => to.destroy()));
  // Closed without an end (a client that aborted): reset the other side too.
  from.on('close', () => later(() => to.writableEnded || to.destroy()));
}
