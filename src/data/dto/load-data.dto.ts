import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsBoolean, IsIn, IsString, MaxLength, ValidateIf } from 'class-validator';
import { type DataLoadRequest, LOAD_MODES, type LoadMode, TIMEFRAMES } from '@ktrdr/market-data';

/**
 * Body of `POST /data/load`. Only shapes are checked here; the DataManager checks the
 * meaning (symbol pattern, supported timeframe, dates, start < end) and answers with the
 * domain's codes (INVALID_SYMBOL, INVALID_TIMEFRAME, INVALID_DATE_RANGE). An optional field may
 * be left out, not sent as `null` (that is a 400 naming the field, not "absent").
 */
/** Skips the checks only when the field is absent (`@IsOptional` would let `null` through). */
const IfPresent = ValidateIf((_dto: object, value: unknown) => value !== undefined);

export class LoadDataDto implements DataLoadRequest {
  @ApiProperty({
    maxLength: 64,
    description: 'Trimmed and upper-cased, then `^[A-Z0-9][A-Z0-9._-]{0,19}$` (`EUR.USD` is forex)',
    example: 'AAPL',
  })
  @MaxLength(64)
  @IsString()
  symbol!: string;

  @ApiProperty({ enum: TIMEFRAMES, example: '1h' })
  @MaxLength(16)
  @IsString()
  timeframe!: string;

  /** Defaults to `tail`. */
  @ApiPropertyOptional({ enum: LOAD_MODES, default: 'tail' })
  @IfPresent
  @IsIn(LOAD_MODES, { message: `mode must be one of: ${LOAD_MODES.join(', ')}` })
  mode?: LoadMode;

  /** ISO-8601; a date alone means midnight UTC. */
  @ApiPropertyOptional({
    maxLength: 40,
    description: 'ISO-8601 date or date-time; a date alone means midnight UTC',
    example: '2024-01-01',
  })
  @IfPresent
  @MaxLength(40)
  @IsString()
  start_date?: string;

  @ApiPropertyOptional({
    maxLength: 40,
    description: 'ISO-8601; default now',
    example: '2024-02-01T00:00:00Z',
  })
  @IfPresent
  @MaxLength(40)
  @IsString()
  end_date?: string;

  /** Clamp or drop invalid bars after the load (data.md, "Validation"). */
  @ApiPropertyOptional({ description: 'Clamp or drop invalid bars after the load', default: false })
  @IfPresent
  @IsBoolean()
  repair?: boolean;
}
