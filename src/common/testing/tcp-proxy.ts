import { type AddressInfo, type Server, type Socket, connect, createServer } from 'node:net';

/**
 * A TCP forwarder for tests (loopback): lets a spec take a real server away from the app and
 * give it back, as a network outage or a database restart would. While down, new connections
 * are closed at once and the open ones are cut.
 */
export class TcpProxy {
  private readonly server: Server;
  private readonly open = new Set<Socket>();
  private down = false;

  private constructor(target: { host: string; port: number }) {
    this.server = createServer((client) => {
      if (this.down) {
        client.destroy();
        return;
      }
      const upstream = connect(target.port, target.host);
      for (const [a, b] of [
        [client, upstream],
        [upstream, client],
      ] as const) {
        this.open.add(a);
        a.on('close', () => {
          this.open.delete(a);
          b.destroy();
        });
        a.on('error', () => b.destroy());
        a.pipe(b);
      }
    });
  }

  /** Listens on a free loopback port in front of `target`. */
  static async start(target: { host: string; port: number }): Promise<TcpProxy> {
    const proxy = new TcpProxy(target);
    await new Promise<void>((resolve) => proxy.server.listen(0, '127.0.0.1', resolve));
    return proxy;
  }

  get port(): number {
    return (this.server.address() as AddressInfo).port;
  }

  /** Refuses new connections and cuts the open ones. */
  takeDown(): void {
    this.down = true;
    for (const socket of this.open) socket.destroy();
  }

  bringUp(): void {
    this.down = false;
  }

  async close(): Promise<void> {
    this.takeDown();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }
}
