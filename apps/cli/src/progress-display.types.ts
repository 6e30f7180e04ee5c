import type { ProgressSnapshot } from './api.types';

/** Where progress is drawn: a live bar on a terminal, plain lines elsewhere. */
export interface ProgressDisplay {
  update(progress: ProgressSnapshot): void;
  /** Prints a line of its own without garbling the live bar. */
  log(line: string): void;
  /** Leaves the output on a fresh line; later updates are ignored. */
  stop(): void;
}

/** A writable text stream; Node sets `isTTY` and `columns` on terminals. */
export interface OutputStream extends NodeJS.WritableStream {
  isTTY?: boolean;
  columns?: number;
}
