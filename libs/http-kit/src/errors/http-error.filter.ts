import type { IncomingMessage, ServerResponse } from 'node:http';
import { type ArgumentsHost, Catch, type ExceptionFilter, Logger } from '@nestjs/common';
import { ensureRequestId } from '../request/request-id';
import { sendJson } from '../server/send-json';
import { toErrorResponse } from './error-response';

/**
 * The one HTTP exception filter (installed by `HttpKitModule`): every error answers JSON
 * `{ statusCode, error, message, code }` (see {@link toErrorResponse}) with `x-request-id`.
 * An unexpected error is logged with its stack under the request id, which the answer carries
 * as `correlation_id` instead of the stack.
 */
@Catch()
export class HttpErrorFilter implements ExceptionFilter {
  private readonly logger = new Logger('ExceptionsHandler');

  catch(exception: unknown, host: ArgumentsHost): void {
    const http = host.switchToHttp();
    const req = http.getRequest<IncomingMessage & { originalUrl?: string }>();
    const res = http.getResponse<ServerResponse>();
    const requestId = ensureRequestId(req, res);
    const { body, retryAfterSeconds, unexpected } = toErrorResponse(exception, requestId);
    if (unexpected) {
      this.logger.error(
        `${req.method ?? ''} ${req.originalUrl ?? req.url ?? ''} failed (correlation id ${requestId})`,
        exception instanceof Error ? exception.stack : String(exception),
      );
    }
    if (res.headersSent || res.destroyed) {
      // A stream (SSE) already started or the client is gone: nothing more can be said to it.
      if (!unexpected)
        this.logger.warn(`error after the response started: ${String(body.message)}`);
      if (!res.writableEnded && !res.destroyed) res.end();
      return;
    }
    if (retryAfterSeconds !== undefined) {
      res.setHeader('Retry-After', String(Math.max(0, Math.ceil(retryAfterSeconds))));
    }
    sendJson(res, body.statusCode, body);
  }
}
