import { randomUUID } from 'node:crypto';
import { type ArgumentsHost, Catch, type ExceptionFilter, Logger } from '@nestjs/common';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { toHostErrorAnswer, writeJson } from './host-error-body';

/**
 * Answers every error with its real HTTP status and the JSON
 * `{ statusCode, error, message, code }` (plus `details` when the error has some):
 * `HostServiceError`s and errors carrying a numeric `status` and a `code` map directly (with a
 * `Retry-After` header when they say how long to wait), Nest's `HttpException`s keep their
 * status, and anything else becomes a logged 500 `INTERNAL_ERROR` with a correlation id
 * (the request's `x-request-id` when it sent one).
 */
@Catch()
export class HostErrorFilter implements ExceptionFilter {
  private readonly logger = new Logger(HostErrorFilter.name);

  catch(exception: unknown, host: ArgumentsHost): void {
    const http = host.switchToHttp();
    const req = http.getRequest<IncomingMessage & { originalUrl?: string }>();
    const res = http.getResponse<ServerResponse>();
    const { body, retryAfterSeconds, unexpected } = toHostErrorAnswer(exception);
    if (unexpected) {
      const header = req.headers['x-request-id'];
      const correlationId = typeof header === 'string' && header ? header : randomUUID();
      body.correlation_id = correlationId;
      body.message = `Internal server error (correlation id ${correlationId})`;
      this.logger.error(
        `${req.method ?? ''} ${req.originalUrl ?? req.url ?? ''} failed [${correlationId}]`,
        exception instanceof Error ? exception.stack : String(exception),
      );
    }
    if (res.headersSent || res.writableEnded || res.destroyed) {
      // The client is gone or the answer already started: nothing more can be said to it.
      if (!res.writableEnded && !res.destroyed) res.end();
      return;
    }
    if (body.correlation_id) res.setHeader('x-correlation-id', body.correlation_id);
    if (retryAfterSeconds !== undefined) {
      res.setHeader('Retry-After', String(Math.max(0, Math.ceil(retryAfterSeconds))));
    }
    writeJson(res, body.statusCode, body);
  }
}
