import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, IsString, MaxLength } from 'class-validator';

/** Query of `GET /data/:symbol/:timeframe`: an optional ISO-8601 window, both ends included. */
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
}
