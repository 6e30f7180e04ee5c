import { Client, type ClientConfig, Pool, type PoolClient } from 'pg';
import { abortError, raceAbort, throwIfAborted } from '../providers/provider-abort';
import { InProcessSeriesLock } from './in-process-series-lock';
import { SeriesLock } from './series-lock';

/** Options of {@link PostgresSeriesLock}. */
export interface PostgresSeriesLockOptions {
  /** Where the lock's connections go (the operations database of the processes that share it). */
  connection: ClientConfig;
  /** Most connections open at once: each write, and each cross-process wait, holds one (10). */
  maxConnections?: number;
  /** Where a connection lost while it held a lock is reported (default: nowhere). */
  log?: (message: string) => void;
}

/** The first half of every key: `hashtext('ktrdr.csv-series')`, so no other advisory lock collides. */
const NAMESPACE = 'ktrdr.csv-series';
const CONNECT_TIMEOUT_MS = 5000;
// The second half: the series, within the schema the connection uses (processes sharing a
// database but not a schema, as tests do, do not share locks).
const KEY_SQL = `hashtext($1), hashtext(coalesce(current_schema(), '') || ':' || $2)`;

/**
 * The lock across processes: a PostgreSQL session-level advisory lock (`pg_advisory_lock`) per
 * series, taken on a connection of its own that is held for the whole write and released in
 * `finally` (or by the server, when that session ends: a dead process holds nothing). Tasks of
 * this process queue in an {@link InProcessSeriesLock} first, so only one connection per series
 * and process waits on the server. An aborted wait is cancelled on the server
 * (`pg_cancel_backend`, from a short-lived connection: the waiting backend reads nothing from its
 * own socket until its statement ends).
 *
 * @example
 * const lock = new PostgresSeriesLock({ connection: { connectionString: process.env.DATABASE_URL } });
 * const store = new CsvBarStore('./data', { lock });
 */
export class PostgresSeriesLock extends SeriesLock {
  private readonly local = new InProcessSeriesLock();
  private readonly pool: Pool;
  private readonly connection: ClientConfig;
  private readonly log: (message: string) => void;

  constructor(options: PostgresSeriesLockOptions) {
    super();
    this.connection = { ...options.connection, connectionTimeoutMillis: CONNECT_TIMEOUT_MS };
    this.log = options.log ?? (() => undefined);
    this.pool = new Pool({ ...this.connection, max: options.maxConnections ?? 10 });
    // Unhandled, a lost connection's 'error' event would end the process.
    this.pool.on('error', () => undefined);
    this.pool.on('connect', (client) =>
      client.on('error', (error) =>
        this.log(`Series lock connection lost (a lock it held is gone): ${error.message}`),
      ),
    );
  }

  run<T>(key: string, task: () => Promise<T>, signal?: AbortSignal): Promise<T> {
    return this.local.run(key, () => this.runLocked(key, task, signal), signal);
  }

  override close(): Promise<void> {
    return this.pool.end();
  }

  private async runLocked<T>(key: string, task: () => Promise<T>, signal?: AbortSignal) {
    const client = await this.connect(signal);
    await this.lock(client, key, signal);
    try {
      return await task();
    } finally {
      await this.unlock(client, key);
    }
  }

  /** A connection of the pool; waiting for one ends with the signal. */
  private async connect(signal: AbortSignal | undefined): Promise<PoolClient> {
    throwIfAborted(signal);
    const connecting = this.pool.connect();
    try {
      return await raceAbort(connecting, signal);
    } catch (error) {
      if (signal?.aborted)
        void connecting.then(
          (client) => client.release(),
          () => undefined,
        );
      throw error;
    }
  }

  /**
   * Takes the advisory lock on `client`, waiting as long as another session holds it. An abort
   * rejects at once; the waiting statement is then cancelled on the server and the connection
   * given back (a lock granted in the meantime released first). Any other failure releases the
   * connection as unusable and rejects.
   */
  private lock(client: PoolClient, key: string, signal: AbortSignal | undefined): Promise<void> {
    if (signal?.aborted) {
      client.release();
      return Promise.reject(abortError(signal));
    }
    const locking = client.query(`select pg_advisory_lock(${KEY_SQL})`, [NAMESPACE, key]);
    return new Promise<void>((resolve, reject) => {
      let abandoned = false;
      const onAbort = (): void => {
        abandoned = true;
        reject(abortError(signal!));
        void this.abandon(client, key, locking);
      };
      signal?.addEventListener('abort', onAbort, { once: true });
      locking.then(
        () => {
          signal?.removeEventListener('abort', onAbort);
          resolve();
        },
        (error: Error) => {
          signal?.removeEventListener('abort', onAbort);
          if (abandoned) return;
          client.release(error);
          reject(error);
        },
      );
    });
  }

  /** Ends an abandoned wait: cancels it on the server, then gives the connection back. */
  private async abandon(client: PoolClient, key: string, locking: Promise<unknown>) {
    // `processID`: the backend's pid from the protocol's BackendKeyData (untyped in @types/pg).
    await this.cancelBackend((client as unknown as { processID: number }).processID);
    const granted = await locking.then(
      () => true,
      () => false,
    );
    // Granted just before the cancel landed: held by nobody now, so released at once.
    if (granted) await this.unlock(client, key);
    else client.release();
  }

  /** Releases the lock and the connection (closed if the unlock fails: that frees the lock). */
  private async unlock(client: PoolClient, key: string): Promise<void> {
    await client.query(`select pg_advisory_unlock(${KEY_SQL})`, [NAMESPACE, key]).then(
      () => client.release(),
      (error: Error) => client.release(error),
    );
  }

  /** Cancels the statement a backend runs, from a connection of its own; never rejects. */
  private async cancelBackend(pid: number): Promise<void> {
    const client = new Client(this.connection);
    client.on('error', () => undefined);
    try {
      await client.connect();
      await client.query('select pg_cancel_backend($1)', [pid]);
    } catch (error) {
      this.log(`Could not cancel a series lock wait: ${(error as Error).message}`);
    } finally {
      await client.end().catch(() => undefined);
    }
  }
}
