import { open } from 'node:fs/promises';
import type { ServerResponse } from 'node:http';
import { pipeline } from 'node:stream/promises';
import {
  Body,
  Controller,
  Get,
  Headers,
  HttpCode,
  type MessageEvent,
  Param,
  Post,
  Res,
  Sse,
} from '@nestjs/common';
import {
  ApiAcceptedResponse,
  ApiBody,
  ApiCreatedResponse,
  ApiHeader,
  ApiOkResponse,
  ApiOperation,
  ApiProduces,
  ApiTags,
} from '@nestjs/swagger';
import { map, type Observable } from 'rxjs';
import { ApiErrorResponses, RequestValidationError, withSseKeepAlive } from '@ktrdr/http-kit';
import type {
  CreateTrainingSessionResponse,
  StopTrainingSessionResponse,
  TrainingSessionInfo,
  TrainingSessionResult,
} from '@ktrdr/training-engine';
import { artifactPath, isSafeArtifactName } from './artifact-manifest';
import {
  CreateTrainingSessionRequestDto,
  CreateTrainingSessionResponseDto,
  StopTrainingSessionResponseDto,
  TRAINING_SESSION_EVENT_SCHEMA,
  TrainingSessionInfoDto,
  TrainingSessionResultDto,
} from './dto/training-host.responses';
import { ParseSessionRequestPipe } from './parse-session-request.pipe';
import {
  ArtifactNotFoundError,
  InvalidArtifactNameError,
  SessionNotCompletedError,
} from './training-host-errors';
import type { TrainingSessionSpec } from './training-session';
import { TrainingSessionManager } from './training-session-manager';

/** The largest `Last-Event-ID` accepted (a seq never gets near it). */
const MAX_SEQ = 2 ** 31 - 1;

/**
 * A comment line every 5 s keeps proxies and clients from timing a quiet stream out (the API's
 * client drops a stream silent for 15 s; a long feature phase or epoch can be that quiet).
 */
export const SSE_KEEP_ALIVE_MS = 5000;

/** The 404 of every `:id` route. */
const ApiSessionNotFound = (): MethodDecorator =>
  ApiErrorResponses({ 404: 'No such session, or it expired (SESSION_NOT_FOUND)' });

/** `/training/sessions`: start, follow, stop a session and fetch its result and files. */
@ApiTags('training sessions')
@Controller('training/sessions')
export class TrainingSessionsController {
  constructor(private readonly sessions: TrainingSessionManager) {}

  /**
   * 201 `{ session_id, status: 'starting' }`; 429 at the limit; 503 while shutting down. The
   * body's declared type is an interface on purpose: see {@link ParseSessionRequestPipe}.
   */
  @Post()
  @ApiOperation({ summary: 'Start a training session in a worker thread' })
  @ApiBody({ type: CreateTrainingSessionRequestDto })
  @ApiCreatedResponse({ description: 'Started', type: CreateTrainingSessionResponseDto })
  @ApiErrorResponses({
    400: 'A bad body (VALIDATION_FAILED, INVALID_JSON, INVALID_BARS, INVALID_SYMBOL, INVALID_DATE_RANGE)',
    413: 'Body over TRAINING_HOST_MAX_BODY_MB (PAYLOAD_TOO_LARGE)',
    422: 'The strategy is invalid; every problem listed (INVALID_STRATEGY)',
    429: 'At the session limit (TOO_MANY_SESSIONS)',
    503: 'Shutting down (SHUTTING_DOWN)',
  })
  create(@Body(ParseSessionRequestPipe) spec: TrainingSessionSpec): CreateTrainingSessionResponse {
    const session = this.sessions.start(spec);
    return { session_id: session.id, status: session.status };
  }

  @Get(':id')
  @ApiSessionNotFound()
  @ApiOperation({ summary: 'A session: status, progress, latest metrics, resources' })
  @ApiOkResponse({ description: 'The session', type: TrainingSessionInfoDto })
  get(@Param('id') id: string): TrainingSessionInfo {
    return this.sessions.get(id).info();
  }

  /** SSE; `Last-Event-ID` resumes after that seq. 404 (JSON) before any byte of stream. */
  @Sse(':id/events')
  @ApiSessionNotFound()
  @ApiOperation({
    summary: "Follow a session's events as Server-Sent Events",
    description:
      'Events named after `type` (`progress`, `epoch`, then one `status` that ends the stream), ' +
      '`id` = `seq`. Replay keeps every epoch and the latest progress; resume with `Last-Event-ID`.',
  })
  @ApiHeader({
    name: 'Last-Event-ID',
    required: false,
    description: 'Resume after this seq',
    schema: { type: 'integer', minimum: 0, maximum: MAX_SEQ },
  })
  @ApiProduces('text/event-stream')
  @ApiOkResponse({
    description: 'The event stream; the `data` of each event is one of these',
    content: { 'text/event-stream': { schema: TRAINING_SESSION_EVENT_SCHEMA } },
  })
  @ApiErrorResponses({ 400: 'A bad Last-Event-ID (VALIDATION_FAILED)' })
  events(
    @Param('id') id: string,
    @Headers('last-event-id') lastEventId: string | undefined,
    @Res({ passthrough: true }) res: ServerResponse,
  ): Observable<MessageEvent> {
    const after = parseLastEventId(lastEventId);
    const session = this.sessions.get(id);
    this.sessions.followStream(res);
    return session.log.events$(after).pipe(
      map((event): MessageEvent => ({ id: String(event.seq), type: event.type, data: event })),
      withSseKeepAlive(SSE_KEEP_ALIVE_MS),
    );
  }

  /** 200 once the worker acknowledged (final status), 202 if it has not within the timeout. */
  @Post(':id/stop')
  @ApiSessionNotFound()
  @HttpCode(200)
  @ApiOperation({ summary: 'Stop a session' })
  @ApiOkResponse({
    description: 'The worker acknowledged: final status',
    type: StopTrainingSessionResponseDto,
  })
  @ApiAcceptedResponse({
    description: 'Not acknowledged within the timeout yet',
    type: StopTrainingSessionResponseDto,
  })
  @ApiErrorResponses({ 409: 'The session already finished (SESSION_FINISHED)' })
  async stop(
    @Param('id') id: string,
    @Res({ passthrough: true }) res: ServerResponse,
  ): Promise<StopTrainingSessionResponse> {
    const { session, acknowledged } = await this.sessions.stop(id);
    if (!acknowledged) res.statusCode = 202;
    return { session_id: session.id, status: session.status, stop_requested: true };
  }

  @Get(':id/result')
  @ApiSessionNotFound()
  @ApiOperation({ summary: 'The result of a completed session' })
  @ApiOkResponse({
    description: 'Metrics, epoch history, artifacts',
    type: TrainingSessionResultDto,
  })
  @ApiErrorResponses({ 409: 'Not completed (SESSION_NOT_COMPLETED)' })
  result(@Param('id') id: string): TrainingSessionResult {
    const session = this.sessions.get(id);
    const result = session.result();
    if (!result) throw new SessionNotCompletedError(id, session.status);
    return result;
  }

  /** One artifact file, streamed, with its size and SHA-256 (`x-content-sha256`). */
  @Get(':id/artifacts/:file')
  @ApiOperation({ summary: 'One artifact file, with `x-content-sha256`' })
  @ApiProduces('application/octet-stream', 'application/json')
  @ApiOkResponse({
    description: 'The file; `x-content-sha256` is its SHA-256',
    headers: { 'x-content-sha256': { schema: { type: 'string' } } },
    content: {
      'application/octet-stream': { schema: { type: 'string', format: 'binary' } },
      'application/json': { schema: { type: 'object' } },
    },
  })
  @ApiErrorResponses({
    400: 'Not an artifact name (INVALID_ARTIFACT_NAME)',
    404: 'No such session or file (SESSION_NOT_FOUND, ARTIFACT_NOT_FOUND)',
    409: 'Not completed (SESSION_NOT_COMPLETED)',
  })
  async artifact(
    @Param('id') id: string,
    @Param('file') file: string,
    @Res() res: ServerResponse,
  ): Promise<void> {
    const session = this.sessions.get(id);
    if (!isSafeArtifactName(file)) throw new InvalidArtifactNameError(file);
    const result = session.result();
    if (!result) throw new SessionNotCompletedError(id, session.status);
    const entry = result.artifacts.find((a) => a.file === file);
    if (!entry) throw new ArtifactNotFoundError(id, file);
    const handle = await open(artifactPath(session.outputDir, file), 'r').catch(() => {
      throw new ArtifactNotFoundError(id, file); // removed with its session meanwhile
    });
    res.writeHead(200, {
      'Content-Type': file.endsWith('.json') ? 'application/json' : 'application/octet-stream',
      'Content-Length': entry.size,
      'x-content-sha256': entry.sha256,
    });
    await pipeline(handle.createReadStream(), res);
  }
}

function parseLastEventId(header: string | undefined): number {
  const text = header?.trim() ?? '';
  if (text === '') return 0;
  if (!/^\d+$/.test(text) || Number(text) > MAX_SEQ) {
    throw new RequestValidationError([`Last-Event-ID must be an event seq (0 to ${MAX_SEQ})`]);
  }
  return Number(text);
}
