import { Controller, Headers, type MessageEvent, Param, Query, Res, Sse } from '@nestjs/common';
import type { ServerResponse } from 'node:http';
import type { Observable } from 'rxjs';
import { OperationsService } from '@ktrdr/operations';
import { ApiErrorResponses, RequestValidationError } from '@ktrdr/http-kit';
import {
  ApiExtraModels,
  ApiHeader,
  ApiOkResponse,
  ApiOperation,
  ApiProduces,
  ApiTags,
  getSchemaPath,
} from '@nestjs/swagger';
import { OperationEventsQueryDto } from '../dto/operation-events.query.dto';
import { MAX_CLIENT_INTEGER } from '../operations.constants';
import { toOperationMessages } from './operation-event-messages';
import { ProgressEventDto, StatusEventDto } from '../dto/operation-pages.response';
import { ApiOperationIdParam } from './operation-id.api-param';
import { ParseOperationIdPipe } from './parse-operation-id.pipe';

/**
 * `GET /operations/:id/events`: an operation's progress and terminal status as Server-Sent
 * Events (Nest's `@Sse()`), coalesced per subscriber and paced to what the client reads.
 * Resumes after the `Last-Event-ID` header (what EventSource sends on reconnect) or else
 * `?since_seq=`. An unknown id answers a JSON 404 before any byte of stream.
 */
@ApiTags('operations')
@ApiExtraModels(ProgressEventDto, StatusEventDto)
@Controller('operations')
export class OperationEventsController {
  constructor(private readonly operations: OperationsService) {}

  @Sse(':id/events')
  @ApiOperation({
    summary: "Follow an operation's progress as Server-Sent Events",
    description:
      'Events `progress` (coalesced to ≤ 10/s; step changes never dropped) then one final ' +
      '`status`, after which the stream ends. Each event: `event: <kind>`, `id: <seq>`, ' +
      '`data: <the event as JSON>`; a `: keep-alive` comment every 15 s. Reconnect with ' +
      '`Last-Event-ID` (or `?since_seq=`) to resume after that seq without a gap.',
  })
  @ApiOperationIdParam()
  @ApiHeader({
    name: 'Last-Event-ID',
    required: false,
    description: 'Resume after this seq (EventSource sends it on reconnect); wins over since_seq',
    schema: { type: 'integer', minimum: 0, maximum: MAX_CLIENT_INTEGER },
  })
  @ApiProduces('text/event-stream')
  @ApiOkResponse({
    description: 'The event stream; the `data` of each event is one of these',
    content: {
      'text/event-stream': {
        schema: {
          oneOf: [
            { $ref: getSchemaPath(ProgressEventDto) },
            { $ref: getSchemaPath(StatusEventDto) },
          ],
          discriminator: { propertyName: 'kind' },
        },
        example:
          'event: progress\nid: 3\ndata: {"kind":"progress","operation_id":"op_dummy_20260101_120000_0123abcd","seq":3,"progress":{…}}\n\n',
      },
    },
  })
  @ApiErrorResponses({
    400: 'A bad Last-Event-ID or since_seq, answered as JSON before any stream (VALIDATION_FAILED)',
  })
  async stream(
    @Param('id', ParseOperationIdPipe) id: string,
    @Query() query: OperationEventsQueryDto,
    @Headers('last-event-id') lastEventId: string | undefined,
    @Res({ passthrough: true }) res: ServerResponse,
  ): Promise<Observable<MessageEvent>> {
    const sinceSeq = parseLastEventId(lastEventId) ?? query.since_seq ?? 0;
    return toOperationMessages(await this.operations.openEvents(id, sinceSeq), res);
  }
}

function parseLastEventId(header: string | undefined): number | undefined {
  if (header === undefined || header.trim() === '') return undefined;
  if (!/^\d+$/.test(header.trim())) {
    throw new RequestValidationError([
      'Last-Event-ID must be a non-negative integer (an event seq)',
    ]);
  }
  const seq = Number(header.trim());
  if (seq > MAX_CLIENT_INTEGER) {
    throw new RequestValidationError([
      `Last-Event-ID must not be greater than ${MAX_CLIENT_INTEGER}`,
    ]);
  }
  return seq;
}
