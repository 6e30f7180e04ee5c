import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'kysely';
import { createDatabase } from './database.factory';

describe('createDatabase', () => {
  let dir: string;

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'ktrdr-db-factory-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it.each([
    ['a plain path', (file: string) => file],
    ['a sqlite: path', (file: string) => `sqlite:${file}`],
    ['a sqlite:// URL', (file: string) => `sqlite://${file}`],
  ])('opens SQLite from %s, creating the parent folder, in WAL mode', async (_name, toUrl) => {
    const file = join(dir, 'nested', 'deeper', 'ops.sqlite');
    const handle = createDatabase({ databaseUrl: toUrl(file) });
    try {
      expect(handle.kind).toBe('sqlite');
      expect(handle.location).toBe(file);
      expect(existsSync(join(dir, 'nested', 'deeper'))).toBe(true);
      const pragma = async (name: string) =>
        (await sql.raw<Record<string, unknown>>(`pragma ${name}`).execute(handle.db)).rows[0];
      expect(await pragma('journal_mode')).toEqual({ journal_mode: 'wal' });
      expect(await pragma('synchronous')).toEqual({ synchronous: 1 }); // NORMAL
      expect(await pragma('foreign_keys')).toEqual({ foreign_keys: 1 });
      expect(await pragma('busy_timeout')).toEqual({ timeout: 5000 });
    } finally {
      await handle.db.destroy();
    }
  });

  it('refuses a URL naming no file', () => {
    expect(() => createDatabase({ databaseUrl: 'sqlite:' })).toThrow(/names no SQLite file/);
  });

  it('builds a PostgreSQL pool for postgres URLs without logging the password', async () => {
    const handle = createDatabase({
      databaseUrl: 'postgresql://user:secret@db.example:5432/ktrdr',
      schema: 'ktrdr_app',
    });
    expect(handle.kind).toBe('postgres');
    expect(handle.schema).toBe('ktrdr_app');
    expect(handle.location).toBe('postgresql://user:***@db.example:5432/ktrdr');
    await handle.db.destroy(); // never connected: nothing to close
  });

  it('refuses a schema name that is not a plain identifier', () => {
    expect(() =>
      createDatabase({ databaseUrl: 'postgres://localhost/x', schema: 'a"; drop table x' }),
    ).toThrow(/Invalid PostgreSQL schema name/);
  });
});
