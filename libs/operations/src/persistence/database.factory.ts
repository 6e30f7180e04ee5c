import { mkdirSync } from 'node:fs';
import { Logger } from '@nestjs/common';
import { dirname, resolve } from 'node:path';
import Database from 'better-sqlite3';
import { Kysely, PostgresDialect, SqliteDialect } from 'kysely';
import { Pool } from 'pg';
import {
  isPostgresUrl,
  maskDatabasePassword,
  postgresSchemaOf,
  sqliteFilePath,
} from './database-url';
import type { DatabaseHandle, OperationsDatabase } from './database.types';
import { ErrorTranslatingDialect } from './error-translating-dialect';
import { migrateToLatest } from './operations-migrator';
import { postgresConnectionConfig } from './postgres-connection';
import { withStatementCache } from './statement-cache';

export interface DatabaseOptions {
  /** A SQLite file path (`sqlite:` prefix optional) or a `postgres://` / `postgresql://` URL. */
  databaseUrl: string;
  /**
   * PostgreSQL only: the schema to use (created by the migrations if missing); default the
   * URL's `schema` parameter, if any.
   */
  schema?: string;
}

const SCHEMA_NAME = /^[a-z_][a-z0-9_]{0,62}$/;
const SQLITE_BUSY_TIMEOUT_MS = 5000;
const POSTGRES_CONNECT_TIMEOUT_MS = 5000;

/** Opens the operations database: SQLite by default, PostgreSQL for a postgres URL. */
export function createDatabase(options: DatabaseOptions): DatabaseHandle {
  const url = options.databaseUrl.trim();
  return isPostgresUrl(url)
    ? openPostgres(url, options.schema ?? postgresSchemaOf(url))
    : openSqlite(url);
}

/** Opens the database and brings its schema up to date; closes it again if that fails. */
export async function openMigratedDatabase(options: DatabaseOptions): Promise<DatabaseHandle> {
  const handle = createDatabase(options);
  try {
    await migrateToLatest(handle);
  } catch (error) {
    await handle.db.destroy();
    throw error;
  }
  return handle;
}

function openSqlite(url: string): DatabaseHandle {
  const path = sqlitePath(url);
  if (path !== ':memory:') mkdirSync(dirname(resolve(path)), { recursive: true });
  const database = new Database(path);
  database.pragma('journal_mode = WAL');
  database.pragma('synchronous = NORMAL');
  database.pragma(`busy_timeout = ${SQLITE_BUSY_TIMEOUT_MS}`);
  database.pragma('foreign_keys = ON');
  const db = new Kysely<OperationsDatabase>({
    dialect: new ErrorTranslatingDialect(
      new SqliteDialect({ database: withStatementCache(database) }),
    ),
  });
  return { db, kind: 'sqlite', schema: null, location: path === ':memory:' ? path : resolve(path) };
}

function sqlitePath(url: string): string {
  const path = sqliteFilePath(url);
  if (path === '') throw new Error(`DATABASE_URL "${url}" names no SQLite file`);
  return path;
}

function openPostgres(url: string, schema: string | undefined): DatabaseHandle {
  if (schema !== undefined && !SCHEMA_NAME.test(schema)) {
    throw new Error(`Invalid PostgreSQL schema name "${schema}" (lowercase letters, digits, _)`);
  }
  const pool = new Pool({
    ...postgresConnectionConfig(url, schema ?? null),
    // A server that does not answer fails the query rather than holding it forever.
    connectionTimeoutMillis: POSTGRES_CONNECT_TIMEOUT_MS,
  });
  // A pooled connection the server ends (restart, pg_terminate_backend) emits 'error'; unhandled,
  // that event would end the process. The pool drops that connection and the next query opens a
  // new one.
  const logger = new Logger('OperationsDatabase');
  const lost = (error: Error): void => logger.warn(`PostgreSQL connection lost: ${error.message}`);
  pool.on('error', lost);
  // A connection in use (between two statements of a transaction) reports there instead; its
  // query fails on its own, the listener only keeps the event from ending the process.
  pool.on('connect', (client) => client.on('error', lost));
  const db = new Kysely<OperationsDatabase>({
    dialect: new ErrorTranslatingDialect(new PostgresDialect({ pool })),
  });
  return { db, kind: 'postgres', schema: schema ?? null, location: maskDatabasePassword(url) };
}
