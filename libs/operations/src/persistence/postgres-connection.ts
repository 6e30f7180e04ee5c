import type { ClientConfig } from 'pg';

/** `application_name` of the operations connections unless the URL names one. */
export const DEFAULT_APPLICATION_NAME = 'ktrdr';

/**
 * The connection settings of every operations connection to `url`: unqualified names resolve in
 * `schema` (when set), and the session is named (`application_name`: the URL's own, else
 * `ktrdr`, plus `suffix`) so an operator, or a test, can tell these sessions apart in
 * pg_stat_activity.
 */
export function postgresConnectionConfig(
  url: string,
  schema: string | null,
  suffix = '',
): ClientConfig {
  let connectionString = url;
  let name = DEFAULT_APPLICATION_NAME;
  try {
    const parsed = new URL(url);
    name = parsed.searchParams.get('application_name') || name;
    // node-postgres lets the URL's parameters win over the config's: the name is set below.
    parsed.searchParams.delete('application_name');
    // Ours, not node-postgres': the schema is set through search_path below.
    parsed.searchParams.delete('schema');
    connectionString = parsed.toString();
  } catch {
    // Not a URL node's parser takes: handed to node-postgres as written.
  }
  return {
    connectionString,
    application_name: `${name}${suffix}`,
    ...(schema !== null && { options: `-c search_path=${schema}` }),
  };
}
