import { randomBytes } from 'node:crypto';
import { Redis } from 'ioredis';

export const TEST_REDIS_URL = process.env.KTRDR_TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';

/** A key prefix of one's own on the shared test Redis, and an admin connection to it. */
export interface TestRedis {
  readonly url: string;
  readonly prefix: string;
  readonly admin: Redis;
  /**
   * Cuts this suite's connections whose name starts with `namePrefix` (never anyone else's), as
   * a Redis restart would; returns how many.
   */
  killConnections(namePrefix: string): Promise<number>;
  /** Deletes every key under the prefix and closes the admin connection. */
  cleanup(): Promise<void>;
}

export async function createTestRedis(): Promise<TestRedis> {
  const prefix = `ktrdr-test-${randomBytes(5).toString('hex')}`;
  const admin = new Redis(TEST_REDIS_URL, { lazyConnect: true });
  await admin.connect();
  return {
    url: TEST_REDIS_URL,
    prefix,
    admin,
    killConnections: async (namePrefix) => {
      if (!namePrefix.startsWith(prefix)) throw new Error(`${namePrefix} is not under ${prefix}`);
      const list = (await admin.client('LIST')) as string;
      const ids = list
        .split('\n')
        .map((line) => /\bid=(\d+)\b.*\bname=(\S+)/.exec(line))
        .filter((m): m is RegExpExecArray => m !== null && (m[2] ?? '').startsWith(namePrefix))
        .map((m) => m[1] as string);
      for (const id of ids) await admin.client('KILL', 'ID', id);
      return ids.length;
    },
    cleanup: async () => {
      let cursor = '0';
      do {
        const [next, keys] = await admin.scan(cursor, 'MATCH', `${prefix}:*`, 'COUNT', 500);
        cursor = next;
        if (keys.length > 0) await admin.del(...keys);
      } while (cursor !== '0');
      await admin.quit();
    },
  };
}
