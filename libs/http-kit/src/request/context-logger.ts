import { ConsoleLogger, Injectable, Optional } from '@nestjs/common';
import { OperationContext } from '@ktrdr/async-infrastructure';
import { RequestContext } from './request-context';

/**
 * Nest's console logger, with each line prefixed by the ids of where it was written from:
 * `[request <id>]` inside an HTTP request, `[operation <id>]` inside an operation (when the app
 * has the async infrastructure). `createHttpApp` installs it app-wide.
 */
@Injectable()
export class ContextLogger extends ConsoleLogger {
  constructor(@Optional() private readonly operations?: OperationContext) {
    super();
  }

  protected override formatContext(context: string): string {
    const requestId = RequestContext.requestId;
    const operationId = this.operations?.current?.operationId;
    const ids =
      (requestId === undefined ? '' : `[request ${requestId}] `) +
      (operationId === undefined ? '' : `[operation ${operationId}] `);
    return super.formatContext(context) + ids;
  }
}
