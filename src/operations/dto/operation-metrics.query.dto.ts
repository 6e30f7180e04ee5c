import { ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsInt, IsOptional, Max, Min } from 'class-validator';
import { toInteger } from '@ktrdr/http-kit';
import { MAX_CLIENT_INTEGER } from '../operations.constants';

/** Query of `GET /operations/:id/metrics`: entries after `cursor` (from the start when absent). */
export class OperationMetricsQueryDto {
  @ApiPropertyOptional({
    type: 'integer',
    minimum: 0,
    maximum: MAX_CLIENT_INTEGER,
    description:
      'Entries after this cursor (`next_cursor` of the previous page); from the start when absent',
  })
  @IsOptional()
  @Max(MAX_CLIENT_INTEGER)
  @Min(0)
  @IsInt()
  @Transform(toInteger)
  cursor?: number;

  @ApiPropertyOptional({ type: 'integer', minimum: 1, maximum: 1000, default: 100 })
  @Max(1000)
  @Min(1)
  @IsInt()
  @Transform(toInteger)
  limit: number = 100;
}
