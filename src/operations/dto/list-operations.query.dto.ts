import { Transform } from 'class-transformer';
import { IsBoolean, IsIn, IsInt, IsOptional, IsString, Max, MaxLength, Min } from 'class-validator';
import type { OperationStatus } from '@ktrdr/operations';
import { toBoolean, toInteger } from '@ktrdr/http-kit';
import { MAX_CLIENT_INTEGER } from '../operations.constants';

const STATUSES: readonly OperationStatus[] = [
  'pending',
  'running',
  'cancelling',
  'completed',
  'failed',
  'cancelled',
];

/** Query of `GET /operations`; unknown parameters are rejected. */
export class ListOperationsQueryDto {
  @IsOptional()
  @IsIn(STATUSES)
  status?: OperationStatus;

  @IsOptional()
  @MaxLength(64)
  @IsString()
  operation_type?: string;

  /** Only pending, running and cancelling operations. */
  @IsOptional()
  @IsBoolean({ message: '$property must be true or false' })
  @Transform(toBoolean)
  active_only?: boolean;

  @Max(1000)
  @Min(1)
  @IsInt()
  @Transform(toInteger)
  limit: number = 50;

  @Max(MAX_CLIENT_INTEGER)
  @Min(0)
  @IsInt()
  @Transform(toInteger)
  offset: number = 0;
}
