import type { OperationStatus } from '@ktrdr/operations';

/** Every status, in lifecycle order (the list filter and the documents' enums). */
export const OPERATION_STATUSES: readonly OperationStatus[] = [
  'pending',
  'running',
  'cancelling',
  'completed',
  'failed',
  'cancelled',
];
