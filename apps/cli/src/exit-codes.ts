import type { OperationStatus } from './api.types';

/** Process exit codes of `ktrdr`: scripts can tell how an operation ended. */
export const ExitCode = {
  /** The operation completed (or the command succeeded). */
  Ok: 0,
  /** The operation failed, or the API answered an error / could not be reached. */
  Failed: 1,
  /** The command line was wrong (unknown command or option, bad value). */
  Usage: 2,
  /** The operation was cancelled, or watching was interrupted with Ctrl+C. */
  Cancelled: 130,
} as const;

export type ExitCode = (typeof ExitCode)[keyof typeof ExitCode];

/** The exit code for an operation that reached a final state. */
export function exitCodeForStatus(status: OperationStatus): ExitCode {
  switch (status) {
    case 'completed':
      return ExitCode.Ok;
    case 'failed':
      return ExitCode.Failed;
    case 'cancelled':
      return ExitCode.Cancelled;
    case 'pending':
    case 'running':
    case 'cancelling':
      throw new Error(`operation is still ${status}: it has no exit code yet`);
  }
}

/** Appended to `ktrdr --help`. */
export const EXIT_CODES_HELP = `
Exit codes:
  0    the operation completed (or the command succeeded)
  1    the operation failed, or the API answered an error or could not be reached
  2    usage error (unknown command or option, invalid value)
  130  the operation was cancelled, or watching was stopped with Ctrl+C

Environment:
  KTRDR_API_URL  API base URL (default http://127.0.0.1:8000)
  KTRDR_API_KEY  API key, sent as "Authorization: Bearer <key>"`;
