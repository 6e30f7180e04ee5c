import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import type { ProgressSnapshot } from '@ktrdr/async-infrastructure';
import type {
  OperationCancellation,
  OperationError,
  OperationMetadata,
  OperationRecord,
  OperationStatus,
  StartedOperation,
} from '@ktrdr/operations';
import { OPERATION_STATUSES } from './operation-statuses';

// OpenAPI schemas of the operation as every route answers it. Each class implements its wire
// type (what the CLI reads), so the compiler keeps the two in step.

const nullableInt = (description: string) =>
  ApiProperty({ type: 'integer', nullable: true, description });
const freeObject = { type: 'object', additionalProperties: true } as const;

export class ProgressSnapshotDto implements ProgressSnapshot {
  @ApiProperty({ type: 'integer', minimum: 1, description: 'Monotonic per operation' })
  seq!: number;
  @ApiProperty({ minimum: 0, maximum: 100, description: 'Never decreases' })
  percentage!: number;
  @ApiProperty({ example: 'Loading AAPL 1h data (tail mode) [5/7] segment 3/12 … ETA 45s' })
  message!: string;
  @ApiProperty({ type: 'string', nullable: true })
  step_name!: string | null;
  @ApiProperty({ type: 'integer', minimum: 0 })
  steps_completed!: number;
  @ApiProperty({ type: 'integer', minimum: 0 })
  steps_total!: number;
  @nullableInt('Finer units: bars, batches, segments')
  items_processed!: number | null;
  @nullableInt('Finer units in all')
  items_total!: number | null;
  @ApiProperty({ type: 'string', nullable: true })
  current_item!: string | null;
  @ApiProperty({ type: 'number', nullable: true, description: 'Null until meaningful' })
  eta_seconds!: number | null;
  @ApiProperty({ ...freeObject, description: 'Domain fields (symbol, epoch, metrics…)' })
  context!: Record<string, unknown>;
  @ApiProperty({ format: 'date-time' })
  updated_at!: string;
}

export class OperationMetadataDto implements OperationMetadata {
  @ApiPropertyOptional({ example: 'AAPL' })
  symbol?: string;
  @ApiPropertyOptional({ example: '1h' })
  timeframe?: string;
  @ApiPropertyOptional({ example: 'tail' })
  mode?: string;
  @ApiPropertyOptional()
  start_date?: string;
  @ApiPropertyOptional()
  end_date?: string;
  @ApiPropertyOptional(freeObject)
  parameters?: Record<string, unknown>;
}

export class OperationErrorDto implements OperationError {
  @ApiProperty({ example: 'ORPHANED' })
  code!: string;
  @ApiProperty()
  message!: string;
}

export class OperationCancellationDto implements OperationCancellation {
  @ApiProperty({ format: 'date-time' })
  requested_at!: string;
  @ApiProperty({ example: 'user' })
  reason!: string;
}

export class OperationRecordDto implements OperationRecord {
  @ApiProperty({ example: 'op_dummy_20260101_120000_0123abcd' })
  operation_id!: string;
  @ApiProperty({ example: 'data_load', description: '`data_load`, `training`, `dummy`, …' })
  operation_type!: string;
  @ApiProperty({ enum: OPERATION_STATUSES })
  status!: OperationStatus;
  @ApiProperty({ format: 'date-time' })
  created_at!: string;
  @ApiProperty({ type: 'string', format: 'date-time', nullable: true })
  started_at!: string | null;
  @ApiProperty({ type: 'string', format: 'date-time', nullable: true })
  completed_at!: string | null;
  @ApiProperty({ format: 'date-time' })
  updated_at!: string;
  @ApiProperty({ type: OperationMetadataDto })
  metadata!: OperationMetadataDto;
  @ApiProperty({ type: ProgressSnapshotDto, nullable: true })
  progress!: ProgressSnapshotDto | null;
  @ApiProperty({
    ...freeObject,
    nullable: true,
    description: "The domain's result summary once terminal; the partial one on cancel",
  })
  result!: unknown;
  @ApiProperty({ type: OperationErrorDto, nullable: true, description: 'When failed' })
  error!: OperationErrorDto | null;
  @ApiProperty({ type: OperationCancellationDto, nullable: true })
  cancellation!: OperationCancellationDto | null;
  @ApiProperty({
    type: 'string',
    nullable: true,
    example: 'op_dummy_20260101_115500_89abcdef',
    description: 'The failed or cancelled operation this one retries (POST /operations/{id}/retry)',
  })
  retry_of!: string | null;
}

/** What every "start an operation" route answers (202). */
export class StartedOperationDto implements StartedOperation {
  @ApiProperty({ example: 'op_dummy_20260101_120000_0123abcd' })
  operation_id!: string;
  @ApiProperty({ enum: OPERATION_STATUSES, example: 'pending' })
  status!: OperationStatus;
}
