import {
  Body,
  Controller,
  Delete,
  Get,
  HttpCode,
  HttpStatus,
  Param,
  Post,
  Query,
} from '@nestjs/common';
import {
  OperationLauncher,
  OperationsService,
  type OperationMetricsPage,
  type OperationPage,
  type OperationRecord,
} from '@ktrdr/operations';
import {
  ApiAcceptedResponse,
  ApiBody,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
} from '@nestjs/swagger';
import { ApiErrorResponses } from '@ktrdr/http-kit';
import { CancelOperationDto } from '../dto/cancel-operation.dto';
import { ListOperationsQueryDto } from '../dto/list-operations.query.dto';
import { OperationMetricsQueryDto } from '../dto/operation-metrics.query.dto';
import { OperationMetricsPageDto, OperationPageDto } from '../dto/operation-pages.response';
import { OperationRecordDto } from '../dto/operation-record.response';
import { ApiOperationIdParam } from './operation-id.api-param';
import { ParseOperationIdPipe } from './parse-operation-id.pipe';

/**
 * The operations registry over REST (operations.md, "REST"). Ids are checked by shape: a
 * malformed id is a 404 like any unknown one.
 */
@ApiTags('operations')
@Controller('operations')
export class OperationsController {
  constructor(
    private readonly operations: OperationsService,
    private readonly launcher: OperationLauncher,
  ) {}

  /** Newest first, filtered and paged: `{ items, total, active_count }`. */
  @Get()
  @ApiOperation({ summary: 'List operations, newest first' })
  @ApiOkResponse({ description: 'A page of operations', type: OperationPageDto })
  @ApiErrorResponses({ 400: 'A bad filter or page (VALIDATION_FAILED)' })
  list(@Query() query: ListOperationsQueryDto): Promise<OperationPage> {
    return this.operations.list({
      limit: query.limit,
      offset: query.offset,
      ...(query.status !== undefined && { status: query.status }),
      ...(query.operation_type !== undefined && { operation_type: query.operation_type }),
      ...(query.active_only !== undefined && { active_only: query.active_only }),
    });
  }

  @Get(':id')
  @ApiOperation({ summary: 'One operation' })
  @ApiOperationIdParam()
  @ApiOkResponse({ description: 'The operation', type: OperationRecordDto })
  get(@Param('id', ParseOperationIdPipe) id: string): Promise<OperationRecord> {
    return this.operations.get(id);
  }

  /**
   * Requests a cancel: 202 with the operation (`cancelling`, or `cancelled` when it had not
   * started); 409 when it already ended. The reason comes from the body, else the query.
   */
  @Delete(':id')
  @HttpCode(HttpStatus.ACCEPTED)
  @ApiOperation({ summary: 'Request a cancel (reason in the body or the query)' })
  @ApiOperationIdParam()
  @ApiBody({ type: CancelOperationDto, required: false })
  @ApiAcceptedResponse({
    description: 'The operation, `cancelling` (running) or `cancelled` (had not started)',
    type: OperationRecordDto,
  })
  @ApiErrorResponses({
    400: 'A bad reason (VALIDATION_FAILED)',
    409: 'The operation already finished; nothing changed (OPERATION_ALREADY_FINISHED)',
  })
  cancel(
    @Param('id', ParseOperationIdPipe) id: string,
    @Body() body: CancelOperationDto,
    @Query() query: CancelOperationDto,
  ): Promise<OperationRecord> {
    const reason = body.reason ?? query.reason;
    return reason === undefined ? this.operations.cancel(id) : this.operations.cancel(id, reason);
  }

  /**
   * Starts a new operation of the same type with the same parameters as a `failed` or
   * `cancelled` one: 202 with the new operation (`pending`, `retry_of` naming this one). It runs
   * wherever a fresh start would (in-process or queued).
   */
  @Post(':id/retry')
  @HttpCode(HttpStatus.ACCEPTED)
  @ApiOperation({ summary: 'Retry a failed or cancelled operation as a new one' })
  @ApiOperationIdParam()
  @ApiAcceptedResponse({
    description: 'The new operation (`pending`); its `retry_of` is the id retried',
    type: OperationRecordDto,
  })
  @ApiErrorResponses({
    409: 'Not failed or cancelled, or stored without parameters (OPERATION_NOT_RETRYABLE)',
    503: 'The API is shutting down (SHUTTING_DOWN)',
  })
  retry(@Param('id', ParseOperationIdPipe) id: string): Promise<OperationRecord> {
    return this.launcher.retry(id);
  }

  /** The metrics series after `cursor`: `{ items, next_cursor }`. */
  @Get(':id/metrics')
  @ApiOperation({ summary: "The operation's metrics series after a cursor" })
  @ApiOperationIdParam()
  @ApiOkResponse({ description: 'A page of the series', type: OperationMetricsPageDto })
  @ApiErrorResponses({ 400: 'A bad cursor or limit (VALIDATION_FAILED)' })
  metrics(
    @Param('id', ParseOperationIdPipe) id: string,
    @Query() query: OperationMetricsQueryDto,
  ): Promise<OperationMetricsPage> {
    return this.operations.metrics(id, query.cursor ?? null, query.limit);
  }
}
