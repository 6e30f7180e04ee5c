import type { IncomingMessage, ServerResponse } from 'node:http';
import {
  type CallHandler,
  type ExecutionContext,
  HttpException,
  Inject,
  Injectable,
  type NestInterceptor,
} from '@nestjs/common';
import { json } from 'body-parser';
import { type Observable, from, switchMap } from 'rxjs';
import { JsonTooDeepError } from '../errors/kit.errors';
import { HTTP_KIT_SETTINGS } from '../http-kit.constants';
import type { HttpKitSettings } from '../http-kit.options';
import { exceedsJsonDepth } from './json-depth';

/**
 * Parses JSON request bodies (installed by `HttpKitModule`; `createHttpApp` turns Nest's own
 * parsers off). An interceptor runs after the guards, so a request without the API key is
 * refused before its body is read, and a `@Public()` route still gets its body. A body nested
 * deeper than `jsonMaxDepth` is refused (400 JSON_TOO_DEEP) by a scan of its bytes before
 * `JSON.parse` sees it; malformed and oversized bodies are body-parser's 400 / 413.
 */
@Injectable()
export class JsonBodyInterceptor implements NestInterceptor {
  private readonly parse: ReturnType<typeof json>;

  constructor(@Inject(HTTP_KIT_SETTINGS) settings: HttpKitSettings) {
    const maxDepth = settings.jsonMaxDepth;
    this.parse = json({
      limit: settings.jsonBodyLimit,
      verify: (_req, _res, body, encoding) => {
        if (exceedsJsonDepth(body, maxDepth, encoding)) throw new JsonTooDeepError(maxDepth);
      },
    });
  }

  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    if (context.getType() !== 'http') return next.handle();
    const http = context.switchToHttp();
    const body = this.read(http.getRequest<IncomingMessage>(), http.getResponse<ServerResponse>());
    return from(body).pipe(switchMap(() => next.handle()));
  }

  private read(req: IncomingMessage, res: ServerResponse): Promise<void> {
    return new Promise((resolve, reject) => {
      this.parse(req, res, (error) => (error === undefined ? resolve() : reject(toHttp(error))));
    });
  }
}

/** As Nest's Express adapter hands body-parser's failures on: an HttpException with the cause. */
function toHttp(error: unknown): Error {
  if (error instanceof JsonTooDeepError) return error;
  const status = (error as { statusCode?: unknown } | null)?.statusCode;
  if (error instanceof Error && typeof status === 'number' && status < 500) {
    return new HttpException(error.message, status, { cause: error });
  }
  return error instanceof Error ? error : new Error(String(error));
}
