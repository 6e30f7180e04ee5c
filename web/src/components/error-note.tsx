import type { ApiError } from '../api';

/** An API error as the page shows it: the code and the message. */
export function ErrorNote({ error, prefix }: { error: ApiError; prefix?: string }) {
  return (
    <p class="error" role="alert">
      {prefix ? `${prefix}: ` : ''}
      <code>{error.code}</code> {error.message}
    </p>
  );
}
