import type { IncomingMessage, ServerResponse } from 'node:http';
import { Injectable, type NestMiddleware } from '@nestjs/common';
import { RequestContext } from './request-context';
import { ensureRequestId } from './request-id';

/** Gives every request its id (response header) and runs the rest of it in its context. */
@Injectable()
export class RequestIdMiddleware implements NestMiddleware {
  use(req: IncomingMessage, res: ServerResponse, next: () => void): void {
    RequestContext.run(ensureRequestId(req, res), next);
  }
}
