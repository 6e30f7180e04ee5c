import { IsOptional, IsString, MaxLength } from 'class-validator';

/** Query of `GET /data/:symbol/:timeframe`: an optional ISO-8601 window, both ends included. */
export class BarsQueryDto {
  @IsOptional()
  @IsString()
  @MaxLength(40)
  start?: string;

  @IsOptional()
  @IsString()
  @MaxLength(40)
  end?: string;
}
