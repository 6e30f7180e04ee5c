import type { ServerResponse } from 'node:http';
import { Subscription, type Observable } from 'rxjs';
import type { OperationEvent } from '@ktrdr/operations';

/** A comment line every 15 s keeps proxies and clients from timing the stream out. */
export const SSE_KEEP_ALIVE_MS = 15_000;

/** One SSE frame: `event: progress|status`, `id: <seq>`, `data: <the event as JSON>`. */
export function formatSseEvent(event: OperationEvent): string {
  return `id: ${event.seq}\nevent: ${event.kind}\ndata: ${JSON.stringify(event)}\n\n`;
}

/**
 * Writes an event stream to a Node/Express response as Server-Sent Events, by hand: headers
 * flushed at once, one frame per event, a keep-alive comment every `keepAliveMs`, the response
 * ended when the stream completes (after the terminal status event) or fails, and the stream
 * unsubscribed as soon as the client goes away. Does nothing (does not subscribe) when the
 * client has already gone.
 */
export function writeSse(
  res: ServerResponse,
  events$: Observable<OperationEvent>,
  opts: { keepAliveMs?: number; onError?: (error: unknown) => void } = {},
): void {
  // The client may have gone while the stream was being opened: its 'close' has fired already,
  // so a listener added now would never run and the subscription would leak.
  if (res.destroyed || res.writableEnded) return;
  res.statusCode = 200;
  res.setHeader('Content-Type', 'text/event-stream; charset=utf-8');
  res.setHeader('Cache-Control', 'no-cache');
  res.setHeader('Connection', 'keep-alive');
  res.setHeader('X-Accel-Buffering', 'no');
  res.flushHeaders();

  const write = (chunk: string): void => {
    if (!res.writableEnded && !res.destroyed) res.write(chunk);
  };
  // Subscribed into a container: a stream that completes synchronously (an operation that
  // already ended) can then tear everything down before `subscribe` even returns.
  const subscription = new Subscription();
  const keepAlive = setInterval(
    () => write(': keep-alive\n\n'),
    opts.keepAliveMs ?? SSE_KEEP_ALIVE_MS,
  );
  keepAlive.unref();
  const finish = (): void => {
    clearInterval(keepAlive);
    subscription.unsubscribe();
    if (!res.writableEnded) res.end();
  };
  res.on('close', finish);

  subscription.add(
    events$.subscribe({
      next: (event) => write(formatSseEvent(event)),
      error: (error: unknown) => {
        opts.onError?.(error);
        finish();
      },
      complete: finish,
    }),
  );
}
