import { Logger } from '@nestjs/common';
import { Client } from 'pg';
import { type HeldInstanceLock, InstanceLockedError } from './instance-lock.types';
import { postgresConnectionConfig } from './postgres-connection';

/** Added to the `application_name` of the lock's connection (`ktrdr instance lock`). */
export const INSTANCE_LOCK_APPLICATION_SUFFIX = ' instance lock';
const LOCK_NAMESPACE = 'ktrdr.operations.in-process';
const RETRY_MS = [250, 500, 1000, 2000, 5000];

/**
 * Locks a PostgreSQL operations schema with a session-level advisory lock
 * (`pg_try_advisory_lock`, keyed by the schema the connections use) on a connection of its own,
 * held for the life of the process; the
 * server drops it when that session ends (process death included). When the connection is lost
 * (a database restart), it is re-taken as soon as the server answers again.
 */
export async function acquirePostgresInstanceLock(
  url: string,
  schema: string | null,
  location: string,
): Promise<HeldInstanceLock> {
  const lock = new PostgresInstanceLock(url, schema, location);
  await lock.take();
  return lock;
}

class PostgresInstanceLock implements HeldInstanceLock {
  readonly description: string;
  private readonly logger = new Logger('InstanceLock');
  private client: Client | null = null;
  private released = false;
  private retry: NodeJS.Timeout | null = null;

  constructor(
    private readonly url: string,
    private readonly schema: string | null,
    private readonly location: string,
  ) {
    this.description = `advisory lock "${LOCK_NAMESPACE}" on schema ${schema ?? '(search_path)'}`;
  }

  /** Connects and takes the lock; throws InstanceLockedError when another session holds it. */
  async take(): Promise<void> {
    const client = new Client(
      postgresConnectionConfig(this.url, this.schema, INSTANCE_LOCK_APPLICATION_SUFFIX),
    );
    // A lost connection emits 'error' (unhandled, it would end the process): take it again.
    client.on('error', (error) => this.lost(client, error));
    try {
      await client.connect();
      const { rows } = await client.query<{ locked: boolean }>(
        "select pg_try_advisory_lock(hashtext($1), hashtext(coalesce(current_schema(), ''))) as locked",
        [LOCK_NAMESPACE],
      );
      if (rows[0]?.locked !== true) throw new InstanceLockedError(this.location, this.description);
    } catch (error) {
      await client.end().catch(() => undefined);
      throw error;
    }
    this.client = client;
  }

  async release(): Promise<void> {
    this.released = true;
    if (this.retry !== null) clearTimeout(this.retry);
    const client = this.client;
    this.client = null;
    await client?.end().catch(() => undefined);
  }

  private lost(client: Client, error: Error): void {
    if (this.released || this.client !== client) return;
    this.client = null;
    void client.end().catch(() => undefined);
    this.logger.warn(`Lost the ${this.description} (${error.message}); taking it again`);
    this.retake(0);
  }

  private retake(attempt: number): void {
    const delay = RETRY_MS[Math.min(attempt, RETRY_MS.length - 1)] ?? 5000;
    this.retry = setTimeout(() => {
      this.retry = null;
      if (this.released) return;
      this.take().then(
        () => this.logger.log(`Took the ${this.description} again`),
        (error: unknown) => {
          const message = error instanceof Error ? error.message : String(error);
          if (error instanceof InstanceLockedError) this.logger.error(message);
          this.retake(attempt + 1);
        },
      );
    }, delay);
    this.retry.unref();
  }
}
