import { ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsInt, IsOptional, IsString, Max, Min, MaxLength } from 'class-validator';
import { toInteger } from '@ktrdr/http-kit';
import { BARS_PAGE_DEFAULT, BARS_PAGE_MAX } from '../data.constants';

/**
 * Query of `GET /data/:symbol/:timeframe`: an optional ISO-8601 window, both ends included,
 * and the page size (`limit`); the answer's `next` is the following page's `start`. With
 * `before` (instead of `end`) the page is read backwards: the last `limit` bars before it,
 * and `previous` is the older page's `before`.
 */
export class BarsQueryDto {
  @ApiPropertyOptional({
    maxLength: 40,
    description: 'ISO-8601; bars from here (included)',
    example: '2024-01-01',
  })
  @IsOptional()
  @IsString()
  @MaxLength(40)
  start?: string;

  @ApiPropertyOptional({ maxLength: 40, description: 'ISO-8601; bars up to here (included)' })
  @IsOptional()
  @IsString()
  @MaxLength(40)
  end?: string;

  @ApiPropertyOptional({
    maxLength: 40,
    description:
      'ISO-8601; read backwards: the last `limit` bars strictly before this time (not with ' +
      "`end`); the answer's `previous` is the older page's `before`",
    example: '2024-06-01T00:00:00Z',
  })
  @IsOptional()
  @IsString()
  @MaxLength(40)
  before?: string;

  @ApiPropertyOptional({
    minimum: 1,
    maximum: BARS_PAGE_MAX,
    default: BARS_PAGE_DEFAULT,
    description: "bars per page; the answer's `next` starts the following page",
  })
  @Max(BARS_PAGE_MAX)
  @Min(1)
  @IsInt()
  @Transform(toInteger)
  limit: number = BARS_PAGE_DEFAULT;
}
