import {
  ArrayMaxSize,
  ArrayNotEmpty,
  ArrayUnique,
  IsArray,
  IsIn,
  IsInt,
  IsISO8601,
  IsNotEmpty,
  IsOptional,
  IsString,
  Max,
  MaxLength,
  Min,
} from 'class-validator';
import { TIMEFRAMES, type Timeframe } from '@ktrdr/market-data';

/**
 * The fields of `POST /training/sessions` besides `bars` (those are checked by
 * `parseSessionBars`, without class-transformer walking millions of numbers).
 */
export class SessionFieldsDto {
  /** The strategy file's YAML text. */
  @IsString()
  @IsNotEmpty()
  @MaxLength(1_000_000)
  strategy_yaml!: string;

  @IsArray()
  @ArrayNotEmpty()
  @ArrayMaxSize(100)
  @ArrayUnique()
  @IsString({ each: true })
  symbols!: string[];

  @IsArray()
  @ArrayNotEmpty()
  @ArrayUnique()
  @IsIn(TIMEFRAMES, {
    each: true,
    message: `each value in $property must be one of ${TIMEFRAMES.join(', ')}`,
  })
  timeframes!: Timeframe[];

  @IsOptional()
  @IsISO8601({ strict: true })
  start_date?: string;

  @IsOptional()
  @IsISO8601({ strict: true })
  end_date?: string;

  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(2_147_483_647)
  seed?: number;
}
