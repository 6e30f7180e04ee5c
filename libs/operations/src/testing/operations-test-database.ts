import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client } from 'pg';
import type { DatabaseOptions } from '../persistence/database.factory';

export type TestDialect = 'sqlite' | 'postgres';

/** Every dialect the store supports; the suites run against each. */
export const TEST_DIALECTS: TestDialect[] = ['sqlite', 'postgres'];

export const TEST_POSTGRES_URL =
  process.env.KTRDR_TEST_POSTGRES_URL ?? 'postgres://postgres@127.0.0.1:5432/test';

/** A fresh database for one suite: a SQLite file in a temp folder, or a PostgreSQL schema. */
export interface TestDatabase {
  readonly options: DatabaseOptions;
  /** Removes the temp folder or drops the schema. */
  cleanup(): Promise<void>;
}

export function createTestDatabase(dialect: TestDialect): TestDatabase {
  if (dialect === 'sqlite') {
    const dir = mkdtempSync(join(tmpdir(), 'ktrdr-operations-'));
    return {
      // A nested path: the factory must create the parent folder.
      options: { databaseUrl: `sqlite:${join(dir, 'db', 'operations.sqlite')}` },
      cleanup: () => Promise.resolve(rmSync(dir, { recursive: true, force: true })),
    };
  }
  const schema = `ktrdr_test_${randomBytes(6).toString('hex')}`;
  return {
    options: { databaseUrl: TEST_POSTGRES_URL, schema },
    cleanup: async () => {
      const client = new Client({ connectionString: TEST_POSTGRES_URL });
      await client.connect();
      try {
        await client.query(`drop schema if exists "${schema}" cascade`);
      } finally {
        await client.end();
      }
    },
  };
}
