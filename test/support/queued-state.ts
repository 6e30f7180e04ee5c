import Redis from 'ioredis';
import { Client } from 'pg';

/**
 * Removes what a queued-mode run left on the shared servers: its PostgreSQL schemas and every
 * Redis key under its prefix (tests and benches each use their own of both).
 */
export async function dropQueuedState(state: {
  postgresUrl: string;
  redisUrl: string;
  schemas: readonly string[];
  prefix: string;
}): Promise<void> {
  const client = new Client({ connectionString: state.postgresUrl });
  await client.connect();
  try {
    for (const schema of state.schemas)
      await client.query(`drop schema if exists "${schema}" cascade`);
  } finally {
    await client.end();
  }
  const redis = new Redis(state.redisUrl);
  try {
    let cursor = '0';
    do {
      const [next, keys] = await redis.scan(cursor, 'MATCH', `${state.prefix}:*`, 'COUNT', 500);
      cursor = next;
      if (keys.length > 0) await redis.del(...keys);
    } while (cursor !== '0');
  } finally {
    await redis.quit();
  }
}

/** Runs one query in `schema` of the database at `postgresUrl` (a connection of its own). */
export async function queryInSchema<T extends Record<string, unknown>>(
  postgresUrl: string,
  schema: string,
  text: string,
  values: unknown[] = [],
): Promise<T[]> {
  const client = new Client({ connectionString: postgresUrl });
  await client.connect();
  try {
    await client.query(`set search_path to "${schema}"`);
    return (await client.query<T>(text, values)).rows;
  } finally {
    await client.end();
  }
}
