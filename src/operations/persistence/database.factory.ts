import { mkdirSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import Database from 'better-sqlite3';
import { Kysely, PostgresDialect, SqliteDialect } from 'kysely';
import { Pool } from 'pg';
import type { DatabaseHandle, OperationsDatabase } from './database.types';
import { withStatementCache } from './statement-cache';

export interface DatabaseOptions {
  /** A SQLite file path (`sqlite:` prefix optional) or a `postgres://` / `postgresql://` URL. */
  databaseUrl: string;
  /** PostgreSQL only: the schema to use (created by the migrations if missing). */
  schema?: string;
}

const POSTGRES_URL = /^postgres(ql)?:\/\//i;
const SCHEMA_NAME = /^[a-z_][a-z0-9_]{0,62}$/;
const SQLITE_BUSY_TIMEOUT_MS = 5000;

/** Opens the operations database: SQLite by default, PostgreSQL for a postgres URL. */
export function createDatabase(options: DatabaseOptions): DatabaseHandle {
  const url = options.databaseUrl.trim();
  return POSTGRES_URL.test(url) ? openPostgres(url, options.schema) : openSqlite(url);
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
    dialect: new SqliteDialect({ database: withStatementCache(database) }),
  });
  return { db, kind: 'sqlite', schema: null, location: path === ':memory:' ? path : resolve(path) };
}

function sqlitePath(url: string): string {
  let path = url.replace(/^sqlite:/i, '');
  // `sqlite:///abs/file` and `sqlite://rel/file` name the path after the double slash.
  if (path.startsWith('//')) path = path.slice(2);
  if (path === '') throw new Error(`DATABASE_URL "${url}" names no SQLite file`);
  return path;
}

function openPostgres(url: string, schema: string | undefined): DatabaseHandle {
  if (schema !== undefined && !SCHEMA_NAME.test(schema)) {
    throw new Error(`Invalid PostgreSQL schema name "${schema}" (lowercase letters, digits, _)`);
  }
  const pool = new Pool({
    connectionString: url,
    // Every pooled connection resolves unqualified table names in the chosen schema.
    options: schema === undefined ? undefined : `-c search_path=${schema}`,
  });
  const db = new Kysely<OperationsDatabase>({ dialect: new PostgresDialect({ pool }) });
  return { db, kind: 'postgres', schema: schema ?? null, location: redactPassword(url) };
}

function redactPassword(url: string): string {
  try {
    const parsed = new URL(url);
    if (parsed.password) parsed.password = '***';
    return parsed.toString();
  } catch {
    return 'postgres://(unparsable URL)';
  }
}
