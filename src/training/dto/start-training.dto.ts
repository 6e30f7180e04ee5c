import {
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
  IsIn,
  IsOptional,
  IsString,
  MaxLength,
} from 'class-validator';
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
  @IsString()
  @MaxLength(128)
  strategy_name!: string;

  @IsOptional()
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(50)
  @IsString({ each: true })
  @MaxLength(64, { each: true })
  symbols?: string[];

  @IsOptional()
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(8)
  @IsString({ each: true })
  @MaxLength(16, { each: true })
  timeframes?: string[];

  @IsOptional()
  @IsString()
  @MaxLength(40)
  start_date?: string;

  @IsOptional()
  @IsString()
  @MaxLength(40)
  end_date?: string;

  @IsOptional()
  @IsIn(EXECUTION_MODES, { message: `execution must be one of: ${EXECUTION_MODES.join(', ')}` })
  execution?: ExecutionMode;
}
