import { Controller, Get, Headers, Logger, Param, Query, Res } from '@nestjs/common';
import type { ServerResponse } from 'node:http';
import { RequestValidationError } from '@ktrdr/http-kit';
import { OperationEventsQueryDto } from '../dto/operation-events.query.dto';
import { MAX_CLIENT_INTEGER } from '../operations.constants';
import { OperationsService } from '../operations.service';
import { coalesceOperationEvents } from './operation-events.coalescing';
import { ParseOperationIdPipe } from './parse-operation-id.pipe';
import { writeSse } from './sse-writer';

/**
 * `GET /operations/:id/events`: an operation's progress and terminal status as Server-Sent
 * Events, coalesced per subscriber. Resumes after the `Last-Event-ID` header (what
 * EventSource sends on reconnect) or else `?since_seq=`. An unknown id answers a JSON 404
 * before any byte of stream.
 */
@Controller('operations')
export class OperationEventsController {
  private readonly logger = new Logger(OperationEventsController.name);

  constructor(private readonly operations: OperationsService) {}

  @Get(':id/events')
  async stream(
    @Param('id', ParseOperationIdPipe) id: string,
    @Query() query: OperationEventsQueryDto,
    @Headers('last-event-id') lastEventId: string | undefined,
    @Res() res: ServerResponse,
  ): Promise<void> {
    const sinceSeq = parseLastEventId(lastEventId) ?? query.since_seq ?? 0;
    const events$ = await this.operations.openEvents(id, sinceSeq);
    writeSse(res, events$.pipe(coalesceOperationEvents()), {
      onError: (error) =>
        this.logger.error(
          `event stream of ${id} failed`,
          error instanceof Error ? error.stack : error,
        ),
    });
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
