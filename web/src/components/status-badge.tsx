import type { OperationStatus } from '../api';

/** The operation's status as a coloured badge (text, not colour alone, carries the meaning). */
export function StatusBadge({ status }: { status: OperationStatus }) {
  return (
    <span class={`badge badge-${status}`} data-status={status}>
      {status}
    </span>
  );
}
