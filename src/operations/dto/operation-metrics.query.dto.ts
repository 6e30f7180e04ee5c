import { Transform } from 'class-transformer';
import { IsInt, IsOptional, Max, Min } from 'class-validator';
import { toInteger } from '@ktrdr/http-kit';
import { MAX_CLIENT_INTEGER } from '../operations.constants';

/** Query of `GET /operations/:id/metrics`: entries after `cursor` (from the start when absent). */
export class OperationMetricsQueryDto {
  @IsOptional()
  @Max(MAX_CLIENT_INTEGER)
  @Min(0)
  @IsInt()
  @Transform(toInteger)
  cursor?: number;

  @Max(1000)
  @Min(1)
  @IsInt()
  @Transform(toInteger)
  limit: number = 100;
}
