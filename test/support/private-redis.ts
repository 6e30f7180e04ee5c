import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { createServer, type AddressInfo } from 'node:net';
import Redis from 'ioredis';
import { tempDir } from './spawn-service';

const REDIS_SERVER = process.env.KTRDR_TEST_REDIS_SERVER ?? '/usr/bin/redis-server';
const START_TIMEOUT_MS = 10_000;

/**
 * A `redis-server` of one spec's own, on a free loopback port, without persistence: `kill()` is a
 * real crash (SIGKILL, every key lost) and `restart()` brings an empty server back on the same
 * port, so the processes pointed at it see a true Redis restart. The shared Redis is untouched.
 */
export class PrivateRedis {
  private proc: ChildProcess | null = null;

  private constructor(
    readonly port: number,
    private readonly dir: { dir: string; remove: () => void },
  ) {}

  /** Starts one on a free port; resolves once it answers PING. */
  static async start(): Promise<PrivateRedis> {
    const redis = new PrivateRedis(await freePort(), tempDir('ktrdr-redis-'));
    await redis.restart();
    return redis;
  }

  get url(): string {
    return `redis://127.0.0.1:${this.port}`;
  }

  /** Whether the server process runs. */
  get running(): boolean {
    return this.proc !== null;
  }

  /** SIGKILLs the server (its data is gone) and resolves once it has exited. */
  async kill(): Promise<void> {
    const proc = this.proc;
    if (proc === null) return;
    this.proc = null;
    if (proc.exitCode === null && proc.signalCode === null) {
      const exited = once(proc, 'exit');
      proc.kill('SIGKILL');
      await exited;
    }
  }

  /**
   * Starts the server (again) on the same port, empty; resolves with the time (epoch ms) it first
   * answered PING.
   */
  async restart(): Promise<number> {
    await this.kill();
    const proc = spawn(
      REDIS_SERVER,
      [
        '--port',
        String(this.port),
        '--bind',
        '127.0.0.1',
        '--save',
        '',
        '--appendonly',
        'no',
        '--dir',
        this.dir.dir,
      ],
      { stdio: ['ignore', 'pipe', 'pipe'] },
    );
    this.proc = proc;
    let out = '';
    const ready = new Promise<void>((resolve, reject) => {
      const timer = setTimeout(
        () => reject(new Error(`redis-server not ready in ${START_TIMEOUT_MS} ms:\n${out}`)),
        START_TIMEOUT_MS,
      );
      const onData = (chunk: Buffer): void => {
        out += chunk.toString();
        if (!out.includes('Ready to accept connections')) return;
        clearTimeout(timer);
        resolve();
      };
      proc.stdout?.on('data', onData);
      proc.stderr?.on('data', onData);
      proc.once('exit', (code, signal) => {
        clearTimeout(timer);
        reject(new Error(`redis-server exited (${String(code ?? signal)}):\n${out}`));
      });
    });
    await ready;
    await this.ping();
    return Date.now();
  }

  /** One PING; rejects unless the server answers it. */
  async ping(): Promise<void> {
    await this.command((client) => client.ping());
  }

  /** Whether the server holds `key`. */
  async exists(key: string): Promise<boolean> {
    return (await this.command((client) => client.exists(key))) === 1;
  }

  /** Kills the server and removes its folder. */
  async stop(): Promise<void> {
    await this.kill();
    this.dir.remove();
  }

  /** Runs commands on a fresh connection that does not retry (an error when the server is away). */
  private async command<T>(run: (client: Redis) => Promise<T>): Promise<T> {
    const client = new Redis(this.url, {
      lazyConnect: true,
      retryStrategy: () => null,
      maxRetriesPerRequest: 0,
    });
    try {
      await client.connect();
      return await run(client);
    } finally {
      client.disconnect();
    }
  }
}

/** A loopback port that was free a moment ago. */
async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}
