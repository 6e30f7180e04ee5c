import { Transform } from 'class-transformer';
import { IsInt, IsOptional, IsString, Max, Min, MaxLength } from 'class-validator';
import { toInteger } from '@ktrdr/http-kit';
import { BARS_PAGE_DEFAULT, BARS_PAGE_MAX } from '../data.constants';

/**
 * Query of `GET /data/:symbol/:timeframe`: an optional ISO-8601 window, both ends included,
 * and the page size (`limit`); the answer's `next` is the following page's `start`.
 */
export class BarsQueryDto {
  @IsOptional()
  @IsString()
  @MaxLength(40)
  start?: string;

  @IsOptional()
  @IsString()
  @MaxLength(40)
  end?: string;

  @Max(BARS_PAGE_MAX)
  @Min(1)
  @IsInt()
  @Transform(toInteger)
  limit: number = BARS_PAGE_DEFAULT;
}
