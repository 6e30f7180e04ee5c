import { Injectable, type PipeTransform } from '@nestjs/common';
import { OperationNotFoundError } from '@ktrdr/operations';

/** The shape of every operation id: `op_{type}_{YYYYMMDD}_{HHMMSS}_{8 hex}`. */
export const OPERATION_ID_PATTERN = /^op_[a-z0-9_]+_\d{8}_\d{6}_[0-9a-f]{8}$/;

export function isOperationIdShape(value: string): boolean {
  return OPERATION_ID_PATTERN.test(value);
}

/**
 * Route-parameter pipe for operation ids. A malformed id answers 404 OPERATION_NOT_FOUND, the
 * same as a well-formed unknown one: no operation can have that id, and clients need not tell
 * the two apart. It also keeps arbitrary strings away from the database.
 */
@Injectable()
export class ParseOperationIdPipe implements PipeTransform<string, string> {
  transform(value: string): string {
    if (!isOperationIdShape(value)) throw new OperationNotFoundError(value.slice(0, 100));
    return value;
  }
}
