import { Controller, Headers, type MessageEvent, Param, Query, Res, Sse } from '@nestjs/common';
import type { ServerResponse } from 'node:http';
import type { Observable } from 'rxjs';
import { OperationsService } from '@ktrdr/operations';
import { RequestValidationError } from '@ktrdr/http-kit';
import { OperationEventsQueryDto } from '../dto/operation-events.query.dto';
import { MAX_CLIENT_INTEGER } from '../operations.constants';
import { toOperationMessages } from './operation-event-messages';
import { ParseOperationIdPipe } from './parse-operation-id.pipe';

/**
 * `GET /operations/:id/events`: an operation's progress and terminal status as Server-Sent
 * Events (Nest's `@Sse()`), coalesced per subscriber and paced to what the client reads.
 * Resumes after the `Last-Event-ID` header (what EventSource sends on reconnect) or else
 * `?since_seq=`. An unknown id answers a JSON 404 before any byte of stream.
 */
@Controller('operations')
export class OperationEventsController {
  constructor(private readonly operations: OperationsService) {}

  @Sse(':id/events')
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
