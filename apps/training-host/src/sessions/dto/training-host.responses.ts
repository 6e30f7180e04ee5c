import { ApiProperty, ApiPropertyOptional, type SchemaObject } from '@nestjs/swagger';
import { TIMEFRAMES, type ColumnarBars, type Timeframe } from '@ktrdr/market-data';
import {
  TRAINING_SESSION_STATUSES,
  type ArtifactManifestEntry,
  type CreateTrainingSessionRequest,
  type CreateTrainingSessionResponse,
  type EpochMetrics,
  type StopTrainingSessionResponse,
  type TrainingSessionError,
  type TrainingSessionInfo,
  type TrainingSessionProgress,
  type TrainingSessionResourceUsage,
  type TrainingSessionResult,
  type TrainingSessionStatus,
} from '@ktrdr/training-engine';
import { SessionFieldsDto } from './session-fields.dto';

// OpenAPI schemas of the training host's bodies and answers. Each implements its wire type
// (shared with the API's HostSessionManager), so the compiler keeps them in step.

const loose = (description: string) =>
  ({ type: 'object', additionalProperties: true, description }) as const;
const status = () => ApiProperty({ enum: TRAINING_SESSION_STATUSES });
const timeframes = () => ApiProperty({ enum: TIMEFRAMES, isArray: true });

/** `POST /training/sessions` body (JSON; `Content-Encoding: gzip` accepted). */
export class CreateTrainingSessionRequestDto
  extends SessionFieldsDto
  implements CreateTrainingSessionRequest
{
  @ApiProperty({
    type: 'array',
    items: loose(
      'One series per symbol × timeframe, columnar as the API answers it: ' +
        '`{ symbol, timeframe, count, t, o, h, l, c, v }` (`t` epoch ms UTC, strictly ascending)',
    ),
  })
  bars!: ColumnarBars[];
}

export class CreateTrainingSessionResponseDto implements CreateTrainingSessionResponse {
  @ApiProperty()
  session_id!: string;
  @status()
  status!: TrainingSessionStatus;
}

export class StopTrainingSessionResponseDto implements StopTrainingSessionResponse {
  @ApiProperty()
  session_id!: string;
  @ApiProperty({
    enum: TRAINING_SESSION_STATUSES,
    description: 'The final status (200), or `starting`/`running` before the worker acks (202)',
  })
  status!: TrainingSessionStatus;
  @ApiProperty({ enum: [true] })
  stop_requested!: true;
}

export class TrainingSessionProgressDto implements TrainingSessionProgress {
  @ApiProperty({ enum: ['starting', 'features', 'training', 'evaluating', 'saving', 'finished'] })
  phase!: TrainingSessionProgress['phase'];
  @ApiProperty({ minimum: 0, maximum: 100 })
  percentage!: number;
  @ApiProperty({ type: 'integer', description: '1-based; 0 before training' })
  epoch!: number;
  @ApiProperty({ type: 'integer' })
  epochs!: number;
  @ApiProperty({ type: 'integer', description: '1-based; 0 before training' })
  batch!: number;
  @ApiProperty({ type: 'integer' })
  batches!: number;
  @ApiProperty({ type: 'number', nullable: true })
  batch_loss!: number | null;
  @ApiProperty({ type: 'number', nullable: true })
  batch_accuracy!: number | null;
}

/** What a session's info and its result both name. */
class TrainingSessionIdentityDto implements Pick<
  TrainingSessionInfo,
  'session_id' | 'strategy_name' | 'symbols' | 'timeframes'
> {
  @ApiProperty()
  session_id!: string;
  @ApiProperty()
  strategy_name!: string;
  @ApiProperty({ type: [String] })
  symbols!: string[];
  @timeframes()
  timeframes!: Timeframe[];
}

export class TrainingSessionInfoDto
  extends TrainingSessionIdentityDto
  implements TrainingSessionInfo
{
  @status()
  status!: TrainingSessionStatus;
  @ApiProperty()
  stop_requested!: boolean;
  @ApiProperty({ format: 'date-time' })
  created_at!: string;
  @ApiProperty({ type: 'string', format: 'date-time', nullable: true })
  finished_at!: string | null;
  @ApiProperty({ type: TrainingSessionProgressDto })
  progress!: TrainingSessionProgressDto;
  @ApiProperty({ ...loose('The latest finished epoch: losses and accuracies'), nullable: true })
  latest_metrics!: EpochMetrics | null;
  @ApiProperty({ type: 'integer' })
  epochs_completed!: number;
  @ApiProperty(loose('`{ backend, gpu_used, gpu_name, peak_memory_mb, elapsed_ms }`'))
  resource_usage!: TrainingSessionResourceUsage;
  @ApiProperty({ ...loose('`{ code, message }` when failed'), nullable: true })
  error!: TrainingSessionError | null;
}

export class ArtifactManifestEntryDto implements ArtifactManifestEntry {
  @ApiProperty({ example: 'model.json' })
  file!: string;
  @ApiProperty({ type: 'integer' })
  size!: number;
  @ApiProperty({ description: 'Hex SHA-256 of the file' })
  sha256!: string;
}

export class TrainingSessionResultDto
  extends TrainingSessionIdentityDto
  implements TrainingSessionResult
{
  @ApiProperty({ type: 'array', items: loose('One epoch: losses and accuracies') })
  epoch_history!: EpochMetrics[];
  @ApiProperty({ type: [ArtifactManifestEntryDto] })
  artifacts!: ArtifactManifestEntryDto[];
  @ApiProperty(loose('Training metrics'))
  training_metrics!: TrainingSessionResult['training_metrics'];
  @ApiProperty(loose('Test metrics'))
  test_metrics!: TrainingSessionResult['test_metrics'];
  @ApiProperty({ enum: ['tensorflow-gpu', 'tensorflow', 'wasm', 'cpu'] })
  backend!: TrainingSessionResult['backend'];
  @ApiPropertyOptional({ type: 'string', nullable: true })
  gpu_name!: string | null;
  @ApiProperty()
  peak_memory_mb!: number;
  @ApiProperty({ type: 'integer' })
  seed!: number;
  @ApiProperty({ type: [String] })
  feature_names!: string[];
  @ApiProperty({ type: 'integer' })
  input_size!: number;
  @ApiProperty({ type: [String], description: 'Artifact files (relative names)' })
  files!: string[];
}

/** The `data` of each SSE event, by its `type` (`event:` line; `id:` is `seq`). */
export const TRAINING_SESSION_EVENT_SCHEMA: SchemaObject = {
  oneOf: [
    {
      type: 'object',
      required: ['seq', 'type', 'at', 'progress'],
      properties: {
        seq: { type: 'integer' },
        type: { type: 'string', enum: ['progress'] },
        at: { type: 'string', format: 'date-time' },
        progress: { $ref: '#/components/schemas/TrainingSessionProgressDto' },
      },
    },
    {
      type: 'object',
      required: ['seq', 'type', 'at', 'metrics'],
      properties: {
        seq: { type: 'integer' },
        type: { type: 'string', enum: ['epoch'] },
        at: { type: 'string', format: 'date-time' },
        metrics: loose('The finished epoch: losses and accuracies'),
      },
    },
    {
      type: 'object',
      required: ['seq', 'type', 'at', 'status', 'error'],
      properties: {
        seq: { type: 'integer' },
        type: { type: 'string', enum: ['status'] },
        at: { type: 'string', format: 'date-time' },
        status: { type: 'string', enum: [...TRAINING_SESSION_STATUSES] },
        error: { ...loose('`{ code, message }` when failed'), nullable: true },
      },
    },
  ],
  discriminator: { propertyName: 'type' },
};
