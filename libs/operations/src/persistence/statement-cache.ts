import type { Database, Statement } from 'better-sqlite3';
import type { SqliteDatabase } from 'kysely';

/** How many distinct SQL texts keep their prepared statement (the app uses a few dozen). */
const DEFAULT_CAPACITY = 256;

/**
 * better-sqlite3 as Kysely's SQLite dialect sees it, with prepared statements reused by SQL
 * text. Kysely's driver prepares every query anew; preparing costs more than running a
 * primary-key lookup, so `GET /operations/:id` spent most of its database time there.
 *
 * Reuse is safe because the driver runs one query at a time on its single connection and
 * runs each statement to completion (`all`/`run`); the app never streams a query.
 */
export function withStatementCache(
  database: Database,
  capacity = DEFAULT_CAPACITY,
): SqliteDatabase {
  const statements = new Map<string, Statement>();
  return {
    close: () => {
      statements.clear();
      database.close();
    },
    prepare(sql: string): Statement {
      const cached = statements.get(sql);
      if (cached) {
        // Move to the back: the map's insertion order is the least-recently-used order.
        statements.delete(sql);
        statements.set(sql, cached);
        return cached;
      }
      const statement = database.prepare(sql);
      statements.set(sql, statement);
      if (statements.size > capacity) {
        const oldest = statements.keys().next().value;
        if (oldest !== undefined) statements.delete(oldest);
      }
      return statement;
    },
  };
}
