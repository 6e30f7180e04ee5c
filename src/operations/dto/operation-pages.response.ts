import { ApiProperty } from '@nestjs/swagger';
import type {
  OperationEvent,
  OperationFeedEntry,
  OperationMetricsItem,
  OperationMetricsPage,
  OperationPage,
  OperationStatus,
} from '@ktrdr/operations';
import { OPERATION_STATUSES } from './operation-statuses';
import { OperationRecordDto, ProgressSnapshotDto } from './operation-record.response';

// OpenAPI schemas of the list, metrics and event answers; each implements its wire type.

export class OperationPageDto implements OperationPage {
  @ApiProperty({ type: [OperationRecordDto], description: 'Newest first' })
  items!: OperationRecordDto[];
  @ApiProperty({ type: 'integer', description: 'Operations matching the filters' })
  total!: number;
  @ApiProperty({ type: 'integer', description: 'All active operations, whatever the filters' })
  active_count!: number;
}

export class OperationMetricsItemDto implements OperationMetricsItem {
  @ApiProperty({ type: 'integer' })
  cursor!: number;
  @ApiProperty({ format: 'date-time' })
  recorded_at!: string;
  @ApiProperty({
    type: 'object',
    additionalProperties: true,
    description: 'Epoch losses, segment results…',
  })
  data!: Record<string, unknown>;
}

export class OperationMetricsPageDto implements OperationMetricsPage {
  @ApiProperty({ type: [OperationMetricsItemDto] })
  items!: OperationMetricsItemDto[];
  @ApiProperty({ type: 'integer', nullable: true, description: 'Null when no more entries exist' })
  next_cursor!: number | null;
}

type ProgressEvent = Extract<OperationEvent, { kind: 'progress' }>;
type StatusEvent = Extract<OperationEvent, { kind: 'status' }>;

/** A `progress` event (SSE `event: progress`, socket.io `progress`). */
export class ProgressEventDto implements ProgressEvent {
  @ApiProperty({ enum: ['progress'] })
  kind!: 'progress';
  @ApiProperty()
  operation_id!: string;
  @ApiProperty({ type: 'integer', description: 'The SSE event id' })
  seq!: number;
  @ApiProperty({ type: ProgressSnapshotDto })
  progress!: ProgressSnapshotDto;
}

/** The final `status` event (SSE `event: status`, socket.io `status`). */
export class StatusEventDto implements StatusEvent {
  @ApiProperty({ enum: ['status'] })
  kind!: 'status';
  @ApiProperty()
  operation_id!: string;
  @ApiProperty({ type: 'integer', description: 'The SSE event id' })
  seq!: number;
  @ApiProperty({ enum: OPERATION_STATUSES })
  status!: OperationStatus;
  @ApiProperty({ type: OperationRecordDto })
  operation!: OperationRecordDto;
}

/** An entry of the list feed (socket.io `operation_created` / `operation_status`). */
export class OperationFeedEntryDto implements OperationFeedEntry {
  @ApiProperty({ enum: ['created', 'status_changed'] })
  kind!: OperationFeedEntry['kind'];
  @ApiProperty({ type: OperationRecordDto })
  operation!: OperationRecordDto;
}
