import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { TIMEFRAMES, type Timeframe } from '@ktrdr/market-data';
import {
  type ClassMetrics,
  type EpochMetrics,
  type ModelList,
  type ModelVersionDetail,
  type ModelVersionInfo,
  type PredictResponse,
  SIGNAL_CLASSES,
  type SignalClass,
  type Strategy,
  type StrategyDetail,
  type StrategyProblem,
  type StrategySummary,
  type StrategyValidation,
  type TestMetrics,
  type TrainingMetrics,
} from '@ktrdr/training-engine';

// OpenAPI schemas of the training routes' answers. Each implements its wire type (what the CLI
// reads), so the compiler keeps the two in step.

const ratio = (description?: string) =>
  ApiProperty({ type: 'number', minimum: 0, maximum: 1, description });
const probabilities = (signal: SignalClass) =>
  ApiProperty({
    description: `P(${signal}) per bar, 0…1`,
    type: 'number',
    isArray: true,
  });

export class StrategyProblemDto implements StrategyProblem {
  @ApiProperty({ description: 'Where in the file', example: 'model.training.epochs' })
  path!: string;
  @ApiProperty({ example: 'must be an integer between 1 and 10000' })
  message!: string;
}

export class StrategySummaryDto implements StrategySummary {
  @ApiProperty({ description: 'The file name without .yaml', example: 'neuro_mean_reversion' })
  name!: string;
  @ApiPropertyOptional()
  description?: string;
  @ApiProperty({ description: 'True when the file has no problems' })
  valid!: boolean;
  @ApiProperty({ type: [StrategyProblemDto] })
  problems!: StrategyProblemDto[];
  @ApiPropertyOptional({ type: [String], example: ['AAPL'] })
  symbols?: string[];
  @ApiPropertyOptional({ enum: TIMEFRAMES, isArray: true, example: ['1h'] })
  timeframes?: Timeframe[];
}

export class StrategyDetailDto extends StrategySummaryDto implements StrategyDetail {
  @ApiProperty({ description: 'The file as stored' })
  yaml!: string;
  @ApiPropertyOptional({
    description: 'The parsed strategy, defaults filled in; only when valid',
    type: 'object',
    additionalProperties: true,
  })
  strategy?: Strategy;
}

export class StrategyValidationDto implements StrategyValidation {
  @ApiProperty({
    type: 'string',
    nullable: true,
    description: "The text's `name`, null when it has none",
  })
  name!: string | null;
  @ApiProperty()
  valid!: boolean;
  @ApiProperty({ type: [StrategyProblemDto] })
  problems!: StrategyProblemDto[];
}

export class TrainingMetricsDto implements TrainingMetrics {
  @ApiProperty()
  final_train_loss!: number;
  @ApiProperty()
  final_val_loss!: number;
  @ratio()
  final_train_accuracy!: number;
  @ratio()
  final_val_accuracy!: number;
  @ApiProperty({ type: 'integer', minimum: 0 })
  epochs_completed!: number;
  @ApiProperty({
    type: 'integer',
    minimum: 1,
    description: '1-based epoch whose weights were kept',
  })
  best_epoch!: number;
  @ApiProperty()
  early_stopped!: boolean;
  @ApiProperty({ type: 'integer', minimum: 0 })
  training_time_ms!: number;
}

export class ClassMetricsDto implements ClassMetrics {
  @ratio()
  precision!: number;
  @ratio()
  recall!: number;
  @ratio()
  f1!: number;
  @ApiProperty({ type: 'integer', minimum: 0, description: 'Test rows of this class' })
  support!: number;
}

export class PerClassMetricsDto implements Record<SignalClass, ClassMetrics> {
  @ApiProperty({ type: ClassMetricsDto })
  BUY!: ClassMetricsDto;
  @ApiProperty({ type: ClassMetricsDto })
  HOLD!: ClassMetricsDto;
  @ApiProperty({ type: ClassMetricsDto })
  SELL!: ClassMetricsDto;
}

export class TestMetricsDto implements TestMetrics {
  @ApiProperty()
  loss!: number;
  @ratio()
  accuracy!: number;
  @ratio('Weighted by support')
  precision!: number;
  @ratio('Weighted by support')
  recall!: number;
  @ratio('Weighted by support')
  f1!: number;
  @ApiProperty({ type: PerClassMetricsDto })
  per_class!: PerClassMetricsDto;
  @ApiProperty({
    description: 'rows = true class, columns = predicted, in BUY, HOLD, SELL order',
    type: 'array',
    items: { type: 'array', items: { type: 'integer' } },
  })
  confusion_matrix!: number[][];
}

export class ModelVersionInfoDto implements ModelVersionInfo {
  @ApiProperty({ example: 'neuro_mean_reversion' })
  strategy!: string;
  @ApiProperty({ description: '`{SYMBOLS}_{TFS}_v{N}`', example: 'AAPL_1h_v3' })
  version!: string;
  @ApiProperty({ type: 'integer', minimum: 1, example: 3 })
  number!: number;
  @ApiProperty({ description: 'Absolute folder of the version' })
  path!: string;
  @ApiProperty({ format: 'date-time' })
  created_at!: string;
  @ApiProperty({ type: [String], example: ['AAPL'] })
  symbols!: string[];
  @ApiProperty({ enum: TIMEFRAMES, isArray: true, example: ['1h'] })
  timeframes!: string[];
  @ApiProperty({ type: [String] })
  feature_names!: string[];
  @ApiProperty({ type: 'integer', minimum: 1 })
  input_size!: number;
  @ApiProperty({ type: TestMetricsDto })
  test_metrics!: TestMetricsDto;
  @ApiProperty({ type: TrainingMetricsDto })
  training_metrics!: TrainingMetricsDto;
  @ApiProperty({ description: 'The version the `latest` pointer names' })
  is_latest!: boolean;
  @ApiProperty({
    type: 'string',
    nullable: true,
    description: 'The training operation that made it; null for versions made before it was kept',
    example: 'op_1a2b3c4d5e6f',
  })
  operation_id!: string | null;
}

export class EpochMetricsDto implements EpochMetrics {
  @ApiProperty({ type: 'integer', minimum: 1 })
  epoch!: number;
  @ApiProperty({ type: 'integer', minimum: 1 })
  epochs!: number;
  @ApiProperty()
  train_loss!: number;
  @ApiProperty()
  val_loss!: number;
  @ratio()
  train_accuracy!: number;
  @ratio()
  val_accuracy!: number;
}

export class ModelVersionDetailDto extends ModelVersionInfoDto implements ModelVersionDetail {
  @ApiProperty({
    type: [EpochMetricsDto],
    description:
      'The training curves: every epoch of the training that made it, in order (empty for ' +
      'versions made before they were kept)',
  })
  training_history!: EpochMetricsDto[];
}

export class ModelListDto implements ModelList {
  @ApiProperty({ type: [ModelVersionInfoDto] })
  items!: ModelVersionInfoDto[];
}

export class PredictResponseDto implements PredictResponse {
  @ApiProperty({ example: 'neuro_mean_reversion' })
  strategy!: string;
  @ApiProperty({ example: 'AAPL_1h_v3' })
  version!: string;
  @ApiProperty({ example: 'AAPL' })
  symbol!: string;
  @ApiProperty({ enum: TIMEFRAMES, example: '1h' })
  timeframe!: Timeframe;
  @ApiProperty({ type: 'integer', minimum: 0 })
  count!: number;
  @ApiProperty({ description: 'Bar open time, epoch ms UTC', type: 'integer', isArray: true })
  t!: number[];
  @ApiProperty({ enum: SIGNAL_CLASSES, isArray: true })
  signal!: SignalClass[];
  @probabilities('BUY')
  p_buy!: number[];
  @probabilities('HOLD')
  p_hold!: number[];
  @probabilities('SELL')
  p_sell!: number[];
}
