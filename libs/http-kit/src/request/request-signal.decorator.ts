import type { ServerResponse } from 'node:http';
import { createParamDecorator, type ExecutionContext } from '@nestjs/common';
import { CancellationError } from '@ktrdr/async-infrastructure';

const signals = new WeakMap<ServerResponse, AbortSignal>();

/**
 * An `AbortSignal` that aborts (with a `CancellationError('client disconnected')`) when the
 * client goes away before the response was sent; one per response, however often asked.
 * It listens to the response's `close` without `writableEnded` — not the request's `close`,
 * which Node 20 emits as soon as the body has been read.
 */
export function requestAbortSignal(res: ServerResponse): AbortSignal {
  const known = signals.get(res);
  if (known) return known;
  const controller = new AbortController();
  const abort = (): void => {
    if (!res.writableEnded) controller.abort(new CancellationError('client disconnected'));
  };
  if (res.destroyed) abort();
  else res.once('close', abort);
  signals.set(res, controller.signal);
  return controller.signal;
}

/**
 * Handler parameter: the request's {@link requestAbortSignal}. Pass it to the upstream call so
 * a client that aborts (an adapter whose operation was cancelled) stops the host's work too.
 *
 * @example
 * \@Post('historical')
 * fetch(\@Body() dto: HistoricalDto, \@RequestSignal() signal: AbortSignal) {
 *   return this.provider.fetchHistorical({ ...dto, signal });
 * }
 */
export const RequestSignal = createParamDecorator(
  (_data: unknown, context: ExecutionContext): AbortSignal =>
    requestAbortSignal(context.switchToHttp().getResponse<ServerResponse>()),
);
