import type { MessageEvent } from '@nestjs/common';
import { map, type Observable } from 'rxjs';
import { withSseKeepAlive } from '@ktrdr/http-kit';
import type { OperationEvent } from '@ktrdr/operations';
import { coalesceOperationEvents } from './operation-events.coalescing';
import { type DrainableResponse, paceToResponse } from './pace-to-response.operator';

/** A comment line every 15 s keeps proxies and clients from timing the stream out. */
export const SSE_KEEP_ALIVE_MS = 15_000;

/** One SSE event: `event: progress|status`, `id: <seq>`, `data: <the event as JSON>`. */
export function toMessageEvent(event: OperationEvent): MessageEvent {
  return { type: event.kind, id: String(event.seq), data: event };
}

/**
 * An operation's events as the SSE messages of one client (`@Sse()` writes them): coalesced to
 * at most 10 per second, held back and coalesced further while `res` is not draining, plus a
 * keep-alive comment every `keepAliveMs` while the client reads. Completes with the events.
 */
export function toOperationMessages(
  events$: Observable<OperationEvent>,
  res: DrainableResponse,
  keepAliveMs = SSE_KEEP_ALIVE_MS,
): Observable<MessageEvent> {
  return events$.pipe(
    coalesceOperationEvents(),
    paceToResponse(res),
    map(toMessageEvent),
    withSseKeepAlive(keepAliveMs, () => !res.writableNeedDrain),
  );
}
