import type { ServerResponse } from 'node:http';
import { type ArgumentsHost, Catch, type ExceptionFilter, Logger } from '@nestjs/common';
import { sendJson } from '../http/send-json';
import { toErrorResponse } from './error-response';

/**
 * The one HTTP exception filter: every error answers JSON `{ statusCode, error, message, code }`
 * (see `toErrorResponse`). Unexpected errors are logged with their stack under a correlation id
 * that the answer carries instead of the stack.
 */
@Catch()
export class AllExceptionsFilter implements ExceptionFilter {
  private readonly logger = new Logger('ExceptionsHandler');

  catch(exception: unknown, host: ArgumentsHost): void {
    const response = host.switchToHttp().getResponse<ServerResponse>();
    const { body, unexpected } = toErrorResponse(exception);
    if (unexpected) {
      const stack = exception instanceof Error ? exception.stack : String(exception);
      this.logger.error(`correlation id ${String(body.correlation_id)}: ${String(stack)}`);
    }
    if (response.headersSent) {
      // A stream (SSE) already started: the status can no longer change, so just end it.
      if (!unexpected)
        this.logger.warn(`error after the response started: ${String(body.message)}`);
      response.end();
      return;
    }
    sendJson(response, body.statusCode, body);
  }
}
