import { IsString } from 'class-validator';

/** Query of `GET /data/head-timestamp`. */
export class HeadTimestampQueryDto {
  @IsString()
  symbol!: string;

  @IsString()
  timeframe!: string;
}
