import { randomBytes } from 'node:crypto';

const OPERATION_TYPE = /^[a-z][a-z0-9_]*$/;

/** Whether a type can appear in an operation id. */
export function isValidOperationType(operationType: string): boolean {
  return OPERATION_TYPE.test(operationType);
}

/** `op_{type}_{YYYYMMDD_HHMMSS}_{8 hex}`, the time in UTC, the suffix cryptographically random. */
export function createOperationId(operationType: string, now: Date = new Date()): string {
  const iso = now.toISOString(); // 2025-01-31T14:05:09.123Z
  const date = iso.slice(0, 10).replaceAll('-', '');
  const time = iso.slice(11, 19).replaceAll(':', '');
  return `op_${operationType}_${date}_${time}_${randomBytes(4).toString('hex')}`;
}
