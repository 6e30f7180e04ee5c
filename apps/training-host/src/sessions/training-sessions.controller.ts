import { open } from 'node:fs/promises';
import type { ServerResponse } from 'node:http';
import { pipeline } from 'node:stream/promises';
import { Body, Controller, Get, Headers, HttpCode, Param, Post, Res } from '@nestjs/common';
import { map } from 'rxjs';
import { RequestValidationError } from '@ktrdr/http-kit';
import type {
  CreateTrainingSessionResponse,
  StopTrainingSessionResponse,
  TrainingSessionInfo,
  TrainingSessionResult,
} from '@ktrdr/training-engine';
import { artifactPath, isSafeArtifactName } from './artifact-manifest';
import { ParseSessionRequestPipe } from './parse-session-request.pipe';
import { writeSseResponse } from './sse-response';
import {
  ArtifactNotFoundError,
  InvalidArtifactNameError,
  SessionNotCompletedError,
} from './training-host-errors';
import type { TrainingSessionSpec } from './training-session';
import { TrainingSessionManager } from './training-session-manager';

/** The largest `Last-Event-ID` accepted (a seq never gets near it). */
const MAX_SEQ = 2 ** 31 - 1;

/** `/training/sessions`: start, follow, stop a session and fetch its result and files. */
@Controller('training/sessions')
export class TrainingSessionsController {
  constructor(private readonly sessions: TrainingSessionManager) {}

  /**
   * 201 `{ session_id, status: 'starting' }`; 429 at the limit; 503 while shutting down. The
   * body's declared type is an interface on purpose: see {@link ParseSessionRequestPipe}.
   */
  @Post()
  create(@Body(ParseSessionRequestPipe) spec: TrainingSessionSpec): CreateTrainingSessionResponse {
    const session = this.sessions.start(spec);
    return { session_id: session.id, status: session.status };
  }

  @Get(':id')
  get(@Param('id') id: string): TrainingSessionInfo {
    return this.sessions.get(id).info();
  }

  /** SSE; `Last-Event-ID` resumes after that seq. 404 (JSON) before any byte of stream. */
  @Get(':id/events')
  events(
    @Param('id') id: string,
    @Headers('last-event-id') lastEventId: string | undefined,
    @Res() res: ServerResponse,
  ): void {
    const after = parseLastEventId(lastEventId);
    const session = this.sessions.get(id);
    writeSseResponse(
      res,
      session.log
        .events$(after)
        .pipe(map((event) => ({ id: event.seq, event: event.type, data: event }))),
    );
  }

  /** 200 once the worker acknowledged (final status), 202 if it has not within the timeout. */
  @Post(':id/stop')
  @HttpCode(200)
  async stop(
    @Param('id') id: string,
    @Res({ passthrough: true }) res: ServerResponse,
  ): Promise<StopTrainingSessionResponse> {
    const { session, acknowledged } = await this.sessions.stop(id);
    if (!acknowledged) res.statusCode = 202;
    return { session_id: session.id, status: session.status, stop_requested: true };
  }

  @Get(':id/result')
  result(@Param('id') id: string): TrainingSessionResult {
    const session = this.sessions.get(id);
    const result = session.result();
    if (!result) throw new SessionNotCompletedError(id, session.status);
    return result;
  }

  /** One artifact file, streamed, with its size and SHA-256 (`x-content-sha256`). */
  @Get(':id/artifacts/:file')
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
