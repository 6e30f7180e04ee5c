import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
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
  @ApiProperty({ maxLength: 1_000_000, description: "The strategy file's YAML text" })
  @IsString()
  @IsNotEmpty()
  @MaxLength(1_000_000)
  strategy_yaml!: string;

  @ApiProperty({ type: [String], minItems: 1, maxItems: 100, uniqueItems: true, example: ['AAPL'] })
  @IsArray()
  @ArrayNotEmpty()
  @ArrayMaxSize(100)
  @ArrayUnique()
  @IsString({ each: true })
  symbols!: string[];

  @ApiProperty({ enum: TIMEFRAMES, isArray: true, minItems: 1, uniqueItems: true, example: ['1h'] })
  @IsArray()
  @ArrayNotEmpty()
  @ArrayUnique()
  @IsIn(TIMEFRAMES, {
    each: true,
    message: `each value in $property must be one of ${TIMEFRAMES.join(', ')}`,
  })
  timeframes!: Timeframe[];

  @ApiPropertyOptional({ format: 'date-time', description: 'ISO-8601', example: '2024-01-01' })
  @IsOptional()
  @IsISO8601({ strict: true })
  start_date?: string;

  @ApiPropertyOptional({ format: 'date-time', description: 'ISO-8601' })
  @IsOptional()
  @IsISO8601({ strict: true })
  end_date?: string;

  @ApiPropertyOptional({
    type: 'integer',
    minimum: 0,
    maximum: 2_147_483_647,
    description: "Default: the strategy's model.training.seed",
  })
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(2_147_483_647)
  seed?: number;
}
