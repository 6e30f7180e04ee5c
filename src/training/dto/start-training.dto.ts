import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
  IsIn,
  IsOptional,
  IsString,
  MaxLength,
} from 'class-validator';
import { TIMEFRAMES } from '@ktrdr/market-data';
import {
  EXECUTION_MODES,
  type ExecutionMode,
  type StartTrainingRequest,
} from '@ktrdr/training-engine';

/**
 * Body of `POST /trainings`. Shapes only; the TrainingService checks the meaning (the strategy
 * exists and is valid, symbols, timeframes, dates, the venue) before any operation exists.
 */
export class StartTrainingDto implements StartTrainingRequest {
  @ApiProperty({
    maxLength: 128,
    description: 'A strategy file name (without .yaml)',
    example: 'neuro_mean_reversion',
  })
  @IsString()
  @MaxLength(128)
  strategy_name!: string;

  @ApiPropertyOptional({
    type: [String],
    minItems: 1,
    maxItems: 50,
    description: "Overrides the strategy's `training_data.symbols`",
    example: ['AAPL'],
  })
  @IsOptional()
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(50)
  @IsString({ each: true })
  @MaxLength(64, { each: true })
  symbols?: string[];

  @ApiPropertyOptional({
    enum: TIMEFRAMES,
    isArray: true,
    minItems: 1,
    maxItems: 8,
    description: "Overrides the strategy's `training_data.timeframes`",
    example: ['1h'],
  })
  @IsOptional()
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(8)
  @IsString({ each: true })
  @MaxLength(16, { each: true })
  timeframes?: string[];

  @ApiPropertyOptional({
    maxLength: 40,
    description: "ISO-8601; default the strategy's, else a window before `end_date`",
    example: '2024-01-01',
  })
  @IsOptional()
  @IsString()
  @MaxLength(40)
  start_date?: string;

  @ApiPropertyOptional({ maxLength: 40, description: "ISO-8601; default the strategy's, else now" })
  @IsOptional()
  @IsString()
  @MaxLength(40)
  end_date?: string;

  @ApiPropertyOptional({
    enum: EXECUTION_MODES,
    description: 'Where to train; default the training host when it is enabled, else local',
  })
  @IsOptional()
  @IsIn(EXECUTION_MODES, { message: `execution must be one of: ${EXECUTION_MODES.join(', ')}` })
  execution?: ExecutionMode;
}
