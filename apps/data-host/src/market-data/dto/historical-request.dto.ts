import { IsString } from 'class-validator';

/** Body of `POST /data/historical`: `start` and `end` are ISO-8601 times (UTC unless zoned). */
export class HistoricalRequestDto {
  @IsString()
  symbol!: string;

  @IsString()
  timeframe!: string;

  @IsString()
  start!: string;

  @IsString()
  end!: string;
}
