import { ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsBoolean, IsIn, IsInt, IsOptional, IsString, Max, MaxLength, Min } from 'class-validator';
import type { OperationStatus } from '@ktrdr/operations';
import { toBoolean, toInteger } from '@ktrdr/http-kit';
import { MAX_CLIENT_INTEGER } from '../operations.constants';
import { OPERATION_STATUSES } from './operation-statuses';

/** Query of `GET /operations`; unknown parameters are rejected. */
export class ListOperationsQueryDto {
  @ApiPropertyOptional({ enum: OPERATION_STATUSES })
  @IsOptional()
  @IsIn(OPERATION_STATUSES)
  status?: OperationStatus;

  @ApiPropertyOptional({ maxLength: 64, example: 'data_load' })
  @IsOptional()
  @MaxLength(64)
  @IsString()
  operation_type?: string;

  /** Only pending, running and cancelling operations. */
  @ApiPropertyOptional({ description: 'Only pending, running and cancelling operations' })
  @IsOptional()
  @IsBoolean({ message: '$property must be true or false' })
  @Transform(toBoolean)
  active_only?: boolean;

  @ApiPropertyOptional({ type: 'integer', minimum: 1, maximum: 1000, default: 50 })
  @Max(1000)
  @Min(1)
  @IsInt()
  @Transform(toInteger)
  limit: number = 50;

  @ApiPropertyOptional({ type: 'integer', minimum: 0, maximum: MAX_CLIENT_INTEGER, default: 0 })
  @Max(MAX_CLIENT_INTEGER)
  @Min(0)
  @IsInt()
  @Transform(toInteger)
  offset: number = 0;
}
