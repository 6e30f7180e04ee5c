const POSTGRES_URL = /^postgres(ql)?:\/\//i;

/** True for a `postgres://` or `postgresql://` URL; anything else names a SQLite file. */
export function isPostgresUrl(url: string): boolean {
  return POSTGRES_URL.test(url);
}

/**
 * The SQLite file a DATABASE_URL names, as written: the `sqlite:` prefix removed, and the `//`
 * after it (`sqlite:///abs/file`, `sqlite://rel/file`). Empty when it names no file.
 */
export function sqliteFilePath(url: string): string {
  return url.replace(/^sqlite:(\/\/)?/i, '');
}

/** A PostgreSQL URL safe to print: its password, if any, is masked. */
export function maskDatabasePassword(url: string): string {
  try {
    const parsed = new URL(url);
    if (parsed.password) parsed.password = '***';
    return parsed.toString();
  } catch {
    return 'postgres://(unparsable URL)';
  }
}

/**
 * The schema a PostgreSQL URL names with its `schema` parameter
 * (`postgres://host/db?schema=ktrdr`), or undefined. Lets a process started from the environment
 * alone keep its tables in a schema of their own.
 */
export function postgresSchemaOf(url: string): string | undefined {
  try {
    return new URL(url).searchParams.get('schema') || undefined;
  } catch {
    return undefined;
  }
}
